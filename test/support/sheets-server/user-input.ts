/**
 * Interpretation of values written through the values API
 * (ValueInputOption RAW vs USER_ENTERED) and of test seeds.
 */
import { badRequest } from './errors.js';
import { dateToSerial } from './number-format.js';
import type { CellSeed, CellValue, Json, StoredCell } from './types.js';

/** How written values are interpreted. */
export type ValueInputOption = 'RAW' | 'USER_ENTERED';

/** Error codes a cell may show. */
export const ERROR_CODES: ReadonlySet<string> = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#ERROR!', 'Loading...',
]);

/** What a written value turns into: new content, plus a number format to apply if the cell has none. */
export interface ParsedInput {
  value: CellValue;
  formula?: string;
  numberFormat?: Json;
}

/** Validates the ValueInputOption of a write. */
export function valueInputOptionFrom(value: unknown): ValueInputOption {
  if (value === 'RAW' || value === 'USER_ENTERED') return value;
  if (value === undefined || value === null || value === '' || value === 'INPUT_VALUE_OPTION_UNSPECIFIED') {
    throw badRequest("'valueInputOption' is required but not specified");
  }
  throw badRequest(`Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${String(value)}"`);
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/;
const ISO_DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;

function parseUserString(text: string): ParsedInput {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: null, formula: text };
  const t = text.trim();
  if (PLAIN_NUMBER.test(t)) return { value: Number(t) };
  if (GROUPED_NUMBER.test(t)) return { value: Number(t.replace(/,/g, '')), numberFormat: { type: 'NUMBER', pattern: '#,##0.##' } };
  const pct = PERCENT.exec(t);
  if (pct) {
    const decimals = (pct[1]?.split('.')[1] ?? '').length;
    return { value: Number(pct[1]) / 100, numberFormat: { type: 'PERCENT', pattern: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' } };
  }
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const date = ISO_DATE.exec(t);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[3]), Number(date[4])];
    const when = new Date(Date.UTC(y, m - 1, d));
    if (when.getUTCMonth() === m - 1 && when.getUTCDate() === d) {
      const pattern = date[2] === '-' ? 'yyyy-mm-dd' : 'yyyy/m/d';
      return { value: dateToSerial(when), numberFormat: { type: 'DATE', pattern } };
    }
  }
  return { value: text };
}

/**
 * Interprets one written value. `null` input means "skip this cell"
 * (returns `undefined`); `""` clears the cell's value.
 */
export function parseInput(input: unknown, option: ValueInputOption, where: string): ParsedInput | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw badRequest(`Invalid ${where}: number is not finite`);
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') throw badRequest(`Invalid ${where}: struct_value is not supported`);
  return option === 'RAW' ? { value: input } : parseUserString(input);
}

/** Applies parsed input to a cell, replacing value/formula/error and keeping format and notes. */
export function applyInput(cell: StoredCell, input: ParsedInput): void {
  delete cell.formula;
  delete cell.error;
  if (input.formula !== undefined) cell.formula = input.formula;
  if (input.value === '' || (input.value === null && input.formula === undefined)) delete cell.value;
  else cell.value = input.value;
  if (input.numberFormat && !cell.format?.['numberFormat']) {
    cell.format = { ...(cell.format ?? {}), numberFormat: input.numberFormat };
  }
}

/** Converts a test seed into a stored cell (`undefined` for an empty seed). */
export function cellFromSeed(seed: CellSeed): StoredCell | undefined {
  if (seed === undefined || seed === null || seed === '') return undefined;
  if (seed instanceof Date) return { value: dateToSerial(seed), format: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } };
  if (typeof seed !== 'object') return { value: seed };
  const cell: StoredCell = {};
  const raw = seed.value;
  if (raw instanceof Date) {
    cell.value = dateToSerial(raw);
    cell.format = { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } };
  } else if (raw !== undefined && raw !== '') {
    cell.value = raw;
  }
  if (seed.formula !== undefined) {
    cell.formula = seed.formula.startsWith('=') ? seed.formula : `=${seed.formula}`;
    if (cell.value === undefined) cell.value = null;
  }
  const error = seed.error ?? (seed.formula !== undefined && typeof raw === 'string' && ERROR_CODES.has(raw) ? raw : undefined);
  if (error !== undefined) {
    cell.error = error;
    delete cell.value;
  }
  if (seed.format) cell.format = { ...(cell.format ?? {}), ...structuredClone(seed.format) };
  if (seed.note !== undefined) cell.note = seed.note;
  if (seed.dataValidation) cell.dataValidation = structuredClone(seed.dataValidation);
  return cell;
}

/** The stored value of a cell as tests see it: error code, cached value, or `""` when empty. */
export function storedValue(cell: StoredCell | undefined): CellValue {
  if (!cell) return '';
  if (cell.error !== undefined) return cell.error;
  return cell.value ?? '';
}
