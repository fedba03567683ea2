/**
 * The batchUpdate requests that replace system tabs whole, in one atomic request: addSheet for a tab
 * that does not exist yet (with a sheetId chosen here, so later requests of the same batch can use it),
 * appendDimension where a grid is too small, then one updateCells per tab over an open-ended range from
 * A1: every cell the new content does not cover loses its value, so a shorter result leaves no stale
 * rows or columns. Values are literal (stringValue/numberValue/boolValue), never formulas.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { OutputGrid } from '../../functions/core/outputs.js';
import { LedgerError } from '../../functions/errors.js';
import { MAX_CELL_CHARS, cellData, overlongCell } from './cell-values.js';
import type { SheetInfo } from './metadata.js';

/** Spare rows a new tab gets below its content. */
const NEW_TAB_SPARE_ROWS = 100;

/** A batchUpdate's requests and the tabs as they will be once it is applied. */
export interface SystemTabPlan {
  readonly requests: sheets_v4.Schema$Request[];
  /** The tabs as they will be once the requests are applied. */
  readonly sheets: SheetInfo[];
}

/** Throws when a cell holds more text than Google allows, naming the tab and cell. */
export function assertCellsFit(tabs: ReadonlyMap<string, OutputGrid>): void {
  for (const [title, grid] of tabs) {
    const tooLong = overlongCell(grid);
    if (tooLong) {
      throw new LedgerError(
        'LEDGER_UNUSABLE',
        `写入“${title}”页失败：单元格 ${tooLong} 的内容超过 Google 表格每格 ${MAX_CELL_CHARS} 字的上限。请缩短台账中相应项目过长的文字（如进展情况、存在问题）后重新运行。`,
      );
    }
  }
}

/**
 * Requests making tab `title` exist with at least `height` rows and `width` columns: addSheet (with a
 * sheetId chosen here) or appendDimension. Returns the tab as it will be.
 */
export function ensureTab(sheets: SheetInfo[], title: string, height: number, width: number, hidden: boolean): { requests: sheets_v4.Schema$Request[]; sheet: SheetInfo } {
  const at = sheets.findIndex((s) => s.title === title);
  const existing = sheets[at];
  if (!existing) {
    const sheet: SheetInfo = {
      sheetId: Math.max(0, ...sheets.map((s) => s.sheetId)) + 1, title, index: sheets.length, rowCount: height + NEW_TAB_SPARE_ROWS,
      columnCount: width, frozenRowCount: 1, hidden, isGrid: true,
    };
    sheets.push(sheet);
    const gridProperties = { rowCount: sheet.rowCount, columnCount: sheet.columnCount, frozenRowCount: 1 };
    return { requests: [{ addSheet: { properties: { sheetId: sheet.sheetId, title, index: sheet.index, hidden, gridProperties } } }], sheet };
  }
  const requests: sheets_v4.Schema$Request[] = [];
  const sheet = { ...existing, rowCount: Math.max(existing.rowCount, height), columnCount: Math.max(existing.columnCount, width) };
  if (sheet.rowCount > existing.rowCount) {
    requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: sheet.rowCount - existing.rowCount } });
  }
  if (sheet.columnCount > existing.columnCount) {
    requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'COLUMNS', length: sheet.columnCount - existing.columnCount } });
  }
  sheets[at] = sheet;
  return { requests, sheet };
}

/** updateCells over a tab's whole grid from A1: `rows` land, every other value is cleared. */
export function replaceValues(sheetId: number, grid: OutputGrid | undefined): sheets_v4.Schema$Request {
  return {
    updateCells: {
      range: { sheetId, startRowIndex: 0, startColumnIndex: 0 },
      ...(grid ? { rows: grid.map((row) => ({ values: trimTrailing(row.map(cellData)) })) } : {}),
      fields: 'userEnteredValue',
    },
  };
}

/** Requests writing `tabs` (name → grid, header first); `hidden` tabs are created hidden. */
export function systemTabRequests(
  sheets: readonly SheetInfo[],
  tabs: ReadonlyMap<string, OutputGrid>,
  hidden: ReadonlySet<string> = new Set(),
): SystemTabPlan {
  const next = [...sheets];
  const requests: sheets_v4.Schema$Request[] = [];
  for (const [title, grid] of tabs) {
    const height = Math.max(grid.length, 1);
    const width = Math.max(1, ...grid.map((row) => row.length));
    const ensured = ensureTab(next, title, height, width, hidden.has(title));
    requests.push(...ensured.requests, replaceValues(ensured.sheet.sheetId, grid));
  }
  return { requests, sheets: next };
}

function trimTrailing(values: sheets_v4.Schema$CellData[]): sheets_v4.Schema$CellData[] {
  let end = values.length;
  while (end > 0 && values[end - 1]?.userEnteredValue === undefined) end--;
  return values.slice(0, end);
}

/**
 * Requests writing `rows` at 1-based sheet row `startRow` of tab `title` (creating the tab with
 * `header` first when it does not exist, then starting below the header). Writing to explicit rows
 * rather than values.append keeps a retried request from adding the rows twice; the grid is grown
 * first because writes beyond it fail.
 */
export function appendRowsRequests(
  sheets: readonly SheetInfo[],
  title: string,
  header: readonly string[],
  startRow: number,
  rows: OutputGrid,
): SystemTabPlan & { readonly nextRow: number } {
  const sheet = sheets.find((s) => s.title === title);
  if (!sheet) {
    const plan = systemTabRequests(sheets, new Map([[title, [[...header], ...rows]]]));
    return { ...plan, nextRow: rows.length + 2 };
  }
  const requests: sheets_v4.Schema$Request[] = [];
  const lastRow = startRow - 1 + rows.length;
  const width = Math.max(1, ...rows.map((r) => r.length));
  if (lastRow > sheet.rowCount) {
    requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: lastRow - sheet.rowCount } });
  }
  if (width > sheet.columnCount) {
    requests.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'COLUMNS', length: width - sheet.columnCount } });
  }
  requests.push({
    updateCells: {
      start: { sheetId: sheet.sheetId, rowIndex: startRow - 1, columnIndex: 0 },
      rows: rows.map((row) => ({ values: row.map(cellData) })),
      fields: 'userEnteredValue',
    },
  });
  const grown = { ...sheet, rowCount: Math.max(sheet.rowCount, lastRow), columnCount: Math.max(sheet.columnCount, width) };
  return { requests, sheets: sheets.map((s) => (s === sheet ? grown : s)), nextRow: lastRow + 1 };
}
