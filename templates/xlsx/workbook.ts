/**
 * The .xlsx attachment of a report: styled and frozen header row, number formats in 万元/亿元, and
 * colour on ranks, 较上月, 等次 and warning levels. Text is always written as a plain (shared) string
 * cell, so a project named "=cmd|…" stays inert: no cell is ever written as a formula.
 *
 * Written straight as SpreadsheetML rather than through exceljs' in-memory workbook: 200 unit reports a
 * month made that model (an object per cell and per style) the slowest and largest part of a run.
 */
import { SharedStrings, packageXlsx, type SheetPart } from './package.js';
import { columnLetter, xmlText } from './xml.js';
import { StyleSheet, type CellLook, type DxfLook } from './styles.js';

/** How a column's values are stored and shown. */
export type ColumnKind =
  | 'text' | 'count' | 'num' | 'score' | 'wan' | 'yi' | 'pct' | 'rank' | 'change' | 'level' | 'grade' | 'tone';

export interface SheetColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Characters; a default per kind otherwise. */
  readonly width?: number;
}

/** A cell's value, with an optional fill for values the sheet cannot colour by rule (e.g. last in group). */
export type SheetValue = string | number | null | undefined | { readonly value: string | number | null | undefined; readonly tone: 'good' | 'bad' | 'warn' };

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly SheetValue[])[];
  /** Columns kept in view when scrolling right (e.g. 单位名称). */
  readonly freezeColumns?: number;
}

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  count: '#,##0', num: '#,##0.00', score: '0.00', wan: '#,##0.00"万元"', yi: '#,##0.00"亿元"', pct: '0.0%', rank: '0', change: '+0;-0;0',
};
const WIDTH: Record<ColumnKind, number> = {
  text: 16, count: 9, num: 12, score: 9, wan: 16, yi: 13, pct: 9, rank: 8, change: 8, level: 6, grade: 7, tone: 7,
};
const FILL = { good: 'FFD9EAD3', bad: 'FFF4CCCC', warn: 'FFFFF2CC', head: 'FF9B1C1C' } as const;
const FONT_NAME = 'Microsoft YaHei';
/** exceljs' default column width: such columns were written without a width (so Excel's ~8.43 applies), and still are. */
const DEFAULT_WIDTH = 9;

const HEADER_LOOK: CellLook = {
  font: { name: FONT_NAME, bold: true, color: 'FFFFFFFF' }, fill: FILL.head, bottomBorder: 'FF7F1D1D',
  alignment: { horizontal: 'center', vertical: 'center', wrapText: true },
};

/** One look object per kind, format and tone, shared by every cell that has it (the style sheet numbers it once). */
const LOOKS = new Map<string, CellLook>();

function cellLook(kind: ColumnKind, fmt: string | undefined, tone: 'good' | 'bad' | 'warn' | undefined): CellLook {
  const key = `${kind}|${fmt ?? ''}|${tone ?? ''}`;
  let look = LOOKS.get(key);
  if (!look) {
    const centred = kind === 'level' || kind === 'grade' || kind === 'rank' || kind === 'tone';
    look = {
      ...(fmt ? { numFmt: fmt } : {}),
      font: { name: FONT_NAME },
      ...(tone ? { fill: FILL[tone] } : {}),
      alignment: kind === 'text' ? { vertical: 'top', wrapText: true } : { vertical: 'top', horizontal: centred ? 'center' : 'right' },
    };
    LOOKS.set(key, look);
  }
  return look;
}

/** Builds a workbook from sheet specs and returns the .xlsx bytes (async for its callers; the work is synchronous). */
export async function workbookBuffer(sheets: readonly SheetSpec[], created: Date): Promise<Buffer> {
  const strings = new SharedStrings();
  const styles = new StyleSheet();
  const parts = sheets.map((spec) => sheetPart(spec, strings, styles));
  return packageXlsx({ sheets: parts, strings, styles: styles.xml(), creator: '招商引资台账系统', created });
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
  // Printed or turned into PDF: landscape, all columns on one page width (the header row repeats: see package.ts).
  + '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
const SHEET_TAIL = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  + '<pageSetup paperSize="9" orientation="landscape" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="0"/></worksheet>';

function sheetPart(spec: SheetSpec, strings: SharedStrings, styles: StyleSheet): SheetPart {
  const { columns } = spec;
  const widths = columns.map((c) => c.width ?? Math.max(WIDTH[c.kind], displayWidth(c.header) + 2));
  const letters = columns.map((_, i) => columnLetter(i + 1));
  const spans = `1:${columns.length}`;
  const out: string[] = [SHEET_HEAD, `<dimension ref="A1:${letters[letters.length - 1] ?? 'A'}${spec.rows.length + 1}"/>`, sheetView(spec.freezeColumns ?? 0), cols(widths), '<sheetData>'];

  const header = styles.cellStyle(HEADER_LOOK);
  out.push(`<row r="1" ht="30" customHeight="1" spans="${spans}" x14ac:dyDescent="0.25">`);
  columns.forEach((c, i) => out.push(`<c r="${letters[i]}1" s="${header}" t="s"><v>${strings.id(c.header)}</v></c>`));
  out.push('</row>');
  // 200 of these workbooks go out a month, so the per-cell work is kept small: a column's style ids are
  // remembered once they are first used (the style sheet numbers looks in order of first use, so they
  // are still asked for at the same cell as before), and each cell is one string.
  const styleIds = columns.map(() => new Map<string, number>());
  const styleOf = (i: number, fmt: string | undefined, tone: 'good' | 'bad' | 'warn' | undefined): number => {
    const key = `${fmt ?? ''}|${tone ?? ''}`;
    let id = styleIds[i]!.get(key);
    if (id === undefined) {
      id = styles.cellStyle(cellLook(columns[i]!.kind, fmt, tone));
      styleIds[i]!.set(key, id);
    }
    return id;
  };
  const textColumn = columns.map((c) => c.kind === 'text');
  const stringColumn = columns.map((c) => c.kind === 'text' || c.kind === 'level' || c.kind === 'grade' || c.kind === 'tone');
  const formats = columns.map((c) => NUM_FMT[c.kind]);
  for (let index = 0; index < spec.rows.length; index++) {
    const values = spec.rows[index]!;
    const r = index + 2;
    // Viewers do not all re-measure wrapped rows on opening (LibreOffice does not): give long text its lines.
    let lines = 1;
    for (let i = 0; i < columns.length; i++) {
      const v = values[i];
      if (!textColumn[i] || (typeof v !== 'string' && typeof v !== 'number')) continue;
      lines = Math.max(lines, textLines(String(v), Math.max(1, (widths[i] ?? 10) - 1)));
    }
    let row = lines > 1 ? `<row r="${r}" ht="${Math.min(409, 15 * lines + 3)}" customHeight="1" spans="${spans}" x14ac:dyDescent="0.25">` : `<row r="${r}" spans="${spans}" x14ac:dyDescent="0.25">`;
    for (let i = 0; i < columns.length; i++) {
      const raw = values[i];
      const tone = raw !== null && typeof raw === 'object' ? raw.tone : undefined;
      const value = raw !== null && typeof raw === 'object' ? raw.value : raw;
      // A whole number in a 'num' column is a count (16 个), not 16.00.
      const fmt = columns[i]!.kind === 'num' && typeof value === 'number' && Number.isInteger(value) ? NUM_FMT.count : formats[i];
      const at = `<c r="${letters[i]}${r}" s="${styleOf(i, fmt, tone)}"`;
      if (value === null || value === undefined || value === '') row += `${at}/>`;
      else if (stringColumn[i] || typeof value === 'string') row += `${at} t="s"><v>${strings.id(String(value))}</v></c>`;
      // NaN or ±Infinity (a rate over a zero target) has no spreadsheet form: an empty cell, not a repair prompt.
      else if (!Number.isFinite(value)) row += `${at}/>`;
      else row += `${at}><v>${columns[i]!.kind === 'yi' ? value / 10_000 : value}</v></c>`;
    }
    out.push(`${row}</row>`);
  }
  out.push('</sheetData>', rules(spec, letters, styles), SHEET_TAIL);
  return { name: sheetName(spec.name), xml: out.join('') };
}

/** Lines a text takes in a column `width` characters wide: each of its own lines wrapped at that width. */
function textLines(text: string, width: number): number {
  let lines = 0;
  let from = 0;
  for (;;) {
    const end = text.indexOf('\n', from);
    const part = end < 0 ? text.slice(from) : text.slice(from, end);
    lines += Math.max(1, Math.ceil(displayWidth(part) / width));
    if (end < 0) return lines;
    from = end + 1;
  }
}

/** Header row frozen, and the first `columns` columns (e.g. 单位名称) kept in view when scrolling right. */
function sheetView(columns: number): string {
  const pane = columns > 0 ? 'bottomRight' : 'bottomLeft';
  return `<sheetViews><sheetView workbookViewId="0"><pane${columns > 0 ? ` xSplit="${columns}"` : ''} ySplit="1" topLeftCell="${columnLetter(columns + 1)}2" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`
    + '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';
}

/** Column widths, neighbours of equal width in one entry. */
function cols(widths: readonly number[]): string {
  const out: string[] = [];
  let open: { min: number; max: number; width: number } | undefined;
  const flush = () => { if (open) out.push(`<col min="${open.min}" max="${open.max}" width="${open.width}" customWidth="1"/>`); open = undefined; };
  widths.forEach((width, i) => {
    if (width === DEFAULT_WIDTH) flush();
    else if (open && open.width === width) open.max = i + 1;
    else { flush(); open = { min: i + 1, max: i + 1, width }; }
  });
  flush();
  return out.length > 0 ? `<cols>${out.join('')}</cols>` : '';
}

/** Colour by rule where the value alone decides: 较上月 sign, 红/黄, 等次, 督促/肯定, first rank. */
function rules(spec: SheetSpec, letters: readonly string[], styles: StyleSheet): string {
  const last = spec.rows.length + 1;
  if (last < 2) return '';
  const rule = (operator: string, formula: string, priority: number, look: DxfLook) =>
    `<cfRule type="cellIs" dxfId="${styles.dxf(look)}" priority="${priority}" operator="${operator}"><formula>${xmlText(formula)}</formula></cfRule>`;
  const equal = (text: string, fill: string, color: string, priority: number) => rule('equal', `"${text}"`, priority, { font: { color }, fill });
  return spec.columns.map((c, i) => {
    const ruleXml = c.kind === 'change' ? rule('greaterThan', '0', 1, { font: { bold: true, color: 'FF2F855A' } }) + rule('lessThan', '0', 2, { font: { bold: true, color: 'FFC53030' } })
      : c.kind === 'level' ? equal('红', FILL.bad, 'FF9B1C1C', 1) + equal('黄', FILL.warn, 'FF7A5200', 2)
      : c.kind === 'tone' ? equal('督促', FILL.bad, 'FF9B1C1C', 1) + equal('肯定', FILL.good, 'FF22543D', 2)
      : c.kind === 'grade' ? equal('优秀', FILL.good, 'FF22543D', 1) + equal('较差', FILL.bad, 'FF9B1C1C', 2)
      : c.kind === 'rank' ? rule('equal', '1', 1, { font: { bold: true, color: 'FF22543D' } })
      : '';
    return ruleXml ? `<conditionalFormatting sqref="${letters[i]}2:${letters[i]}${last}">${ruleXml}</conditionalFormatting>` : '';
  }).join('');
}

/** Width in Excel's character units: a character beyond Latin-1 (CJK, emoji) counts two. */
function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0xff) width += 1;
    else {
      width += 2;
      // A surrogate pair is one character.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
  }
  return width;
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

/** A rank cell coloured green when first in its group, red when last (groups of two or more). */
export function rankCell(rank: number, groupSize: number, lastRank: number): SheetValue {
  if (groupSize < 2) return rank;
  if (rank === 1) return { value: rank, tone: 'good' };
  return rank === lastRank ? { value: rank, tone: 'bad' } : rank;
}
