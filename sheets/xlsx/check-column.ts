/**
 * The 校验 column of a ledger sheet, patched into the sheet's XML text: only the cells of that one
 * column change (and the row's optional `spans` hint, the sheet's `dimension`, and a width for a new
 * column). Every other byte of the part — other cells, formats, merges, validations, conditional
 * formats, comments' anchors — is kept as it was.
 */
import { isSpaceChar, isWordChar } from './char-classes.js';
import { cellXml } from './system-sheet.js';
import { LEDGER_COLUMNS, normalizeHeader, type Grid } from '../../functions/core/index.js';
import { columnLetter } from '../../functions/core/cells.js';
import { columnIndex } from './sheet-reader.js';

/** The 校验 column's header, from the ledger's column declaration. */
export const CHECK_HEADER = LEDGER_COLUMNS.find((c) => c.key === 'check')?.header ?? '校验';

/** Where 校验 goes in a tab. */
export interface CheckPlace {
  readonly column: number;
  readonly isNew: boolean;
}

/**
 * Where 校验 goes in a tab: its header's column, else right after the last column holding anything in
 * any row (header or not; `usedWidth` counts formulas that show blank), so it never lands on a staff cell.
 */
export function checkColumnOf(grid: Grid, usedWidth = 0): CheckPlace {
  const header = grid[0] ?? [];
  const at = header.findIndex((h) => normalizeHeader(h) === CHECK_HEADER);
  if (at >= 0) return { column: at, isNew: false };
  let width = 0;
  for (const row of grid) {
    const cells = row ?? [];
    for (let c = cells.length - 1; c >= width; c--) {
      const cell = cells[c];
      if (cell !== null && cell !== undefined && cell !== '') {
        width = c + 1;
        break;
      }
    }
  }
  return { column: Math.max(width, usedWidth), isNew: true };
}

export interface CheckPatch {
  /** 0-based column of 校验. */
  readonly column: number;
  /** Write the header in row 1 (the column is new). */
  readonly header?: string;
  /** 1-based row → text; rows of the sheet without one are blanked in this column. */
  readonly texts: ReadonlyMap<number, string>;
  /** `s` index for a text (its colour by ✗ / ⚠ / ✓). */
  readonly styleOf: (text: string) => number;
  readonly date1904: boolean;
}

export interface PatchResult {
  readonly xml: string;
  /** A replaced cell held a formula: calcChain.xml must go, or Excel offers to repair the file. */
  readonly removedFormula: boolean;
}

const ROW = /<((?:\w+:)?)row\b([^>]*?)(\/?)>/g;
const CELL = /<((?:\w+:)?)c\b([^>]*?)(\/?)>/g;

const ATTRIBUTES: Readonly<Record<string, RegExp>> = { r: /\sr="([^"]*)"/, s: /\ss="([^"]*)"/, min: /\smin="([^"]*)"/, max: /\smax="([^"]*)"/ };
const attr = (attributes: string, name: 'r' | 's' | 'min' | 'max'): string | undefined => ATTRIBUTES[name]?.exec(attributes)?.[1];

/** Applies the patch to a worksheet part's text. */
export function patchCheckColumn(xml: string, patch: CheckPatch): PatchResult {
  return patchText(xml, patch, (cell) => cell);
}

/**
 * Applies the patch to a worksheet part's UTF-8 bytes; the bytes are returned untouched when nothing
 * changes. Why: decoding a 400 KB sheet of Chinese text to a JS string, and encoding it back, cost more
 * than the patch itself. Read as latin1, every byte is one character, so the text is a plain copy; all
 * the markup the patch looks for is ASCII, and no byte of a multi-byte UTF-8 character is ASCII, so the
 * same scan finds the same rows and cells at the same places. Only what the patch writes itself (the
 * new cells' XML) is encoded to its UTF-8 bytes first, and everything copied from the part stays in the
 * part's own bytes; `test/sheets/xlsx/write-fast-paths.test.ts` checks both paths agree. (One reading
 * differs, and only inside another attribute's quoted value: a character whose last UTF-8 byte is 0xA0
 * right before `r="` reads as the no-break space the old `\s` accepted there.)
 */
export function patchCheckColumnBytes(bytes: Buffer, patch: CheckPatch): { bytes: Buffer; removedFormula: boolean } {
  const xml = bytes.toString('latin1');
  const result = patchText(xml, patch, (cell) => (isAscii(cell) ? cell : Buffer.from(cell, 'utf8').toString('latin1')));
  return { bytes: result.xml === xml ? bytes : Buffer.from(result.xml, 'latin1'), removedFormula: result.removedFormula };
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;
const isAscii = (text: string) => !NON_ASCII.test(text);

/**
 * The patch over a part's text; `encode` turns a new cell's XML into the text's encoding. `shortcut`
 * false visits every cell of every row (the differential test's reference for the last-cell shortcut).
 */
export function patchText(xml: string, patch: CheckPatch, encode: (cell: string) => string, shortcut = true): PatchResult {
  let removedFormula = false;
  const open = /<((?:\w+:)?)sheetData\b([^>]*?)(\/?)>/.exec(xml);
  if (!open) return { xml, removedFormula };
  const prefix = open[1] ?? '';
  const bodyStart = open.index + open[0].length;
  const bodyEnd = open[3] === '/' ? bodyStart : xml.indexOf(`</${prefix}sheetData>`, bodyStart);
  if (bodyEnd < 0) return { xml, removedFormula };
  const body = xml.slice(bodyStart, bodyEnd);
  const wanted = new Map(patch.texts);
  if (patch.header !== undefined) wanted.set(1, patch.header);
  const letters = columnLetter(patch.column);
  let headerStyle = 0;

  // New elements take the document's prefix (the .NET SDK writes x:c in a document without a default namespace).
  const prefixed = (cell: string) => (prefix === '' ? cell : cell.replace(/<(\/?)(c|is|t|v)\b/g, `<$1${prefix}$2`));
  const newCell = (row: number): string => {
    const text = wanted.get(row);
    if (text === undefined) return '';
    return prefixed(encode(cellXml(`${letters}${row}`, text, row === 1 ? headerStyle : patch.styleOf(text), patch.date1904)));
  };

  const out: string[] = [];
  let last = 0;
  let rowNumber = 0;
  // Rows that need a cell but have no <row> element yet, in order, consumed as the scan passes them.
  const pending = [...wanted.keys()].sort((a, b) => a - b);
  let nextPending = 0;
  ROW.lastIndex = 0;
  for (let m = ROW.exec(body); m; m = ROW.exec(body)) {
    const attributes = m[2] ?? '';
    const r = attr(attributes, 'r');
    const next = r !== undefined ? Number(r) : rowNumber + 1;
    while (nextPending < pending.length && (pending[nextPending] ?? 0) <= rowNumber) nextPending++;
    for (; nextPending < pending.length && (pending[nextPending] ?? 0) < next; nextPending++) {
      const missing = pending[nextPending] ?? 0;
      out.push(body.slice(last, m.index), `<${prefix}row r="${missing}">${newCell(missing)}</${prefix}row>`);
      last = m.index;
    }
    rowNumber = next;
    const selfClosing = m[3] === '/';
    const contentStart = m.index + m[0].length;
    const end = selfClosing ? contentStart : body.indexOf(`</${prefix}row>`, contentStart);
    if (end < 0) break;
    const content = body.slice(contentStart, end);
    if (rowNumber === 1 && patch.header !== undefined) headerStyle = lastStyle(content);
    const patched = patchRow(content, rowNumber);
    if (patched !== undefined) {
      const tag = `<${prefix}row${attributes.replace(/\sspans="[^"]*"/, '')}>`;
      out.push(body.slice(last, m.index), tag, patched, `</${prefix}row>`);
      last = selfClosing ? contentStart : end + `</${prefix}row>`.length;
    }
    ROW.lastIndex = selfClosing ? contentStart : end;
  }
  out.push(body.slice(last));
  for (const missing of pending.filter((k) => k > rowNumber)) out.push(`<${prefix}row r="${missing}">${newCell(missing)}</${prefix}row>`);

  /** The row's cells with the 校验 cell replaced or inserted, or undefined when nothing changes. */
  function patchRow(content: string, row: number): string | undefined {
    const replacement = newCell(row);
    // The header row is staff territory unless the 校验 header is being added.
    if (row === 1 && replacement === '') return undefined;
    // SpreadsheetML keeps a row's cells in column order: when its last cell names a column left of
    // 校验 (every row, when 校验 is new or last), no cell is at or right of it, and the new cell goes at
    // the end — what the scan below finds after visiting every cell, found from the end instead.
    if (shortcut) {
      const lastColumn = lastCellColumn(content, prefix);
      if (lastColumn !== undefined && lastColumn < patch.column) return replacement === '' ? undefined : content + replacement;
    }
    let column = -1;
    const cell = CELL_TAG;
    for (let from = 0; nextCell(content, from, cell); ) {
      const ref = refColumn(content, cell.attrsStart, cell.attrsEnd);
      column = ref ?? column + 1;
      const close = closeTagOf(content.slice(cell.index + 1, cell.nameAt));
      const cellEnd = cell.selfClosing ? cell.end : content.indexOf(close, cell.index) + close.length;
      if (column < patch.column) {
        // An unclosed cell (indexOf gave -1) would be found again and again: stop instead. The reader
        // has refused such a part before any write, so this is only a guard.
        if (cellEnd <= cell.index) break;
        from = cellEnd;
        continue;
      }
      if (column > patch.column) return replacement === '' ? undefined : content.slice(0, cell.index) + replacement + content.slice(cell.index);
      const existing = content.slice(cell.index, cellEnd);
      if (/<(?:\w+:)?f\b/.test(existing)) removedFormula = true;
      if (replacement === '') {
        // No text for this row: blank the cell but keep its format.
        if (!/<(?:\w+:)?(v|is|f)\b/.test(existing)) return undefined;
        const style = attr(content.slice(cell.attrsStart, cell.attrsEnd), 's');
        return content.slice(0, cell.index) + prefixed(`<c r="${letters}${row}"${style ? ` s="${style}"` : ''}/>`) + content.slice(cellEnd);
      }
      return content.slice(0, cell.index) + replacement + content.slice(cellEnd);
    }
    return replacement === '' ? undefined : content + replacement;
  }

  // <dimension> comes before <sheetData>: only that stretch is searched (a sheet without one is left
  // without one). Widened before the parts are joined, so the joined part is not searched again.
  const head = widenIn(xml.slice(0, open.index), patch.column, Math.max(rowNumber, pending.at(-1) ?? 0));
  let result = head + (open[3] === '/' ? `<${prefix}sheetData${open[2] ?? ''}>` : open[0]) + out.join('') + (open[3] === '/' ? `</${prefix}sheetData>` : '') + xml.slice(bodyEnd);
  if (patch.header !== undefined) result = addColumnWidth(result, patch.column, prefix);
  return { xml: result, removedFormula };
}

/**
 * A cell's start tag as offsets into the row's text. The scan below finds exactly what
 * `/<((?:\w+:)?)c\b([^>]*?)(\/?)>/g` and `/\sr="([^"]*)"/` find (the patch once used them), without
 * making a match array and substrings for each of the millions of cells a big ledger has; the
 * differential test in write-fast-paths.test.ts compares the two over generated rows.
 */
export interface CellTag {
  /** Where `<` is. */
  index: number;
  /** Where the `c` of the element name is (after a prefix such as `x:`). */
  nameAt: number;
  /** The attributes, without a self-closing `/`. */
  attrsStart: number;
  attrsEnd: number;
  selfClosing: boolean;
  /** Just after `>`. */
  end: number;
}

const CELL_TAG: CellTag = { index: 0, nameAt: 0, attrsStart: 0, attrsEnd: 0, selfClosing: false, end: 0 };

/** Finds the next cell start tag at or after `from` into `tag`; false when there is none. */
export function nextCell(text: string, from: number, tag: CellTag): boolean {
  for (let at = text.indexOf('<', from); at >= 0; at = text.indexOf('<', at + 1)) {
    // A prefix is a whole run of word characters ending in ':'; without one, `c` must follow `<` directly.
    let run = at + 1;
    while (isWordChar(text.charCodeAt(run))) run++;
    let name = -1;
    if (run > at + 1 && text.charCodeAt(run) === 58 && text.charCodeAt(run + 1) === 99 && !isWordChar(text.charCodeAt(run + 2))) name = run + 1;
    else if (text.charCodeAt(at + 1) === 99 && !isWordChar(text.charCodeAt(at + 2))) name = at + 1;
    if (name < 0) continue;
    const close = text.indexOf('>', name + 1);
    // No '>' after this '<' means none after any later '<' either.
    if (close < 0) return false;
    const selfClosing = close > name + 1 && text.charCodeAt(close - 1) === 47;
    tag.index = at;
    tag.nameAt = name;
    tag.attrsStart = name + 1;
    tag.attrsEnd = selfClosing ? close - 1 : close;
    tag.selfClosing = selfClosing;
    tag.end = close + 1;
    return true;
  }
  return false;
}

/** The column of the first ` r="…"` among the attributes (as `columnIndex` reads it), or undefined. */
export function refColumn(text: string, start: number, end: number): number | undefined {
  for (let at = text.indexOf('r="', start + 1); at >= 0 && at + 3 <= end; at = text.indexOf('r="', at + 1)) {
    if (!isSpaceChar(text.charCodeAt(at - 1))) continue;
    const quote = text.indexOf('"', at + 3);
    if (quote < 0 || quote >= end) return undefined;
    let n = 0;
    for (let i = at + 3; i < quote; i++) {
      const code = text.charCodeAt(i);
      if (code < 65 || code > 90) break;
      n = n * 26 + (code - 64);
    }
    return n - 1;
  }
  return undefined;
}

/**
 * The column named by the last cell start tag of a row's content, or undefined when the row has no cell
 * or its last cell has no `r` (then only a scan from the start knows its column).
 */
export function lastCellColumn(content: string, prefix: string): number | undefined {
  const open = `<${prefix}c`;
  for (let at = content.lastIndexOf(open); at >= 0; at = at === 0 ? -1 : content.lastIndexOf(open, at - 1)) {
    const next = content.charCodeAt(at + open.length);
    // `<c ` / `<c>` / `<c/>`, not `<charset` (a rich-text run property) or `<col…`.
    if (!(next === 47 || next === 62 || isSpaceChar(next))) continue;
    const close = content.indexOf('>', at);
    if (close < 0) return undefined;
    return refColumn(content, at + open.length, content.charCodeAt(close - 1) === 47 ? close - 1 : close);
  }
  return undefined;
}

const closeTags = new Map<string, string>();
/** `</c>` or `</x:c>` for a prefix, made once. */
function closeTagOf(prefix: string): string {
  let tag = closeTags.get(prefix);
  if (tag === undefined) closeTags.set(prefix, (tag = `</${prefix}c>`));
  return tag;
}

/** Style of the last cell of a row (the header cell the new 校验 header should look like). */
function lastStyle(content: string): number {
  let style = 0;
  CELL.lastIndex = 0;
  for (let c = CELL.exec(content); c; c = CELL.exec(content)) style = Number(attr(c[2] ?? '', 's') ?? 0);
  return style;
}

function widenIn(xml: string, column: number, rows: number): string {
  return xml.replace(/<((?:\w+:)?)dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/, (whole, prefix: string, c1: string, r1: string, c2?: string, r2?: string) => {
    const lastColumn = Math.max(columnIndex(c2 ?? c1), column);
    const lastRow = Math.max(Number(r2 ?? r1), rows);
    return `<${prefix}dimension ref="${c1}${r1}:${columnLetter(lastColumn)}${lastRow}"`;
  });
}

/** A width for a new 校验 column unless a <col> range already covers it. */
function addColumnWidth(xml: string, column: number, prefix: string): string {
  const n = column + 1;
  const element = `<${prefix}col min="${n}" max="${n}" width="40.7" customWidth="1"/>`;
  const cols = new RegExp(`<${prefix}cols>([\\s\\S]*?)</${prefix}cols>`).exec(xml);
  if (!cols) return xml.replace(new RegExp(`<${prefix}sheetData\\b`), `<${prefix}cols>${element}</${prefix}cols>$&`);
  const ranges = [...(cols[1] ?? '').matchAll(/<(?:\w+:)?col\b[^>]*>/g)];
  for (const range of ranges) {
    const min = Number(attr(range[0], 'min'));
    const max = Number(attr(range[0], 'max'));
    if (min <= n && n <= max) return xml;
  }
  const after = ranges.find((range) => Number(attr(range[0], 'min')) > n);
  const at = after ? cols.index + cols[0].indexOf(after[0]) : cols.index + cols[0].length - `</${prefix}cols>`.length;
  return xml.slice(0, at) + element + xml.slice(at);
}
