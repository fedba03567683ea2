/**
 * Google Sheets API v4 compatible HTTP server for tests.
 *
 * ```ts
 * const server = await startSheetsServer();
 * server.state.createSpreadsheet('sheet-1', [{ title: '台账', rows: [['名称', '金额'], ['甲', 1]] }]);
 * const api = sheets({ version: 'v4', auth, rootUrl: server.url + '/' });
 * ```
 */
export { startSheetsServer, type RequestHook, type SheetsServer, type SheetsServerOptions } from './server.js';
export { SheetsState, type SpreadsheetOptions } from './state.js';
export { FaultQueue, type Fault, type FaultEffect, type FaultMatch } from './faults.js';
export { RequestStats, type RequestLogEntry } from './stats.js';
export { ApiError } from './errors.js';
export type { RequestContext } from './dispatch.js';
export { columnIndex, columnLetters, formatA1, parseA1, quoteSheetTitle } from './a1.js';
export { dateToSerial, serialToDate } from './number-format.js';
export type {
  Box,
  CellSeed,
  CellValue,
  GridRange,
  Json,
  RequestKind,
  SheetModel,
  SheetProperties,
  SheetSeed,
  SpreadsheetModel,
  StoredCell,
} from './types.js';
