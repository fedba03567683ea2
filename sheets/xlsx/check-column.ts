/**
 * The 校验 column of a ledger sheet, patched into the sheet's XML text: only the cells of that one
 * column change (and the row's optional `spans` hint, the sheet's `dimension`, and a width for a new
 * column). Every other byte of the part — other cells, formats, merges, validations, conditional
 * formats, comments' anchors — is kept as it was.
 */
import { cellXml } from './system-sheet.js';
import { columnLetter } from '../../functions/core/cells.js';
import { columnIndex } from './sheet-reader.js';

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
    return prefixed(cellXml(`${letters}${row}`, text, row === 1 ? headerStyle : patch.styleOf(text), patch.date1904));
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
    let column = -1;
    CELL.lastIndex = 0;
    for (let c = CELL.exec(content); c; c = CELL.exec(content)) {
      const ref = attr(c[2] ?? '', 'r');
      column = ref !== undefined ? columnIndex(ref) : column + 1;
      const cellEnd = c[3] === '/' ? c.index + c[0].length : content.indexOf(`</${c[1] ?? ''}c>`, c.index) + `</${c[1] ?? ''}c>`.length;
      if (column < patch.column) {
        CELL.lastIndex = cellEnd;
        continue;
      }
      if (column > patch.column) return replacement === '' ? undefined : content.slice(0, c.index) + replacement + content.slice(c.index);
      const existing = content.slice(c.index, cellEnd);
      if (/<(?:\w+:)?f\b/.test(existing)) removedFormula = true;
      if (replacement === '') {
        // No text for this row: blank the cell but keep its format.
        if (!/<(?:\w+:)?(v|is|f)\b/.test(existing)) return undefined;
        const style = attr(c[2] ?? '', 's');
        return content.slice(0, c.index) + prefixed(`<c r="${letters}${row}"${style ? ` s="${style}"` : ''}/>`) + content.slice(cellEnd);
      }
      return content.slice(0, c.index) + replacement + content.slice(cellEnd);
    }
    return replacement === '' ? undefined : content + replacement;
  }

  let result = xml.slice(0, open.index) + (open[3] === '/' ? `<${prefix}sheetData${open[2] ?? ''}>` : open[0]) + out.join('') + (open[3] === '/' ? `</${prefix}sheetData>` : '') + xml.slice(bodyEnd);
  result = widenDimension(result, patch.column, Math.max(rowNumber, pending.at(-1) ?? 0));
  if (patch.header !== undefined) result = addColumnWidth(result, patch.column, prefix);
  return { xml: result, removedFormula };
}

/** Style of the last cell of a row (the header cell the new 校验 header should look like). */
function lastStyle(content: string): number {
  let style = 0;
  CELL.lastIndex = 0;
  for (let c = CELL.exec(content); c; c = CELL.exec(content)) style = Number(attr(c[2] ?? '', 's') ?? 0);
  return style;
}

function widenDimension(xml: string, column: number, rows: number): string {
  // <dimension> comes before <sheetData>: search only there (a sheet without one is left without one).
  const head = /<(?:\w+:)?sheetData\b/.exec(xml)?.index ?? 0;
  return widenIn(xml.slice(0, head), column, rows) + xml.slice(head);
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
