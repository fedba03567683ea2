/**
 * A1 notation: parsing (`'It''s'!A2:Z`, `Sheet1`, `A:C`, `1:3`, `B7`) and
 * formatting (`'台账-温县'!A1:AH1000`).
 */

/** Cell bounds of an A1 range; `undefined` means "to the edge of the grid". Half-open. */
export interface A1Cells {
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
  /** True when the text named a single cell (`B7`), which writes treat as an anchor. */
  single: boolean;
}

/** Result of {@link parseA1}. */
export interface ParsedA1 {
  /** Sheet name as written (unquoted), if any. */
  sheetName?: string;
  /** Cell part; absent for a bare sheet name (whole sheet). */
  cells?: A1Cells;
}

interface Endpoint {
  col?: number;
  row?: number;
}

const ENDPOINT = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/;

/** Converts column letters (`A`, `Z`, `AA`, `AH`) to a 0-based index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Converts a 0-based column index to letters (0 → `A`, 33 → `AH`). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function parseEndpoint(text: string): Endpoint | undefined {
  const m = ENDPOINT.exec(text);
  if (!m) return undefined;
  const letters = m[1] ?? '';
  const digits = m[2] ?? '';
  if (!letters && !digits) return undefined;
  const ep: Endpoint = {};
  if (letters) ep.col = columnIndex(letters);
  if (digits) {
    const row = Number(digits);
    if (row < 1) return undefined;
    ep.row = row - 1;
  }
  return ep;
}

/** Parses the cell part of an A1 range (`A1`, `A1:B2`, `A:C`, `2:5`, `A2:Z`, `A3:3`), or `undefined`. */
export function parseCells(text: string): A1Cells | undefined {
  const parts = text.split(':');
  if (parts.length === 1) {
    const ep = parseEndpoint(parts[0] ?? '');
    if (!ep || ep.col === undefined || ep.row === undefined) return undefined;
    return { startRow: ep.row, endRow: ep.row + 1, startCol: ep.col, endCol: ep.col + 1, single: true };
  }
  if (parts.length !== 2) return undefined;
  const a = parseEndpoint(parts[0] ?? '');
  const b = parseEndpoint(parts[1] ?? '');
  if (!a || !b) return undefined;
  // Row-only endpoints (`2:5`) pair with each other, or end a range that starts at a cell: `A3:3` is A3 to
  // the last column of row 3, as Google reads it. `A2:Z`, `A:C`, `A:B5` carry columns on both sides.
  if (a.col === undefined && b.col !== undefined) return undefined;
  if (a.col !== undefined && b.col === undefined && (a.row === undefined || b.row === undefined)) return undefined;
  const [r1, r2] = order(a.row, b.row);
  const [c1, c2] = order(a.col, b.col);
  const cells: A1Cells = { single: false };
  if (r1 !== undefined) cells.startRow = r1;
  if (r2 !== undefined) cells.endRow = r2 + 1;
  if (c1 !== undefined) cells.startCol = c1;
  if (c2 !== undefined) cells.endCol = c2 + 1;
  return cells;
}

function order(x: number | undefined, y: number | undefined): [number | undefined, number | undefined] {
  if (x !== undefined && y !== undefined && x > y) return [y, x];
  return [x, y];
}

/**
 * Parses an A1 range. Quoted sheet names use `'…'` with `''` for a literal
 * quote. Text without `!` is tried as cells first, then as a sheet name
 * (the caller resolves the name). Returns `undefined` when unparseable.
 */
export function parseA1(input: string): ParsedA1 | undefined {
  const text = input.trim();
  if (!text) return undefined;
  if (text.startsWith("'")) {
    let name = '';
    let i = 1;
    for (;;) {
      if (i >= text.length) return undefined;
      const ch = text[i];
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i += 1;
    }
    const rest = text.slice(i + 1);
    if (rest === '') return { sheetName: name };
    if (!rest.startsWith('!')) return undefined;
    const cells = parseCells(rest.slice(1));
    return cells ? { sheetName: name, cells } : undefined;
  }
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const cells = parseCells(text.slice(bang + 1));
    return cells ? { sheetName: text.slice(0, bang), cells } : undefined;
  }
  const cells = parseCells(text);
  return cells ? { cells } : { sheetName: text };
}

const PLAIN_TITLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOOKS_LIKE_CELL = /^(?:[A-Za-z]{1,3}\d+|R\d*C\d*)$/i;

/** Quotes a sheet title for A1 output when Google would (spaces, punctuation, non-ASCII, cell-like names). */
export function quoteSheetTitle(title: string): string {
  if (PLAIN_TITLE.test(title) && !LOOKS_LIKE_CELL.test(title)) return title;
  return `'${title.replace(/'/g, "''")}'`;
}

/** Formats a bounded box as `A1` or `A1:B2` (half-open indices). */
export function formatCells(box: { startRow: number; endRow: number; startCol: number; endCol: number }): string {
  const start = `${columnLetters(box.startCol)}${box.startRow + 1}`;
  if (box.endRow - box.startRow === 1 && box.endCol - box.startCol === 1) return start;
  return `${start}:${columnLetters(Math.max(box.endCol - 1, box.startCol))}${Math.max(box.endRow, box.startRow + 1)}`;
}

/** Formats `title!A1:B2` with the title quoted as needed. */
export function formatA1(
  title: string,
  box: { startRow: number; endRow: number; startCol: number; endCol: number },
): string {
  return `${quoteSheetTitle(title)}!${formatCells(box)}`;
}
