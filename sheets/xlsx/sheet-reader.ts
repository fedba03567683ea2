/**
 * One worksheet part, streamed into a grid of core cells: the value each cell shows, as the previous
 * exceljs-based store returned it (see cell-value.ts): shared, inline and rich strings as text, numbers,
 * booleans, error values as `{ error }`, a formula as its cached result (blank without one), and a
 * number in a date format as a Date through the workbook's date system.
 */
import type { Cell } from '../../functions/core/index.js';
import { tooLarge, type Limits } from './limits.js';
import { XmlScanner, type XmlSink, type XmlTag } from './xml-scanner.js';
import { entryTexts, type ZipEntry } from './zip-package.js';

export interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  readonly limits: Limits;
  /** Cells with a value read so far across the workbook, checked against `limits.cells`. */
  cellCount: { value: number };
  /**
   * Short cell texts read so far, each kept once (see `SheetSink.kept`): a ledger repeats a few texts in
   * every row — a stage, an industry, a person, a date — and one string per distinct text rather than one
   * per cell makes the grids a third smaller (the 100,000-row bench: 95 → 64 MB of heap after the read).
   */
  readonly texts: Map<string, string>;
}

/** Distinct texts `SheetContext.texts` holds at most: enough for any ledger's repeats, bounded for a hostile file. */
const KEPT_TEXTS = 65_536;

/** "AB12" → 27 (0-based column); the row digits are ignored. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** Excel serial → Date, as exceljs converts it (1900 system; the 1904 system is 1,462 days later). */
export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** V8's shortest slice (SlicedString::kMinLength): a shorter slice or concatenation is a copy already. */
const SHORTEST_SLICE = 13;

/**
 * A copy of a string that does not pin the text it was cut from. The scanner's texts are slices of the
 * part's decoded XML (the whole part, or a streamed piece of a big one); kept as they are, every cell
 * would hold on to its part, and a 100,000-row ledger would keep all of its XML alive (hundreds of MB)
 * for the whole run.
 */
export function own(text: string): string {
  // A join of two pieces is built as one flat string; a concatenation would be flattened and then sliced.
  return text.length < SHORTEST_SLICE ? text : [text.slice(0, 1), text.slice(1)].join('');
}

/** A worksheet as read. */
export interface SheetCells {
  readonly grid: Cell[][];
  /**
   * Columns up to the last one where any cell holds anything — a value, or a formula that shows blank
   * (it reads as null, yet it is a staff cell the system must not write over).
   */
  readonly usedWidth: number;
}

/**
 * Reads a worksheet; rows and trailing blanks trimmed like the previous store, rows without cells empty.
 * `text` is the part's text when it was already read (part-prefetch.ts); otherwise it is read here.
 */
export function readSheet(zip: Buffer, entry: ZipEntry, sheetName: string, context: SheetContext, text?: string): SheetCells {
  return readSheetText(sheetName, context, (write) => (text !== undefined ? write(text) : entryTexts(zip, entry, write, context.limits)));
}

/**
 * A worksheet from its XML, which `feed` passes to `write` in pieces of any size. `general` (tests) reads
 * every cell through the scanner's events, without the sink's shortcut for common cells (`SheetSink.element`).
 */
export function readSheetText(sheetName: string, context: SheetContext, feed: (write: (piece: string) => void) => void, general = false): SheetCells {
  const sink = new SheetSink(sheetName, context);
  const scanner = new XmlScanner(general ? { open: (tag) => sink.open(tag), close: (name) => sink.close(name), text: (text) => sink.text(text) } : sink);
  feed((piece) => scanner.write(piece));
  scanner.end();
  const { grid } = sink;
  // Short rows stay short; a row with only blanks is an empty row; holes are filled. Each row is then
  // copied to its exact size: grown a cell at a time, its array has up to half again as many slots as
  // cells, which the grids would carry for the whole run (100k-row bench: 64 → 50 MB of heap).
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r];
    if (cells === undefined) {
      grid[r] = [];
      continue;
    }
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    grid[r] = cells.slice();
  }
  return { grid, usedWidth: sink.usedWidth };
}

const LOWER_C = 99;
const LOWER_R = 114;
const LOWER_S = 115;
const LOWER_T = 116;
const LOWER_V = 118;
const EQUALS = 61;
const SPACE = 32;
const QUOTE = 34;
const SLASH = 47;
const LT = 60;
const GT = 62;
const AMP = 38;
const CR = 13;

const isDigit = (code: number) => code >= 48 && code <= 57;

/** `</v></c>` at `at` (the '<' is known): compared by code, as a call to startsWith costs more than the test. */
const isValueEnd = (s: string, at: number) =>
  s.charCodeAt(at + 1) === SLASH && s.charCodeAt(at + 2) === LOWER_V && s.charCodeAt(at + 3) === GT && s.charCodeAt(at + 4) === LT
  && s.charCodeAt(at + 5) === SLASH && s.charCodeAt(at + 6) === LOWER_C && s.charCodeAt(at + 7) === GT;

/**
 * The cell type written at `at` and closed by a quote — one of "s", "n", "b", "e", "d", "str" — as a
 * string constant, so that no slice is made; `undefined` for any other.
 */
function typeAt(s: string, at: number): string | undefined {
  const first = s.charCodeAt(at);
  // 110 n, 98 b, 101 e, 100 d.
  if (s.charCodeAt(at + 1) === QUOTE) return first === LOWER_S ? 's' : first === 110 ? 'n' : first === 98 ? 'b' : first === 101 ? 'e' : first === 100 ? 'd' : undefined;
  return first === LOWER_S && s.charCodeAt(at + 1) === LOWER_T && s.charCodeAt(at + 2) === LOWER_R && s.charCodeAt(at + 3) === QUOTE ? 'str' : undefined;
}

/**
 * The reader's state through one worksheet part. A class with fixed fields, not closures over arrays:
 * it sees every element of every cell (millions in a big ledger), so each event is a few field writes.
 */
class SheetSink implements XmlSink {
  readonly grid: Cell[][] = [];
  usedWidth = 0;
  private row = -1;
  private column = -1;
  private type = 'n';
  private style = 0;
  /** The `<v>` text so far, and whether the cell has a `<v>` at all. */
  private value = '';
  private hasValue = false;
  /** An inline string's `<t>` texts so far, and whether any came. */
  private inline = '';
  private hasInline = false;
  private capture: 'v' | 't' | undefined;
  private inInline = false;
  private phonetic = 0;
  private inData = false;

  constructor(
    private readonly sheetName: string,
    private readonly context: SheetContext,
  ) {}

  open(tag: XmlTag): void {
    const { name } = tag;
    if (!this.inData) {
      if (name === 'sheetData') this.inData = true;
      return;
    }
    switch (name) {
      case 'c': {
        const r = tag.attribute('r');
        this.column = r !== undefined ? columnIndex(r) : this.column + 1;
        this.type = tag.attribute('t') ?? 'n';
        const s = tag.attribute('s');
        this.style = s !== undefined ? Number(s) : 0;
        this.value = '';
        this.inline = '';
        this.hasValue = false;
        this.hasInline = false;
        break;
      }
      case 'v':
        this.capture = 'v';
        this.hasValue = true;
        if (this.column >= this.usedWidth) this.usedWidth = this.column + 1;
        break;
      case 'row': {
        const r = tag.attribute('r');
        this.row = r !== undefined ? Number(r) - 1 : this.row + 1;
        this.column = -1;
        break;
      }
      case 'f':
      case 'is':
        if (name === 'is') this.inInline = true;
        if (this.column >= this.usedWidth) this.usedWidth = this.column + 1;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0) this.capture = 't';
        break;
      default:
        break;
    }
  }

  close(name: string): void {
    if (name === 'c') {
      if (this.inData) this.finishCell();
    } else if (name === 'v' || name === 't') this.capture = undefined;
    else if (name === 'sheetData') this.inData = false;
    else if (name === 'is') this.inInline = false;
    else if (name === 'rPh') this.phonetic--;
  }

  /**
   * A cell written as Excel and our own writer write most of them — `<c r="B2" s="3" t="str"><v>text</v></c>`
   * (`s` and `t` optional, in this order) or a styled blank `<c r="B2" s="3"/>` — read straight from the
   * buffer: no tag is reported, no attribute string is cut, nothing is pushed on the scanner's stack. It
   * leaves every field as the events `open c, open v, text, close v, close c` (or `open c, close c`) would,
   * and it applies only where those events would: inside sheetData and not inside another `<v>` or `<t>`
   * (where the text would also count for that element). Anything else — other attributes, other spacing or
   * quotes, a reference or \r in the text, a cell cut by the end of a chunk — returns -1 and is read by the
   * general path; test/sheets/xlsx/sheet-reader.test.ts holds the two to the same grids.
   */
  element(s: string, lt: number): number {
    if (s.charCodeAt(lt + 1) !== LOWER_C || s.charCodeAt(lt + 2) !== SPACE || !this.inData || this.capture !== undefined) return -1;
    if (s.charCodeAt(lt + 3) !== LOWER_R || s.charCodeAt(lt + 4) !== EQUALS || s.charCodeAt(lt + 5) !== QUOTE) return -1;
    // r: letters then digits; the column is the letters, as columnIndex reads it.
    let i = lt + 6;
    let column = 0;
    for (let code = s.charCodeAt(i); code >= 65 && code <= 90; code = s.charCodeAt(++i)) column = column * 26 + (code - 64);
    if (i === lt + 6 || !isDigit(s.charCodeAt(i))) return -1;
    while (isDigit(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== QUOTE) return -1;
    i++;
    let style = 0;
    if (s.charCodeAt(i) === SPACE && s.charCodeAt(i + 1) === LOWER_S && s.charCodeAt(i + 2) === EQUALS && s.charCodeAt(i + 3) === QUOTE) {
      // Up to 9 digits: exactly the number Number() would make of them.
      const from = (i += 4);
      for (let code = s.charCodeAt(i); isDigit(code) && i - from < 9; code = s.charCodeAt(++i)) style = style * 10 + (code - 48);
      if (i === from || s.charCodeAt(i) !== QUOTE) return -1;
      i++;
    }
    let type = 'n';
    if (s.charCodeAt(i) === SPACE && s.charCodeAt(i + 1) === LOWER_T && s.charCodeAt(i + 2) === EQUALS && s.charCodeAt(i + 3) === QUOTE) {
      const written = typeAt(s, i + 4);
      if (written === undefined) return -1;
      type = written;
      i += 4 + written.length + 1;
    }
    let value = '';
    let hasValue = false;
    let end: number;
    if (s.charCodeAt(i) === SLASH && s.charCodeAt(i + 1) === GT) end = i + 2;
    else {
      if (s.charCodeAt(i) !== GT || s.charCodeAt(i + 1) !== LT || s.charCodeAt(i + 2) !== LOWER_V || s.charCodeAt(i + 3) !== GT) return -1;
      const from = i + 4;
      let to = from;
      for (let code = s.charCodeAt(to); code !== LT; code = s.charCodeAt(++to)) if (code === AMP || code === CR || Number.isNaN(code)) return -1;
      if (!isValueEnd(s, to)) return -1;
      value = s.slice(from, to);
      hasValue = true;
      end = to + 8;
      if (column - 1 >= this.usedWidth) this.usedWidth = column;
    }
    this.column = column - 1;
    this.type = type;
    this.style = style;
    this.value = value;
    this.hasValue = hasValue;
    this.inline = '';
    this.hasInline = false;
    this.finishCell();
    return end;
  }

  text(text: string): void {
    if (this.capture === 'v') this.value += text;
    else if (this.capture === 't') {
      this.inline += text;
      this.hasInline = true;
    }
  }

  private finishCell(): void {
    const cell = this.cell();
    if (cell === null) return;
    const { limits, cellCount } = this.context;
    const { row, column } = this;
    if (row >= limits.rows) throw tooLarge(`工作表“${this.sheetName}”超过 ${limits.rows.toLocaleString('en-US')} 行`);
    if (column >= limits.columns) throw tooLarge(`工作表“${this.sheetName}”超过 ${limits.columns.toLocaleString('en-US')} 列`);
    if (++cellCount.value > limits.cells) throw tooLarge(`单元格总数超过 ${limits.cells.toLocaleString('en-US')} 个`);
    const cells = (this.grid[row] ??= []);
    cells[column] = cell;
  }

  /**
   * A cell's text as the grid keeps it: a copy that does not pin the part (`own`), and for a short text the
   * one already kept for an equal text, if any. Strings are values, so which equal string a cell holds
   * cannot be told apart; the texts left over become garbage at once instead of living as long as the grid.
   * Short means below V8's shortest slice, so the text is already a copy and a long one is not hashed.
   */
  private kept(text: string): string {
    if (text.length >= SHORTEST_SLICE) return own(text);
    const { texts } = this.context;
    const known = texts.get(text);
    if (known !== undefined) return known;
    if (texts.size < KEPT_TEXTS) texts.set(text, text);
    return text;
  }

  private cell(): Cell {
    const { value: text, hasValue } = this;
    switch (this.type) {
      case 's': return hasValue ? this.context.sharedStrings[Number(text)] ?? null : null;
      case 'str': return hasValue ? this.kept(text) : null;
      case 'inlineStr': return this.hasInline ? this.kept(this.inline) : hasValue ? this.kept(text) : null;
      case 'b': return hasValue ? text === '1' || text === 'true' : null;
      case 'e': return hasValue ? { error: this.kept(text) } : null;
      case 'd': {
        if (!hasValue) return null;
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
        return Number.isNaN(date.getTime()) ? this.kept(text) : date;
      }
      default: {
        if (!hasValue || text.trim() === '') return null;
        const number = Number(text);
        if (Number.isNaN(number)) return this.kept(text);
        return this.context.dateStyles[this.style] === true ? serialToDate(number, this.context.date1904) : number;
      }
    }
  }
}
