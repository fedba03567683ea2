/**
 * One worksheet part, streamed into a grid of core cells: the value each cell shows, as the previous
 * exceljs-based store returned it (see cell-value.ts): shared, inline and rich strings as text, numbers,
 * booleans, error values as `{ error }`, a formula as its cached result (blank without one), and a
 * number in a date format as a Date through the workbook's date system.
 */
import type { Cell } from '../../functions/core/index.js';
import { tooLarge, type Limits } from './limits.js';
import { xmlWalker } from './xml.js';
import { inflateEntry, type ZipEntry } from './zip-package.js';

export interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  readonly limits: Limits;
  /** Cells with a value read so far across the workbook, checked against `limits.cells`. */
  cellCount: { value: number };
}

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

/**
 * A copy of a string that does not pin the chunk it was cut from. The parser's texts are slices of the
 * decoded chunk; kept as they are, every cell would hold on to its 64 KB of XML, and a 100,000-row
 * ledger would keep all of its XML alive (hundreds of MB) for the whole run.
 */
export function own(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
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

/** Reads a worksheet; rows and trailing blanks trimmed like the previous store, rows without cells empty. */
export function readSheet(zip: Buffer, entry: ZipEntry, sheetName: string, context: SheetContext): SheetCells {
  const { sharedStrings, dateStyles, date1904, limits } = context;
  const grid: Cell[][] = [];
  let row = -1;
  let column = -1;
  let type = 'n';
  let style = 0;
  let value: string[] = [];
  let inline: string[] = [];
  let hasValue = false;
  let capture: 'v' | 't' | undefined;
  let inInline = false;
  let phonetic = 0;
  let inData = false;
  let usedWidth = 0;

  const finishCell = (): void => {
    const cell = cellOf();
    if (cell === null) return;
    if (row >= limits.rows) throw tooLarge(`工作表“${sheetName}”超过 ${limits.rows.toLocaleString('en-US')} 行`);
    if (column >= limits.columns) throw tooLarge(`工作表“${sheetName}”超过 ${limits.columns.toLocaleString('en-US')} 列`);
    if (++context.cellCount.value > limits.cells) throw tooLarge(`单元格总数超过 ${limits.cells.toLocaleString('en-US')} 个`);
    const cells = (grid[row] ??= []);
    cells[column] = cell;
  };

  const cellOf = (): Cell => {
    const text = value.length === 1 ? value[0] ?? '' : value.join('');
    switch (type) {
      case 's': return hasValue ? sharedStrings[Number(text)] ?? null : null;
      case 'inlineStr': return inline.length > 0 ? own(inline.join('')) : hasValue ? own(text) : null;
      case 'str': return hasValue ? own(text) : null;
      case 'b': return hasValue ? text === '1' || text === 'true' : null;
      case 'e': return hasValue ? { error: text } : null;
      case 'd': {
        if (!hasValue) return null;
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
        return Number.isNaN(date.getTime()) ? text : date;
      }
      default: {
        if (!hasValue || text.trim() === '') return null;
        const number = Number(text);
        if (Number.isNaN(number)) return text;
        return dateStyles[style] === true ? serialToDate(number, date1904) : number;
      }
    }
  };

  const walker = xmlWalker({
    open(name, a) {
      if (name === 'sheetData') inData = true;
      if (!inData) return;
      switch (name) {
        case 'row':
          row = a.r !== undefined ? Number(a.r) - 1 : row + 1;
          column = -1;
          break;
        case 'c':
          column = a.r !== undefined ? columnIndex(a.r) : column + 1;
          type = a.t ?? 'n';
          style = a.s !== undefined ? Number(a.s) : 0;
          value = [];
          inline = [];
          hasValue = false;
          break;
        case 'v':
          capture = 'v';
          hasValue = true;
          usedWidth = Math.max(usedWidth, column + 1);
          break;
        case 'f':
        case 'is':
          inInline ||= name === 'is';
          usedWidth = Math.max(usedWidth, column + 1);
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && phonetic === 0) capture = 't';
          break;
        default:
          break;
      }
    },
    close(name) {
      if (name === 'sheetData') inData = false;
      else if (name === 'v' || name === 't') capture = undefined;
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && inData) finishCell();
    },
    text(text) {
      if (capture === 'v') value.push(text);
      else if (capture === 't') inline.push(text);
    },
  });
  const decoder = new TextDecoder();
  inflateEntry(zip, entry, (chunk) => walker.write(decoder.decode(chunk, { stream: true })), limits);
  walker.write(decoder.decode());
  walker.close();

  // Short rows stay short; a row with only blanks is an empty row; holes are filled.
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r];
    if (cells === undefined) {
      grid[r] = [];
      continue;
    }
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  }
  return { grid, usedWidth };
}
