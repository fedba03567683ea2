/**
 * `npm run rollover -- --ledger FILE.xlsx [--year Y+1] [--out NEW.xlsx]` (or `--spreadsheet ID`): next
 * year's ledger from this year's. Prints, unit by unit, the rows carried, dropped (终止) and carried
 * with 错误, the rows whose amounts must be carried by hand, and what to do next.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { RolloverPlan } from '../core/index.js';
import type { Config } from '../config.js';
import { runRollover } from '../pipeline/rollover.js';
import type { RolloverWriter } from '../ports.js';
import { storeFor } from '../wiring.js';
import { packageRolloverWriter } from '../../sheets/xlsx/rollover-package.js';
import { existsError, fileExists } from '../../sheets/xlsx/write-new-file.js';
import type { Args } from './args.js';
import { renderTable } from './table.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `台账2026.xlsx` → `台账2027.xlsx`; a name without the old year gets `-2027` before the extension. */
export function defaultOutPath(path: string, fromYear: number, toYear: number): string {
  const ext = extname(path);
  const stem = basename(path, ext);
  const renamed = stem.includes(String(fromYear)) ? stem.split(String(fromYear)).join(String(toYear)) : `${stem}-${toYear}`;
  return join(dirname(path), `${renamed}${ext || '.xlsx'}`);
}

export async function runRolloverCommand(args: Args, config: Config, clock: () => Date): Promise<void> {
  const now = clock();
  const say = (line: string) => out(`· ${line}`);
  let write: RolloverWriter;
  if (args.spreadsheet) {
    const { spreadsheetRolloverWriter } = await import('../../sheets/google/rollover-copy.js');
    const root = config.LEDGER_SHEETS_ROOT_URL || undefined;
    write = spreadsheetRolloverWriter({ spreadsheetId: args.spreadsheet!, accessToken: config.LEDGER_SHEETS_ACCESS_TOKEN || undefined, sheetsRootUrl: root, driveRootUrl: root, say });
  } else {
    const from = args.ledger!;
    if (args.yearly.out && (await fileExists(args.yearly.out))) throw existsError(args.yearly.out);
    write = packageRolloverWriter(from, (plan) => args.yearly.out ?? defaultOutPath(from, plan.fromYear, plan.toYear));
  }
  const { plan, label } = await runRollover(await storeFor(args, config), write, { toYear: args.year, now }, say);
  printRollover(plan);
  out(`\n已生成 ${plan.toYear} 年度台账：${label}（原台账未做任何改动，留作 ${plan.fromYear} 年档案）。`);
  const target = args.spreadsheet ? '--spreadsheet 新表格ID' : `--ledger ${label}`;
  out(`下一步：1. npm run targets -- ${target} --indicator 指标名称 --total 全市目标（每个目标完成率指标一次）；`);
  out(`        2. 核对“目标任务”页；3. 次月初运行 npm run cycle -- ${target} --period ${plan.toYear}-01`);
}

/** The per-unit table and the rows to finish by hand. */
export function printRollover(plan: RolloverPlan): void {
  const rows = plan.units.map((u) => [u.unit, u.tab, String(u.carried), String(u.dropped), String(u.withErrors), String(u.unreadable)]);
  const sum = (pick: (u: RolloverPlan['units'][number]) => number) => String(plan.units.reduce((s, u) => s + pick(u), 0));
  rows.push(['合计', '', sum((u) => u.carried), sum((u) => u.dropped), sum((u) => u.withErrors), sum((u) => u.unreadable)]);
  out(`\n${plan.fromYear} → ${plan.toYear} 年度结转`);
  out(renderTable(['单位', '台账页', '结转', '删除（终止）', '其中带错误', '金额无法识别'], rows, new Set([2, 3, 4, 5])));
  if (plan.unreadable.length === 0) return;
  out(`\n以下 ${plan.unreadable.length} 行有无法识别的金额，上年末累计到位和 1–12月到位已原样保留，请在新台账中手工结转（上年末累计到位改为累计数，清空各月）：`);
  for (const r of plan.unreadable) out(`  【${r.tab} 第 ${r.row} 行 ${r.id || '（无项目编号）'}】${r.cells.join('；')}`);
}
