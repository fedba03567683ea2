/**
 * The .xlsx attachment of a report, with exceljs: styled and frozen header row, number formats in
 * 万元/亿元, and colour on ranks, 较上月, 等次 and warning levels. Text is always written as a plain
 * string cell, so a project named "=cmd|…" stays inert: exceljs makes a formula only from `{ formula }`.
 */
import ExcelJS from 'exceljs';

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

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } });

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT_NAME, bold: true, color: { argb: 'FFFFFFFF' } },
  fill: solid(FILL.head),
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF7F1D1D' } } },
};

/**
 * One style object per look, shared by every cell that has it: exceljs remembers the style id of an
 * object it has seen (a WeakMap), so shared objects skip its per-cell style serialising, which was most
 * of the time spent writing a report workbook. Never mutated after creation.
 */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();

function cellStyle(kind: ColumnKind, fmt: string | undefined, tone: 'good' | 'bad' | 'warn' | undefined): Partial<ExcelJS.Style> {
  const key = `${kind}|${fmt ?? ''}|${tone ?? ''}`;
  let style = STYLES.get(key);
  if (!style) {
    style = {
      ...(fmt ? { numFmt: fmt } : {}),
      font: { name: FONT_NAME },
      alignment: kind === 'text' ? { vertical: 'top', wrapText: true } : { vertical: 'top', horizontal: kind === 'level' || kind === 'grade' || kind === 'rank' || kind === 'tone' ? 'center' : 'right' },
      ...(tone ? { fill: solid(FILL[tone]) } : {}),
    };
    STYLES.set(key, style);
  }
  return style;
}

/** Builds a workbook from sheet specs and returns the .xlsx bytes. */
export async function workbookBuffer(sheets: readonly SheetSpec[], created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商引资台账系统';
  wb.created = created;
  wb.modified = created;
  for (const spec of sheets) addSheet(wb, spec);
  return Buffer.from(await wb.xlsx.writeBuffer(FAST_ZIP));
}

/** Deflate level 1: a report workbook is tiny either way, and level 6 costs 3× the time for 200 units. */
const FAST_ZIP = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(sheetName(spec.name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: spec.freezeColumns ?? 0 }],
    // Printed or turned into PDF: landscape, all columns on one page width, header on every page.
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = spec.columns.map((c) => ({ width: c.width ?? Math.max(WIDTH[c.kind], displayWidth(c.header) + 2) }));

  const header = ws.getRow(1);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = HEADER_STYLE;
  });
  header.height = 30;
  const widths = spec.columns.map((c) => c.width ?? Math.max(WIDTH[c.kind], displayWidth(c.header) + 2));
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    // Viewers do not all re-measure wrapped rows on opening (LibreOffice does not): give long text its lines.
    const lines = Math.max(1, ...spec.columns.map((c, i) => {
      const v = values[i];
      const text = c.kind === 'text' && (typeof v === 'string' || typeof v === 'number') ? String(v) : '';
      return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / Math.max(1, (widths[i] ?? 10) - 1))), 0);
    }));
    if (lines > 1) row.height = Math.min(409, 15 * lines + 3);
    spec.columns.forEach((c, i) => {
      const raw = values[i];
      const cell = row.getCell(i + 1);
      const tone = raw !== null && typeof raw === 'object' ? raw.tone : undefined;
      const value = raw !== null && typeof raw === 'object' ? raw.value : raw;
      if (value === null || value === undefined || value === '') {
        cell.value = null;
      } else if (c.kind === 'text' || c.kind === 'level' || c.kind === 'grade' || c.kind === 'tone' || typeof value === 'string') {
        cell.value = String(value); // never `{ formula }`: typed text stays text
      } else {
        cell.value = c.kind === 'yi' ? value / 10_000 : value;
      }
      // A whole number in a 'num' column is a count (16 个), not 16.00.
      const fmt = c.kind === 'num' && typeof value === 'number' && Number.isInteger(value) ? NUM_FMT.count : NUM_FMT[c.kind];
      cell.style = cellStyle(c.kind, fmt, tone);
    });
  });
  addRules(ws, spec);
}

/** Colour by rule where the value alone decides: 较上月 sign, 红/黄, 等次, 督促/肯定. */
function addRules(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  const last = spec.rows.length + 1;
  if (last < 2) return;
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1).letter;
    const ref = `${col}2:${col}${last}`;
    const equal = (text: string, argb: string, fontArgb: string, priority: number): ExcelJS.ConditionalFormattingRule => ({
      type: 'cellIs', operator: 'equal', formulae: [`"${text}"`], priority, style: { fill: solid(argb), font: { color: { argb: fontArgb } } },
    });
    if (c.kind === 'change') {
      ws.addConditionalFormatting({ ref, rules: [
        { type: 'cellIs', operator: 'greaterThan', formulae: ['0'], priority: 1, style: { font: { color: { argb: 'FF2F855A' }, bold: true } } },
        { type: 'cellIs', operator: 'lessThan', formulae: ['0'], priority: 2, style: { font: { color: { argb: 'FFC53030' }, bold: true } } },
      ] });
    } else if (c.kind === 'level') {
      ws.addConditionalFormatting({ ref, rules: [equal('红', FILL.bad, 'FF9B1C1C', 1), equal('黄', FILL.warn, 'FF7A5200', 2)] });
    } else if (c.kind === 'tone') {
      ws.addConditionalFormatting({ ref, rules: [equal('督促', FILL.bad, 'FF9B1C1C', 1), equal('肯定', FILL.good, 'FF22543D', 2)] });
    } else if (c.kind === 'grade') {
      ws.addConditionalFormatting({ ref, rules: [equal('优秀', FILL.good, 'FF22543D', 1), equal('较差', FILL.bad, 'FF9B1C1C', 2)] });
    } else if (c.kind === 'rank') {
      ws.addConditionalFormatting({ ref, rules: [{ type: 'cellIs', operator: 'equal', formulae: ['1'], priority: 1, style: { font: { color: { argb: 'FF22543D' }, bold: true } } }] });
    }
  });
}

/** Width in Excel's character units: a CJK character counts two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
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
