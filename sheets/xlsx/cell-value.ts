/**
 * exceljs cell values ↔ the core's Cell. Reading flattens rich text, hyperlinks and formulas (their
 * cached result) to what the user sees; writing only ever produces plain values, never formulas, so text
 * such as "=cmd|..." or "+86…" stays inert text.
 */
import type ExcelJS from 'exceljs';
import type { Cell } from '../../functions/core/index.js';

/** The core's view of an exceljs cell value. */
export function fromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('error' in value) return { error: String(value.error) };
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      // A formula saved without a cached result shows blank in every viewer that does not recalculate.
      if (result === undefined || result === null) return null;
      return fromExcel(result as ExcelJS.CellValue);
    }
    if ('text' in value) return fromExcel((value as { text: ExcelJS.CellValue }).text);
  }
  return null;
}

/** What to store for a Cell the system writes: plain values only. */
export function toExcel(cell: Cell): ExcelJS.CellValue {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'object' && !(cell instanceof Date)) return cell.error;
  return cell;
}
