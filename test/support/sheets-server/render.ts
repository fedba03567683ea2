/**
 * Rendering of stored cells into values-API ValueRanges, honouring
 * valueRenderOption, dateTimeRenderOption and majorDimension, with Google's
 * trimming of trailing empty cells and rows.
 */
import { formatA1 } from './a1.js';
import { badRequest } from './errors.js';
import { getCell } from './grid.js';
import { formatNumber, isDateFormat } from './number-format.js';
import type { Box, CellValue, SheetModel, StoredCell } from './types.js';

/** How values are rendered (ValueRenderOption). */
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
/** How dates are rendered when not FORMATTED_VALUE (DateTimeRenderOption). */
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
/** Major dimension of a ValueRange. */
export type MajorDimension = 'ROWS' | 'COLUMNS';

/** Options for reading values. */
export interface RenderOptions {
  valueRenderOption: ValueRenderOption;
  dateTimeRenderOption: DateTimeRenderOption;
  majorDimension: MajorDimension;
}

/** A ValueRange as the API returns it. */
export interface ValueRangeJson {
  range: string;
  majorDimension: MajorDimension;
  values?: CellValue[][];
}

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[], fallback: T, field: string, type: string): T {
  if (value === null || value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`Invalid value at '${field}' (type.googleapis.com/google.apps.sheets.v4.${type}), "${value}"`);
}

/** Reads and validates render options from query parameters (defaults as documented). */
export function renderOptionsFrom(get: (name: string) => string | null | undefined): RenderOptions {
  return {
    valueRenderOption: pick(get('valueRenderOption'), ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'], 'FORMATTED_VALUE', 'value_render_option', 'ValueRenderOption'),
    dateTimeRenderOption: pick(get('dateTimeRenderOption'), ['SERIAL_NUMBER', 'FORMATTED_STRING'], 'SERIAL_NUMBER', 'date_time_render_option', 'DateTimeRenderOption'),
    majorDimension: pick(get('majorDimension'), ['ROWS', 'COLUMNS'], 'ROWS', 'major_dimension', 'Dimension'),
  };
}

/** Validates a majorDimension value from a request body. */
export function majorDimensionFrom(value: unknown): MajorDimension {
  return pick(typeof value === 'string' ? value : undefined, ['ROWS', 'COLUMNS'], 'ROWS', 'major_dimension', 'Dimension');
}

/**
 * Renders one cell; `undefined` means empty. Error cells render as their code
 * (`#REF!`) under FORMATTED_VALUE and UNFORMATTED_VALUE.
 */
export function renderCell(cell: StoredCell | undefined, options: RenderOptions): CellValue | undefined {
  if (!cell) return undefined;
  if (options.valueRenderOption === 'FORMULA' && cell.formula !== undefined) return cell.formula;
  if (cell.error !== undefined) return cell.error;
  const value = cell.value;
  if (value === undefined || value === null || value === '') return undefined;
  if (options.valueRenderOption === 'FORMATTED_VALUE') {
    if (typeof value === 'number') return formatNumber(value, cell.format);
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    return value;
  }
  if (typeof value === 'number' && options.dateTimeRenderOption === 'FORMATTED_STRING' && isDateFormat(cell.format)) {
    return formatNumber(value, cell.format);
  }
  return value;
}

/** Drops trailing empty cells of each line and trailing empty lines; inner gaps become "". */
export function trimMatrix(lines: (CellValue | undefined)[][]): CellValue[][] {
  const out: CellValue[][] = Array.from(lines, (line = []) => {
    let end = line.length;
    while (end > 0 && line[end - 1] === undefined) end--;
    return Array.from({ length: end }, (_, i) => line[i] ?? '');
  });
  while (out.length > 0 && (out[out.length - 1]?.length ?? 0) === 0) out.pop();
  return out;
}

/** Reads a box of a sheet into a ValueRange (range echoed in A1, bounded by the grid). */
export function readValueRange(sheet: SheetModel, box: Box, options: RenderOptions): ValueRangeJson {
  const lastRow = Math.min(box.endRow, sheet.rows.length);
  let lines: (CellValue | undefined)[][] = [];
  for (let r = box.startRow; r < lastRow; r++) {
    const row = sheet.rows[r];
    const line: (CellValue | undefined)[] = [];
    if (row) {
      const lastCol = Math.min(box.endCol, row.length);
      for (let c = box.startCol; c < lastCol; c++) line.push(renderCell(getCell(sheet, r, c), options));
    }
    lines.push(line);
  }
  if (options.majorDimension === 'COLUMNS') {
    const width = Math.max(0, ...lines.map((l) => l.length));
    lines = Array.from({ length: width }, (_, c) => lines.map((l) => l[c]));
  }
  const values = trimMatrix(lines);
  const result: ValueRangeJson = { range: formatA1(sheet.properties.title, box), majorDimension: options.majorDimension };
  if (values.length > 0) result.values = values;
  return result;
}
