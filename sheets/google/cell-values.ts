/**
 * Cells across the Sheets boundary. Reading uses UNFORMATTED_VALUE + SERIAL_NUMBER: strings, numbers
 * (dates as serials), booleans, and formula errors as their text ("#REF!"), which the core understands.
 * Writing never produces a formula: text that looks like one ("=1+1", "+86 138", "@x") is a
 * stringValue, the RAW semantics of the values API.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { cellErrorText, columnLetter, type Cell } from '../../functions/core/cells.js';

/** Google's limit on the text of one cell. */
export const MAX_CELL_CHARS = 50_000;

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/** A value from the values API as a Cell; "" (an inner gap the API pads with) is blank. */
export function cellFromApi(value: unknown): Cell {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** Rows from the values API; trailing blanks stay dropped (short rows are fine for the core). */
export function gridFromApi(values: readonly (readonly unknown[])[] | null | undefined): Cell[][] {
  return (values ?? []).map((row) => row.map(cellFromApi));
}

/** A Date as a serial number with its time of day, read from its UTC fields as exceljs writes them. */
function serialOf(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** The scalar a cell is written as: string, finite number, boolean, or undefined for blank. */
export function scalarOf(cell: Cell): string | number | boolean | undefined {
  if (cell === null || cell === undefined || cell === '') return undefined;
  if (typeof cell === 'string' || typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '无效日期' : serialOf(cell);
  return cellErrorText(cell) ?? '#ERROR!';
}

/** CellData holding the cell as a literal userEnteredValue (`{}` clears the cell's value). */
export function cellData(cell: Cell): sheets_v4.Schema$CellData {
  const value = scalarOf(cell);
  if (value === undefined) return {};
  if (typeof value === 'string') return { userEnteredValue: { stringValue: value } };
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  return { userEnteredValue: { boolValue: value } };
}

/** A cell for values.batchUpdate with RAW input; "" clears (null would leave the cell as it was). */
export function rawValue(cell: Cell): string | number | boolean {
  return scalarOf(cell) ?? '';
}

/** The first text longer than Google allows, as "A5", or undefined. */
export function overlongCell(grid: readonly (readonly Cell[])[]): string | undefined {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) return `${columnLetter(c)}${r + 1}`;
    }
  }
  return undefined;
}

/** A sheet title quoted for A1 notation: `'台账-温县'`, with `'` doubled. */
export function quoteTitle(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}
