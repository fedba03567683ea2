/**
 * `init --spreadsheet ID` as the command line calls it: provision with the command's starting tabs
 * (its units, year and city fill admin tabs created now) and print what was done, in Chinese.
 */
import type { Cell } from '../../functions/core/cells.js';
import type { Config } from '../../functions/config.js';
import { provisionSpreadsheet, type ProvisionReport } from './provision.js';

/** Provisions `spreadsheetId` and writes the report to stdout. */
export async function provisionFromCli(spreadsheetId: string, tabs: ReadonlyMap<string, Cell[][]>, config: Config): Promise<void> {
  const report = await provisionSpreadsheet({
    spreadsheetId,
    ...(config.LEDGER_SHEETS_ROOT_URL ? { rootUrl: config.LEDGER_SHEETS_ROOT_URL } : {}),
    starters: { tabs },
  });
  process.stdout.write(formatProvisionReport(spreadsheetId, report));
}

/** The report as the operator reads it. */
export function formatProvisionReport(spreadsheetId: string, report: ProvisionReport): string {
  const lines = [`已初始化 Google 表格 ${spreadsheetId}：`];
  lines.push(report.createdTabs.length > 0 ? `新建页：${report.createdTabs.join('、')}` : '没有需要新建的页。');
  for (const added of report.addedHeaders) lines.push(`“${added.tab}”页补充表头：${added.headers.join('、')}`);
  if (report.checkFormulas.length > 0) lines.push(`设置“校验”列公式：${report.checkFormulas.join('、')}`);
  lines.push(`保护：新增 ${report.protections.added} 处，替换 ${report.protections.removed} 处；问题行标色规则：新增 ${report.highlights.added} 条。`);
  for (const warning of report.warnings) lines.push(`注意：${warning}`);
  return `${lines.join('\n')}\n`;
}
