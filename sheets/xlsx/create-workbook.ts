/**
 * A new ledger workbook from tab grids (see functions/core/book.ts): admin tabs, one ledger tab per unit
 * with dropdowns, formats and header notes, and the system tabs, empty and marked as such.
 */
import ExcelJS from 'exceljs';
import {
  ADJUSTMENTS_TAB, ADMIN_TAB_NAMES, SIGNOFF_TAB, LEDGER_COLUMNS, METHOD_TAB, SETTINGS_TAB, SYSTEM_TAB_NAMES, TARGETS_TAB_NAME, UNITS_TAB,
  CHANGES_TAB, CHECK_RESULTS_TAB, RANKING_LEAD, RANKING_TAIL, RUN_LOG_TAB, SCORE_DETAIL_TAB, SEND_LOG_TAB, SNAPSHOT_TAB, WARNINGS_TAB, WEEKLY_TAB,
  dateCellOf, dayOf, isRealDate, normalizeHeader, type Cell, type TabSpec,
} from '../../functions/core/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { toExcel } from './cell-value.js';
import { formatLedgerColumns, styleHeader } from './layout.js';

const SETTING_NOTES: Record<string, string> = {
  年度: '考核年度，如 2026。',
  城市: '报告标题中的城市名称。',
  超期未开工天数: '签约后超过这么多天仍未开工即为超期（默认 180）。',
  长期未更新天数: '在推项目超过这么多天未更新即预警（默认 14）。',
  周上报截止: '每周上报截止时间，如“周五 17:00”。',
  序时进度: '12 个逗号分隔的累计百分比，如 6%,13%,…,100%；留空按每月 1/12。',
  通报收件人: '接收月度通报、季度讲评、年度总评的市领导邮箱，多个用逗号分隔。',
  管理员邮箱: '接收运行失败通知和送审稿的管理员邮箱；在线表格中可编辑全部页面。',
  等次: '按总分划分等次，如“优秀:90,良好:80,一般:60,较差:0”。',
  产业链: '台账“产业链”列可选的值，逗号分隔。',
  通报群: '选填：接收月度通报等全市报告摘要的钉钉或企业微信群名；须与部署配置 LEDGER_ROBOTS 中的群名一致。',
  通报审核: '是：月度通报、季度讲评、年度总评先作为送审稿发给管理员，在“审核”页填写同意后才发给领导和工作群；否：直接发送。',
};

const SPECS: Record<string, TabSpec> = Object.fromEntries(
  [SETTINGS_TAB, UNITS_TAB, METHOD_TAB, ADJUSTMENTS_TAB, SIGNOFF_TAB, CHECK_RESULTS_TAB, SCORE_DETAIL_TAB, WARNINGS_TAB, WEEKLY_TAB, SNAPSHOT_TAB, CHANGES_TAB, SEND_LOG_TAB, RUN_LOG_TAB].map((s) => [s.name, s]),
);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Builds the workbook in memory. */
export interface BuildOptions {
  /** Store `YYYY-MM-DD` text in ledger date columns as date cells, as Excel does when a date is typed. */
  readonly datesAsCells?: boolean;
}

export async function buildWorkbook(tabs: ReadonlyMap<string, Cell[][]>, chains: readonly string[], options: BuildOptions = {}): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '招商引资台账';
  const names = [...tabs.keys(), ...SYSTEM_TAB_NAMES.filter((n) => !tabs.has(n))];
  for (const name of names) {
    const grid = tabs.get(name) ?? [];
    const ws = workbook.addWorksheet(name);
    const role = (ADMIN_TAB_NAMES as readonly string[]).includes(name) ? 'admin' : (SYSTEM_TAB_NAMES as readonly string[]).includes(name) ? 'system' : isLedgerHeader(grid[0]) ? 'ledger' : 'other';
    if (role === 'ledger') {
      // Columns as the grid has them (a test or an import may order them differently), styled by spec.
      const columns = (grid[0] ?? []).map((h) => LEDGER_COLUMNS.find((c) => c.header === normalizeHeader(h)) ?? { key: String(h), header: String(h ?? ''), kind: 'text' as const, note: '', width: 12 });
      styleHeader(ws, columns, 'ledger');
      formatLedgerColumns(ws, columns, chains);
      writeRows(ws, grid, (c) => options.datesAsCells === true && columns[c]?.kind === 'date');
      continue;
    }
    if (role === 'other') {
      // A tab the system does not know (notes, a pivot of the bureau's own): written as it is.
      grid.forEach((cells, r) => cells.forEach((cell, c) => {
        if (cell !== null && cell !== undefined) ws.getRow(r + 1).getCell(c + 1).value = toExcel(cell);
      }));
      continue;
    }
    const header = (grid[0] ?? headerOf(name)).map((h) => String(h ?? ''));
    const spec = SPECS[name];
    styleHeader(ws, header.map((h) => {
      const column = spec?.columns.find((c) => c.header === h);
      return { header: h, note: column?.note ?? (name === TARGETS_TAB_NAME ? (h === '单位名称' ? '与“单位”页一致。' : `“${h}”的年度目标（万元或个）。`) : ''), width: column?.width ?? 14 };
    }), role);
    writeRows(ws, grid, () => false);
    if (name === SETTINGS_TAB.name) {
      for (let r = 2; r <= ws.rowCount; r++) {
        const key = String(ws.getRow(r).getCell(1).value ?? '');
        if (SETTING_NOTES[key]) ws.getRow(r).getCell(1).note = SETTING_NOTES[key];
        ws.getRow(r).getCell(2).alignment = { wrapText: true };
      }
    }
    if (role === 'system') await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, autoFilter: true, sort: true, formatColumns: true });
  }
  return workbook;
}

function isLedgerHeader(header: readonly Cell[] | undefined): boolean {
  return (header ?? []).some((h) => normalizeHeader(h) === '项目编号');
}

function headerOf(name: string): string[] {
  if (name === '排名') return [...RANKING_LEAD, ...RANKING_TAIL];
  return SPECS[name]?.columns.map((c) => c.header) ?? [];
}

/** Data rows from row 2; `YYYY-MM-DD` text in a date column becomes a date cell, as Excel does when typed. */
function writeRows(ws: ExcelJS.Worksheet, grid: readonly Cell[][], isDate: (column: number) => boolean): void {
  for (let r = 1; r < grid.length; r++) {
    const row = ws.getRow(r + 1);
    (grid[r] ?? []).forEach((cell, c) => {
      if (cell === null || cell === undefined) return;
      const iso = typeof cell === 'string' && isDate(c) ? ISO_DATE.exec(cell) : null;
      // Only a real date becomes a date cell: "2026-02-30" stays text, as a spreadsheet keeps it, so it is reported.
      const real = iso && isRealDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      row.getCell(c + 1).value = iso && real ? dateCellOf(dayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]))) : toExcel(cell);
    });
  }
}

/** Writes a new workbook file atomically. */
export async function createWorkbookFile(path: string, tabs: ReadonlyMap<string, Cell[][]>, chains: readonly string[], options: BuildOptions = {}): Promise<void> {
  const workbook = await buildWorkbook(tabs, chains, options);
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(path, new Uint8Array(buffer as ArrayBuffer));
}
