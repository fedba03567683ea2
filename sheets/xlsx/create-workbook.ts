/**
 * A new ledger workbook from tab grids (see functions/core/book.ts): admin tabs, one ledger tab per unit
 * with dropdowns, formats and header notes, and the system tabs, empty and marked as such.
 */
import ExcelJS from 'exceljs';
import {
  ADMIN_TABS, LEDGER_COLUMNS, SETTINGS_TAB, SETTING_ROWS, SYSTEM_TABS, TARGETS_TAB_NAME,
  dateCellOf, dayOf, isRealDate, normalizeHeader, type Cell, type TabSpec,
} from '../../functions/core/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { toExcel } from './cell-value.js';
import { formatLedgerColumns, styleHeader } from './layout.js';

const SETTING_NOTES = new Map(SETTING_ROWS.map((r) => [r.name, r.note]));
const SPECS = new Map<string, TabSpec>([...ADMIN_TABS, ...SYSTEM_TABS].map((s) => [s.name, s]));
const ADMIN_NAMES = new Set(ADMIN_TABS.map((t) => t.name));
const SYSTEM_NAMES = SYSTEM_TABS.map((t) => t.name);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Builds the workbook in memory. */
export interface BuildOptions {
  /** Store `YYYY-MM-DD` text in ledger date columns as date cells, as Excel does when a date is typed. */
  readonly datesAsCells?: boolean;
}

export async function buildWorkbook(tabs: ReadonlyMap<string, Cell[][]>, chains: readonly string[], options: BuildOptions = {}): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '招商引资台账';
  const names = [...tabs.keys(), ...SYSTEM_NAMES.filter((n) => !tabs.has(n))];
  for (const name of names) {
    const grid = tabs.get(name) ?? [];
    const ws = workbook.addWorksheet(name);
    const role = ADMIN_NAMES.has(name) ? 'admin' : SYSTEM_NAMES.includes(name) ? 'system' : isLedgerHeader(grid[0]) ? 'ledger' : 'other';
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
    const spec = SPECS.get(name);
    styleHeader(ws, header.map((h) => {
      const column = spec?.columns.find((c) => c.header === h);
      return { header: h, note: column?.note ?? (name === TARGETS_TAB_NAME ? (h === '单位名称' ? '与“单位”页一致。' : `“${h}”的年度目标（万元、万美元或个，与指标口径一致）。`) : ''), width: column?.width ?? 14 };
    }), role);
    writeRows(ws, grid, () => false);
    if (role === 'admin') adminDropdowns(ws, header, spec);
    if (name === SETTINGS_TAB.name) {
      for (let r = 2; r <= ws.rowCount; r++) {
        const key = String(ws.getRow(r).getCell(1).value ?? '');
        const note = SETTING_NOTES.get(key);
        if (note) ws.getRow(r).getCell(1).note = note;
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
  return SPECS.get(name)?.columns.map((c) => c.header) ?? [];
}

/** Admin columns with a closed list (口径, 计分方式, 类型) offer it as a dropdown that warns but accepts other text. */
function adminDropdowns(ws: ExcelJS.Worksheet, header: readonly string[], spec: TabSpec | undefined): void {
  const validations = (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  header.forEach((h, i) => {
    const choices = spec?.columns.find((c) => c.header === h)?.choices;
    if (!choices) return;
    const letter = ws.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}200`, {
      type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`], showErrorMessage: true, errorStyle: 'warning', errorTitle: h, error: `可选：${choices.join('、')}`,
    });
  });
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
