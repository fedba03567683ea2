/**
 * The .xlsx ledger store: the embedded default, and the real answer for offices without Google services.
 * A run holds the file for its duration (run lock; refused while an office program has it open), reads
 * every tab, and writes back only the system tabs and the 校验 column, atomically.
 */
import ExcelJS from 'exceljs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  CHECK_RESULTS_TAB, LEDGER_COLUMNS, SEND_LOG_TAB, normalizeHeader, type Cell, type Grid, type OutputGrid,
} from '../../functions/core/index.js';
import { LedgerError } from '../../functions/errors.js';
import type { LedgerContents, LedgerSession, LedgerStore, LedgerUpdate } from '../../functions/ports.js';
import { writeFileAtomic } from './atomic-write.js';
import { fromExcel, toExcel } from './cell-value.js';
import { SYSTEM_FORMATS, styleHeader } from './layout.js';
import { acquireRunLock, refuseIfOpenElsewhere } from './locks.js';
import { appendJournal, clearJournal, readJournal } from './send-journal.js';

export interface WorkbookStoreOptions {
  readonly path: string;
  /** For the lock file's timestamp; defaults to the system clock. */
  readonly now?: () => Date;
}

/** Deflate level 1: files 10–20 % larger, written 2–3× faster; a ledger is rewritten on every run. */
export const FAST_ZIP = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;

const CHECK_HEADER = LEDGER_COLUMNS.find((c) => c.key === 'check')?.header ?? '校验';

export function createWorkbookStore(options: WorkbookStoreOptions): LedgerStore {
  return { open: () => openWorkbook(options) };
}

async function openWorkbook(options: WorkbookStoreOptions): Promise<LedgerSession> {
  const { path } = options;
  const name = basename(path);
  try {
    await stat(path);
  } catch {
    throw new LedgerError('LEDGER_UNUSABLE', `找不到台账文件“${path}”：请检查路径，或用 npm run init -- --ledger ${path} 新建一个。`);
  }
  await refuseIfOpenElsewhere(path);
  const release = await acquireRunLock(path, (options.now ?? (() => new Date()))());
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (cause) {
    await release();
    throw new LedgerError('LEDGER_UNUSABLE', `“${name}”不是有效的 Excel 工作簿（.xlsx）：请确认文件没有损坏；WPS 或 Excel 中“另存为”Excel 工作簿 (*.xlsx) 后再试。`, { cause });
  }
  let journaled = 0;
  let closed = false;
  return {
    label: path,
    async read(): Promise<LedgerContents> {
      const tabs = new Map<string, Grid>();
      for (const ws of workbook.worksheets) tabs.set(ws.name, gridOf(ws));
      const pending = await readJournal(path);
      journaled = pending.length;
      if (pending.length > 0) tabs.set(SEND_LOG_TAB.name, mergeSendLog(tabs.get(SEND_LOG_TAB.name), pending));
      return { tabs };
    },
    async write(update: LedgerUpdate): Promise<void> {
      for (const [tab, grid] of update.systemTabs) await replaceSystemTab(workbook, tab, grid);
      for (const [tab, texts] of update.checks) writeCheckColumn(workbook, tab, texts);
      const buffer = await workbook.xlsx.writeBuffer(FAST_ZIP);
      await writeFileAtomic(path, new Uint8Array(buffer as ArrayBuffer));
      if (update.systemTabs.has(SEND_LOG_TAB.name) && journaled > 0) {
        await clearJournal(path);
        journaled = 0;
      }
    },
    async appendSendLog(rows: readonly Cell[][]): Promise<void> {
      await appendJournal(path, rows);
      journaled += rows.length;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await release();
    },
  };
}

/** A worksheet as a grid of core cells; short rows stay short. */
function gridOf(ws: ExcelJS.Worksheet): Cell[][] {
  const grid: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(fromExcel(values[c]));
    // Styled but empty cells (column formats) come back as null: trim them, as Sheets drops trailing blanks.
    while (cells.length > 0 && (cells[cells.length - 1] === null || cells[cells.length - 1] === undefined)) cells.pop();
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

/** 发送记录 as read plus journal rows it does not have yet (same Message-ID, recipient and status). */
function mergeSendLog(existing: Grid | undefined, pending: readonly Cell[][]): Cell[][] {
  const header = SEND_LOG_TAB.columns.map((c) => c.header);
  const rows = (existing ?? [header]).map((r) => [...(r ?? [])]);
  if (rows.length === 0) rows.push(header);
  const key = (r: readonly Cell[]) => `${String(r[4] ?? '')}\u0000${String(r[2] ?? '')}\u0000${String(r[3] ?? '')}`;
  const seen = new Set(rows.slice(1).map(key));
  for (const row of pending) if (!seen.has(key(row))) rows.push([...row]);
  return rows;
}

/** Replaces a system tab whole, in its place among the tabs, styled and protected against typing. */
async function replaceSystemTab(workbook: ExcelJS.Workbook, name: string, grid: OutputGrid): Promise<void> {
  const old = workbook.getWorksheet(name);
  const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
  if (old) workbook.removeWorksheet(old.id);
  const ws = workbook.addWorksheet(name);
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
  const header = (grid[0] ?? []).map((h) => String(h ?? ''));
  styleHeader(ws, header.map((h) => ({ header: h, note: h === header[0] ? '系统生成的页，每次运行整页重写，请勿修改。' : '', width: widthOf(name, h) })), 'system');
  for (let r = 1; r < grid.length; r++) {
    const row = ws.getRow(r + 1);
    (grid[r] ?? []).forEach((cell, c) => {
      if (cell !== null && cell !== undefined) row.getCell(c + 1).value = toExcel(cell);
    });
  }
  header.forEach((h, i) => {
    const format = SYSTEM_FORMATS[h];
    if (format) ws.getColumn(i + 1).numFmt = format;
  });
  if (name === CHECK_RESULTS_TAB.name) ws.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, autoFilter: true, sort: true, formatColumns: true });
}

function widthOf(tab: string, header: string): number {
  const spec = [CHECK_RESULTS_TAB, SEND_LOG_TAB].find((s) => s.name === tab)?.columns.find((c) => c.header === header);
  if (spec) return spec.width;
  if (['说明', '问题', '内容'].includes(header)) return 50;
  return Math.max(8, Math.min(24, [...header].length * 2 + 2));
}

/**
 * Writes the 校验 column of a unit tab: the given texts, and blank for rows without one. Only that
 * column is touched; a missing 校验 column is added after the last header.
 */
function writeCheckColumn(workbook: ExcelJS.Workbook, tab: string, texts: ReadonlyMap<number, string>): void {
  const ws = workbook.getWorksheet(tab);
  if (!ws) return;
  const header = ws.getRow(1);
  let column = 0;
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    if (normalizeHeader(fromExcel(cell.value)) === CHECK_HEADER) column = col;
  });
  if (column === 0) {
    column = Math.max(header.cellCount, ws.actualColumnCount) + 1;
    const cell = header.getCell(column);
    cell.value = CHECK_HEADER;
    cell.note = '系统填写：✓ 表示无问题，否则列出本行问题。请勿在此列输入。';
    ws.getColumn(column).width = 40;
  }
  const last = Math.max(ws.rowCount, ...texts.keys());
  for (let r = 2; r <= last; r++) {
    const cell = ws.getRow(r).getCell(column);
    const text = texts.get(r) ?? null;
    if (cell.value !== text) cell.value = text;
    if (text) {
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.font = { size: 9, color: { argb: text.startsWith('✗') ? 'FFC00000' : text.startsWith('⚠') ? 'FFB8860B' : 'FF548235' } };
    }
  }
}

