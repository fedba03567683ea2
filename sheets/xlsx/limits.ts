/**
 * Bounds on the work a workbook may ask for, checked while it streams, so that a hostile or broken file
 * (a "zip bomb": 16 MB that unpacks to 250 MB of rows) ends in a clear refusal instead of running the
 * machine out of memory. The figures sit far above a province-sized ledger (100,000 rows × 40 columns
 * unpack to about 60 MB) and far below what a 2 GiB function or an office PC can hold.
 */
import { LedgerError } from '../../functions/errors.js';

export interface Limits {
  /** Sum of all parts, uncompressed. */
  readonly totalBytes: number;
  /** One part, uncompressed. */
  readonly partBytes: number;
  /** Uncompressed : compressed, per part (XML of repetitive rows compresses ~10–30:1). */
  readonly ratio: number;
  readonly entries: number;
  /** Rows per sheet (Excel's own maximum is 1,048,576). */
  readonly rows: number;
  /** Columns per sheet (Excel's own maximum is 16,384). */
  readonly columns: number;
  /** Cells holding a value, over the whole workbook. */
  readonly cells: number;
}

export const LIMITS: Limits = {
  totalBytes: 400 * 1_048_576,
  partBytes: 200 * 1_048_576,
  ratio: 200,
  entries: 10_000,
  rows: 300_000,
  columns: 1_000,
  cells: 12_000_000,
};

/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_CHARS = 32_767;

/** The refusal for a workbook beyond the limits: exit 2, the lock is released by the caller. */
export function tooLarge(what: string): LedgerError {
  return new LedgerError(
    'LEDGER_UNUSABLE',
    `台账文件过大或已损坏：${what}，超出本程序允许处理的范围。请在 Excel 或 WPS 中打开它，删除多余的空行、空列和不需要的页，“另存为”新的 .xlsx 后再运行；如果这是一份真实的大台账，请联系管理员调整上限。`,
  );
}
