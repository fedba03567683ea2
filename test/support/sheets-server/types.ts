/**
 * Data model of the in-memory Google Sheets API v4 test server.
 *
 * The stored model is deliberately close to the API's own JSON shapes
 * (GridRange, SheetProperties, CellFormat, …) so that request bodies can be
 * stored and echoed back without translation.
 */

/** A JSON object as received from / sent to the API. */
export type Json = Record<string, unknown>;

/** A scalar cell value: what the values API reads and writes. */
export type CellValue = string | number | boolean | null;

/** One stored cell. Every field is optional; an absent cell is `undefined`. */
export interface StoredCell {
  /** Effective value; for formula cells the cached result (may be `null` when unknown). */
  value?: CellValue;
  /** Formula text, always starting with `=`. */
  formula?: string;
  /** Error code (`#REF!`, `#N/A`, …) when the effective value is an error. */
  error?: string;
  /** `userEnteredFormat` (CellFormat JSON), including `numberFormat` and `borders`. */
  format?: Json;
  /** Cell note. */
  note?: string;
  /** `dataValidation` rule (DataValidationRule JSON). */
  dataValidation?: Json;
  /** Hyperlink, stored verbatim. */
  hyperlink?: string;
  /** Rich text runs, stored verbatim. */
  textFormatRuns?: unknown[];
}

/** GridRange as in the API: half-open, `undefined` bounds mean unbounded. */
export interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

/** A fully bounded range inside one sheet (half-open indices). */
export interface Box {
  startRow: number;
  endRow: number;
  startCol: number;
  endCol: number;
}

/** SheetProperties JSON with the fields the server relies on made explicit. */
export interface SheetProperties extends Json {
  sheetId: number;
  title: string;
  index: number;
  sheetType: string;
  gridProperties: GridProperties;
}

/** GridProperties JSON. */
export interface GridProperties extends Json {
  rowCount: number;
  columnCount: number;
  frozenRowCount?: number;
  frozenColumnCount?: number;
}

/** A stored sheet (tab). */
export interface SheetModel {
  properties: SheetProperties;
  /** Sparse grid: `rows[r]?.[c]`. */
  rows: (StoredCell | undefined)[][];
  protectedRanges: Json[];
  conditionalFormats: Json[];
  merges: GridRange[];
  /** DimensionProperties by row index (sparse). */
  rowMetadata: Record<number, Json>;
  /** DimensionProperties by column index (sparse). */
  columnMetadata: Record<number, Json>;
}

/** A stored spreadsheet. */
export interface SpreadsheetModel {
  spreadsheetId: string;
  properties: Json & { title: string; locale: string; timeZone: string };
  sheets: SheetModel[];
  namedRanges: Json[];
  developerMetadata: Json[];
  /** State of the deterministic id generator. */
  idSeed: number;
}

/**
 * A seed for one cell in {@link SheetSeed.rows}: a scalar, a `Date` (stored as
 * a date serial with a DATE format), or an object with formula / note / format.
 * A formula cell's `value` is the cached result; an error code string
 * (`#REF!`, `#N/A`, …) as a formula's value makes it an error cell.
 */
export type CellSeed =
  | CellValue
  | undefined
  | Date
  | {
      value?: CellValue | Date;
      formula?: string;
      error?: string;
      note?: string;
      format?: Json;
      dataValidation?: Json;
    };

/** A sheet to create with {@link SheetsState.createSpreadsheet}. */
export interface SheetSeed {
  title: string;
  rows?: CellSeed[][];
  sheetId?: number;
  rowCount?: number;
  columnCount?: number;
  frozenRowCount?: number;
  hidden?: boolean;
}

/** The request kinds the server distinguishes (for stats, faults and hooks). */
export type RequestKind =
  | 'get'
  | 'create'
  | 'batchGet'
  | 'batchGetByDataFilter'
  | 'valuesGet'
  | 'valuesUpdate'
  | 'valuesClear'
  | 'valuesAppend'
  | 'valuesBatchUpdate'
  | 'batchClear'
  | 'batchUpdate';

/** All request kinds, in a stable order. */
export const REQUEST_KINDS: readonly RequestKind[] = [
  'get',
  'create',
  'batchGet',
  'batchGetByDataFilter',
  'valuesGet',
  'valuesUpdate',
  'valuesClear',
  'valuesAppend',
  'valuesBatchUpdate',
  'batchClear',
  'batchUpdate',
];

/** Kinds that only read (used to pick the "Read requests" vs "Write requests" quota text). */
export const READ_KINDS: ReadonlySet<RequestKind> = new Set(['get', 'batchGet', 'batchGetByDataFilter', 'valuesGet']);
