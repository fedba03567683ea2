/**
 * Request counters of the test server.
 */
import type { RequestKind } from './types.js';

/** One request as the server saw it. */
export interface RequestLogEntry {
  kind: RequestKind;
  method: string;
  path: string;
  spreadsheetId: string | undefined;
  /** Final HTTP status; 0 when the request was dropped or left hanging. */
  status: number;
}

/**
 * Counts every routed request (including ones answered with an error or a
 * fault) by kind, plus request/response body bytes.
 */
export class RequestStats {
  get = 0;
  create = 0;
  batchGet = 0;
  batchGetByDataFilter = 0;
  valuesGet = 0;
  valuesUpdate = 0;
  valuesClear = 0;
  valuesAppend = 0;
  valuesBatchUpdate = 0;
  batchClear = 0;
  batchUpdate = 0;
  /** All routed requests. */
  total = 0;
  /** Request body bytes received (as sent on the wire). */
  bytesIn = 0;
  /** Response body bytes sent. */
  bytesOut = 0;
  /** Every routed request in arrival order. */
  readonly requests: RequestLogEntry[] = [];

  /** Counts a request and returns its log entry (status filled in later). */
  record(kind: RequestKind, method: string, path: string, spreadsheetId: string | undefined): RequestLogEntry {
    this[kind] += 1;
    this.total += 1;
    const entry: RequestLogEntry = { kind, method, path, spreadsheetId, status: 0 };
    this.requests.push(entry);
    return entry;
  }

  /** Number of requests of one kind. */
  count(kind: RequestKind): number {
    return this[kind];
  }

  /** Zeroes every counter and clears the log. */
  reset(): void {
    this.get = 0;
    this.create = 0;
    this.batchGet = 0;
    this.batchGetByDataFilter = 0;
    this.valuesGet = 0;
    this.valuesUpdate = 0;
    this.valuesClear = 0;
    this.valuesAppend = 0;
    this.valuesBatchUpdate = 0;
    this.batchClear = 0;
    this.batchUpdate = 0;
    this.total = 0;
    this.bytesIn = 0;
    this.bytesOut = 0;
    this.requests.length = 0;
  }
}
