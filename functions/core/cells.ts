/**
 * Raw cell values as a spreadsheet backend hands them over, and the small helpers every parser needs.
 * Sheets (UNFORMATTED_VALUE + SERIAL_NUMBER) gives strings, numbers and booleans, and formula errors as
 * strings such as "#REF!"; exceljs gives the same plus Date objects and `{ error }` objects.
 */

/** A formula error as exceljs reports it. */
export interface CellError {
  readonly error: string;
}

/** One cell as read from a store. Anything else (rich text, hyperlinks) is flattened by the adapter. */
export type Cell = string | number | boolean | Date | CellError | null | undefined;

/** Rows of cells; rows may be short (trailing blanks dropped) or missing. */
export type Grid = readonly (readonly Cell[] | undefined)[];

const ERROR_TEXT = /^#(?:REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

/** The error text ("#REF!") when the cell holds a formula error, else undefined. */
export function cellErrorText(cell: Cell): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  // Every error text starts with #: most cells are decided by their first character, without the pattern.
  if (typeof cell === 'string') return cell.charCodeAt(0) === 0x23 && ERROR_TEXT.test(cell) ? cell : undefined;
  if (typeof cell === 'object' && !(cell instanceof Date)) {
    return typeof cell.error === 'string' ? cell.error : '#ERROR!';
  }
  return undefined;
}

/** True when a cell is empty: null, undefined, or only white space. */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && cell.trim() === '';
}

/** What the user typed, as text, for quoting in a message. Dates show as YYYY-MM-DD (their UTC fields). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? '无效日期' : cell.toISOString().slice(0, 10);
  }
  return cellErrorText(cell) ?? '';
}

/** Full-width ASCII (！ to ～) and the ideographic space become half-width; used on every text cell. */
export function toHalfWidth(text: string): string {
  // Most texts hold no full-width form: find the first one before building anything.
  let i = 0;
  while (i < text.length && !isFullWidth(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

function isFullWidth(code: number): boolean {
  return (code >= 0xff01 && code <= 0xff5e) || code === 0x3000;
}

/** Header text in the form used for matching: trimmed, half-width, inner spaces removed. */
export function normalizeHeader(text: Cell): string {
  return toHalfWidth(cellText(text)).replace(/\s+/g, '');
}

/** Column letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1 address for a 0-based column and a 1-based sheet row. */
export function a1(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/** Splits a list typed by staff: `,` `;` `、` spaces and newlines, full-width forms too. */
export function splitList(text: string): string[] {
  return toHalfWidth(text)
    .split(/[,;、\s，；]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
