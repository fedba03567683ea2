/**
 * Applying API `CellData` (userEnteredValue / userEnteredFormat / note / …)
 * to stored cells under a field mask, as updateCells and repeatCell do.
 */
import { badRequest } from './errors.js';
import { copyPath, type FieldPath } from './field-mask.js';
import { isBlankCell } from './grid.js';
import type { Json, StoredCell } from './types.js';

/** CellData fields the server stores. `*` expands to these. */
export const WRITABLE_CELL_FIELDS: readonly string[] = [
  'userEnteredValue',
  'userEnteredFormat',
  'note',
  'dataValidation',
  'hyperlink',
  'textFormatRuns',
];

/** Output-only CellData fields: accepted in masks, ignored. */
const OUTPUT_ONLY = new Set([
  'effectiveValue', 'formattedValue', 'effectiveFormat', 'pivotTable', 'dataSourceTable', 'dataSourceFormula', 'chipRuns',
]);

const ERROR_CODE_BY_TYPE: Record<string, string> = {
  ERROR: '#ERROR!', NULL_VALUE: '#NULL!', DIVIDE_BY_ZERO: '#DIV/0!', VALUE: '#VALUE!', REF: '#REF!',
  NAME: '#NAME?', NUM: '#NUM!', N_A: '#N/A', LOADING: 'Loading...',
};

/** Expands `*` and validates mask heads against CellData. */
export function cellMaskPaths(mask: FieldPath[]): FieldPath[] {
  const out: FieldPath[] = [];
  for (const path of mask) {
    const head = path[0] ?? '';
    if (head === '*') out.push(...WRITABLE_CELL_FIELDS.map((f) => [f]));
    else if (WRITABLE_CELL_FIELDS.includes(head)) out.push(path);
    else if (!OUTPUT_ONLY.has(head)) throw badRequest(`Invalid field mask: "${path.join('.')}" is not a field of CellData`);
  }
  return out;
}

/** Writes an ExtendedValue into a cell (replacing value, formula and error). */
export function applyExtendedValue(cell: StoredCell, ev: unknown): void {
  delete cell.value;
  delete cell.formula;
  delete cell.error;
  if (!ev || typeof ev !== 'object') return;
  const v = ev as Json;
  if (typeof v['stringValue'] === 'string') {
    if (v['stringValue'] !== '') cell.value = v['stringValue'];
  } else if (typeof v['numberValue'] === 'number') {
    cell.value = v['numberValue'];
  } else if (typeof v['boolValue'] === 'boolean') {
    cell.value = v['boolValue'];
  } else if (typeof v['formulaValue'] === 'string') {
    cell.formula = v['formulaValue'];
    cell.value = null;
  } else if (v['errorValue'] && typeof v['errorValue'] === 'object') {
    const type = String((v['errorValue'] as Json)['type'] ?? 'ERROR');
    cell.error = ERROR_CODE_BY_TYPE[type] ?? '#ERROR!';
  } else if (Object.keys(v).length > 0) {
    throw badRequest(`Unsupported ExtendedValue: ${JSON.stringify(v)}`);
  }
}

/**
 * Applies masked CellData to a cell and returns the resulting cell
 * (`undefined` if nothing is left). `data` absent means "clear the masked fields".
 */
export function applyCellData(current: StoredCell | undefined, data: Json | undefined, paths: FieldPath[]): StoredCell | undefined {
  const cell: StoredCell = current ? structuredClone(current) : {};
  for (const path of paths) {
    const head = path[0];
    if (head === 'userEnteredValue') {
      applyExtendedValue(cell, data?.['userEnteredValue']);
    } else if (head === 'userEnteredFormat') {
      const holder: Json = { userEnteredFormat: cell.format ?? {} };
      copyPath(holder, data, path);
      const format = holder['userEnteredFormat'] as Json | undefined;
      if (format && Object.keys(format).length > 0) cell.format = format;
      else delete cell.format;
    } else if (head === 'note' || head === 'hyperlink') {
      const value = data?.[head];
      if (typeof value === 'string' && value !== '') cell[head] = value;
      else delete cell[head];
    } else if (head === 'dataValidation') {
      const value = data?.['dataValidation'];
      if (value && typeof value === 'object') cell.dataValidation = structuredClone(value as Json);
      else delete cell.dataValidation;
    } else if (head === 'textFormatRuns') {
      const value = data?.['textFormatRuns'];
      if (Array.isArray(value)) cell.textFormatRuns = structuredClone(value);
      else delete cell.textFormatRuns;
    }
  }
  return isBlankCell(cell) ? undefined : cell;
}
