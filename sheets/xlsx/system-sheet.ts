/**
 * A system tab as worksheet XML, written whole on every run: a readable header (dark text on a light
 * fill, frozen), widths from the tab specs, amounts with thousands separators, rates as percentages,
 * 校验结果 rows tinted by 级别, protected against typing, printed landscape one page wide. Values are
 * plain (text stays text, never a formula), and a text longer than a cell can hold is split over
 * continuation columns "<header>（续n）" that the reader joins back (see `joinContinuations`).
 */
import {
  AMOUNT_BASES, CHECK_RESULTS_TAB, LEVEL_ERROR, RATE_BASES, SCORE_DETAIL_TAB, SYSTEM_TAB_NAMES, type TabSpec, type Basis, type Cell, type OutputGrid,
} from '../../functions/core/index.js';
import * as tabs from '../../functions/core/tabs.js';
import { EXCEL_CELL_CHARS } from './limits.js';
import { columnLetter } from '../../functions/core/cells.js';
import type { StyleBook, StyleSpec } from './styles-patch.js';
import { escapeXml } from './xml.js';
import { isSpaceChar } from './char-classes.js';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Header: near-black on light blue-grey, 13.9:1 contrast (WCAG asks ≥ 4.5:1). */
const HEADER: StyleSpec = { bold: true, color: 'FF1F2937', fill: 'FFDCE3EC', center: true, wrap: true };
/** 级别 tints for 校验结果 rows: light red for 错误, light yellow for 提醒; text stays black. */
const TINT: Readonly<Record<string, string>> = { [LEVEL_ERROR]: 'FFFBE0DE', 提醒: 'FFFFF3C4' };

/** Number formats by header; 得分明细's 实际值 and targets follow the row's 口径. */
const FORMATS: Readonly<Record<string, string>> = {
  加减分: '0.00', 总分: '0.00', 得分: '0.00', 完成率: '0.0%', 较上月: '+0;-0;0', 已更新项目数: '#,##0', 应更新项目数: '#,##0',
};
const AMOUNT = '#,##0.00';
const PERCENT = '0.0%';
const BY_BASIS = new Set(['实际值', '年度目标', '序时目标']);

const SPECS: readonly TabSpec[] = Object.values(tabs).filter((v): v is TabSpec => typeof v === 'object' && v !== null && 'role' in v && (v as TabSpec).role === 'system');

/** Characters as a spreadsheet measures them: CJK and other wide characters count two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return width;
}

/**
 * Width of a column in characters: the tab spec's, else (排名's indicator and time columns) what the
 * header and the first rows need, between 8 and 40.
 */
function systemWidth(tab: string, header: string, sample: readonly Cell[] = []): number {
  const spec = SPECS.find((s) => s.name === tab)?.columns.find((c) => c.header === header);
  if (spec) return spec.width;
  const widest = Math.max(displayWidth(header) + 2, ...sample.map((cell) => (typeof cell === 'string' ? displayWidth(cell) : typeof cell === 'number' ? String(cell).length + 2 : 4) + 1));
  return Math.max(8, Math.min(40, widest));
}

const CONTINUATION = /^(.*)（续(\d+)）$/;

/** The grid as read, with continuation columns folded back into the column they continue. */
export function joinContinuations(grid: Cell[][]): Cell[][] {
  const header = grid[0] ?? [];
  const extra = header.map((h) => (typeof h === 'string' ? CONTINUATION.exec(h) : null));
  if (!extra.some(Boolean)) return grid;
  const base = extra.map((m) => (m ? header.indexOf(m[1] ?? '') : -1));
  return grid.map((row, r) => {
    const out = row.filter((_, c) => !extra[c]);
    if (r === 0) return out;
    row.forEach((cell, c) => {
      const target = base[c] ?? -1;
      if (extra[c] && target >= 0 && typeof cell === 'string') out[target] = `${String(out[target] ?? '')}${cell}`;
    });
    return out;
  });
}

/** Splits overlong text cells into continuation columns after the last header. */
function splitOverlong(grid: OutputGrid): OutputGrid {
  // Almost always nothing to split: check first rather than copy every row of a 100,000-row 快照.
  if (!grid.some((row, r) => r > 0 && row.some((cell) => typeof cell === 'string' && cell.length > EXCEL_CELL_CHARS))) return grid;
  const header = [...(grid[0] ?? [])];
  let added = 0;
  const rows = grid.map((row, r) => {
    if (r === 0) return row;
    const tail: Cell[] = [];
    const out = row.map((cell, c) => {
      if (typeof cell !== 'string' || cell.length <= EXCEL_CELL_CHARS) return cell;
      const pieces = chunks(cell);
      pieces.slice(1).forEach((piece, i) => {
        const name = `${String(header[c] ?? '')}（续${i + 1}）`;
        let at = header.indexOf(name);
        if (at < 0) {
          at = header.push(name) - 1;
          added++;
        }
        tail[at] = piece;
      });
      return pieces[0] ?? '';
    });
    tail.forEach((piece, at) => {
      while (out.length < at) out.push(null);
      out[at] = piece;
    });
    return out;
  });
  if (added === 0) return grid;
  rows[0] = header;
  return rows;
}

/** Pieces that fit a cell, cut between UTF-16 surrogate pairs, never inside one. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + EXCEL_CELL_CHARS);
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1] ?? '')) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** Excel serial of a Date (UTC instant, as exceljs writes it). */
function serialOf(date: Date, date1904: boolean): number {
  return date.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
}

const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

/** One cell's XML; `style` is its `s` index (0 omitted). */
export function cellXml(ref: string, cell: Cell, style: number, date1904: boolean): string {
  const s = style > 0 ? ` s="${style}"` : '';
  if (cell === null || cell === undefined || cell === '') return style > 0 ? `<c r="${ref}"${s}/>` : '';
  if (typeof cell === 'string') {
    // What /^\s|\s$|\n/ tests, without scanning a long text (快照's JSON) with a regular expression.
    const space = isSpaceChar(cell.charCodeAt(0)) || isSpaceChar(cell.charCodeAt(cell.length - 1)) || cell.includes('\n') ? ' xml:space="preserve"' : '';
    return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeXml(cell)}</t></is></c>`;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? `<c r="${ref}"${s}><v>${cell}</v></c>` : '';
  if (typeof cell === 'boolean') return `<c r="${ref}"${s} t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : `<c r="${ref}"${s}><v>${serialOf(cell, date1904)}</v></c>`;
  const error = String(cell.error);
  return ERRORS.has(error) ? `<c r="${ref}"${s} t="e"><v>${error}</v></c>` : `<c r="${ref}"${s} t="inlineStr"><is><t>${escapeXml(error)}</t></is></c>`;
}

/** Relationship ids of drawings the old sheet part had, kept so its notes and pictures stay attached. */
export interface KeptDrawings {
  readonly drawing?: string;
  readonly legacyDrawing?: string;
}

/** Bytes per chunk handed to the compressor. */
const CHUNK_BYTES = 1 << 20;

/** UTF-8 text written into fixed-size buffers, handed out one full buffer at a time. */
class ChunkWriter {
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Appends text; returns the filled chunk when the text did not fit behind it. */
  write(text: string): Buffer | undefined {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8: room for that means it fits.
    if (this.used + text.length * 3 <= this.size) {
      this.used += this.buffer.write(text, this.used, 'utf8');
      return undefined;
    }
    const full = this.take();
    if (text.length * 3 > this.size) {
      const own = Buffer.from(text, 'utf8');
      return full ? Buffer.concat([full, own]) : own;
    }
    this.used = this.buffer.write(text, 0, 'utf8');
    return full;
  }

  /** The text written since the last chunk, if any. */
  take(): Buffer | undefined {
    if (this.used === 0) return undefined;
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
    return full;
  }
}

/**
 * The worksheet part for a system tab, as UTF-8 chunks made one at a time when asked for, never the
 * whole part at once (a 100,000-row 快照 is ~60 MB of XML): the writer compresses each chunk before it
 * asks for the next. Styles are requested in the same order as rows are made, so the caller must take
 * every chunk before it reads the style book's result.
 */
export function* systemSheetChunks(tab: string, source: OutputGrid, styles: StyleBook, date1904: boolean, kept: KeptDrawings = {}): Generator<Buffer, void, undefined> {
  const grid = splitOverlong(source);
  const header = (grid[0] ?? []).map((h) => String(h ?? ''));
  // A loop, not Math.max(...rows): spreading 300,000 rows as arguments overflows the stack.
  let width = Math.max(1, header.length);
  for (const row of grid) if (row.length > width) width = row.length;
  const headerStyle = styles.style(HEADER);
  const basisAt = tab === SCORE_DETAIL_TAB.name ? header.indexOf('口径') : -1;
  const levelAt = tab === CHECK_RESULTS_TAB.name ? header.indexOf('级别') : -1;
  const wrapAt = new Set(header.map((h, i) => (['问题', '说明', '内容'].includes(h) ? i : -1)));
  const dateStyle = styles.style({ numFmt: 'yyyy-mm-dd hh:mm' });

  // One style lookup per column and 口径/级别, not per cell: 快照 alone can have 100,000 rows.
  const known = new Map<string, number>();
  const styleOf = (row: readonly Cell[], c: number, cell: Cell): number => {
    const basis = basisAt >= 0 ? String(row[basisAt] ?? '') : '';
    const level = levelAt >= 0 ? String(row[levelAt] ?? '') : '';
    const isDate = cell instanceof Date;
    const key = `${c}\u0000${basis}\u0000${level}\u0000${isDate}`;
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const h = header[c] ?? '';
    let numFmt = FORMATS[h];
    if (basisAt >= 0 && BY_BASIS.has(h)) numFmt = RATE_BASES.includes(basis as Basis) ? PERCENT : AMOUNT_BASES.includes(basis as Basis) ? AMOUNT : undefined;
    if (isDate) numFmt = 'yyyy-mm-dd hh:mm';
    const fill = TINT[level];
    const style = !numFmt && !fill && !wrapAt.has(c) ? 0 : isDate && !fill ? dateStyle : styles.style({ ...(numFmt ? { numFmt } : {}), ...(fill ? { fill } : {}), ...(wrapAt.has(c) ? { wrap: true } : {}) });
    known.set(key, style);
    return style;
  };
  // Without 口径 or 级别 a column's style depends only on whether the cell is a date: cached per column.
  const plainStyles = basisAt < 0 && levelAt < 0 ? Array.from({ length: width }, () => [-1, -1]) : undefined;

  const letters = Array.from({ length: width }, (_, c) => columnLetter(c));
  const sample = grid.slice(1, 201);
  const cols = header.map((h, i) => `<col min="${i + 1}" max="${i + 1}" width="${systemWidth(tab, h.replace(CONTINUATION, '$1'), sample.map((row) => row[i] ?? null)) + 0.7}" customWidth="1"/>`).join('');
  const last = `${columnLetter(width - 1)}${Math.max(1, grid.length)}`;
  yield Buffer.from([
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    '<sheetPr><tabColor rgb="FFA6A6A6"/><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<dimension ref="A1:${last}"/>`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols ? `<cols>${cols}</cols>` : '',
    '<sheetData>',
  ].join(''), 'utf8');

  // Each row is encoded into a chunk buffer as soon as it is made: no string ever holds more than a
  // row, and a full chunk goes to the compressor while the next fills.
  const out = new ChunkWriter(CHUNK_BYTES);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const n = r === 0 ? header.length : row.length;
    const number = String(r + 1);
    let xml = r === 0 ? '<row r="1" ht="30" customHeight="1">' : `<row r="${number}">`;
    for (let c = 0; c < n; c++) {
      const cell = r === 0 ? header[c] ?? '' : row[c] ?? null;
      let style: number;
      if (r === 0) style = headerStyle;
      else if (plainStyles) {
        const slot = plainStyles[c] ?? [-1, -1];
        const which = cell instanceof Date ? 1 : 0;
        style = slot[which] ?? -1;
        if (style < 0) style = slot[which] = styleOf(row, c, cell);
      } else style = styleOf(row, c, cell);
      xml += cellXml((letters[c] ?? columnLetter(c)) + number, cell, style, date1904);
    }
    const full = out.write(`${xml}</row>`);
    if (full) yield full;
  }
  const rest = out.take();
  if (rest) yield rest;
  yield Buffer.from([
    '</sheetData>',
    // Protected so nobody types into a tab that is rewritten on every run; widths, sorting and filters stay free.
    '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" sort="0" autoFilter="0"/>',
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    kept.drawing ? `<drawing r:id="${escapeXml(kept.drawing, true)}"/>` : '',
    kept.legacyDrawing ? `<legacyDrawing r:id="${escapeXml(kept.legacyDrawing, true)}"/>` : '',
    '</worksheet>',
  ].join(''), 'utf8');
}

/** Whether a tab is one the system writes whole. */
export function isSystemTab(name: string): boolean {
  return (SYSTEM_TAB_NAMES as readonly string[]).includes(name);
}
