/**
 * Dispatches a parsed request to its handler. Reads use the live model;
 * writes run in a transaction (deep copy committed only on success).
 */
import { applyBatchUpdate } from './batch-update.js';
import { badRequest } from './errors.js';
import { getSpreadsheet, spreadsheetJson } from './metadata.js';
import type { Route } from './router.js';
import type { SheetsState } from './state.js';
import type { Json } from './types.js';
import { valueInputOptionFrom } from './user-input.js';
import { appendValues } from './values-append.js';
import { batchGetValues, batchGetValuesByDataFilter, getValues } from './values-read.js';
import { batchClearValues, batchUpdateValues, clearRange, writeValueRange } from './values-write.js';

/** Everything a handler (and an `onRequest` hook) gets to see. */
export interface RequestContext {
  route: Route;
  query: URLSearchParams;
  body: Json;
}

/** Runs the request against the state and returns the JSON to answer with (status 200). */
export function dispatch(state: SheetsState, ctx: RequestContext): unknown {
  const { route, query, body } = ctx;
  if (route.kind === 'create') return spreadsheetJson(state.createFromApi(body));
  const id = route.spreadsheetId ?? '';
  const range = route.range ?? '';
  switch (route.kind) {
    case 'get':
      return getSpreadsheet(state.require(id), query, state.requestingUser);
    case 'batchGet':
      return batchGetValues(state.require(id), query);
    case 'batchGetByDataFilter':
      return batchGetValuesByDataFilter(state.require(id), body);
    case 'valuesGet':
      return { ...getValues(state.require(id), range, query) };
    case 'valuesUpdate': {
      const option = valueInputOptionFrom(query.get('valueInputOption') ?? undefined);
      return state.transact(id, (ss) => writeValueRange(ss, { ...body, range }, option));
    }
    case 'valuesClear':
      return state.transact(id, (ss) => ({ spreadsheetId: id, clearedRange: clearRange(ss, range) }));
    case 'valuesAppend': {
      const option = valueInputOptionFrom(query.get('valueInputOption') ?? undefined);
      return state.transact(id, (ss) => appendValues(ss, range, body, option, query.get('insertDataOption') ?? undefined));
    }
    case 'valuesBatchUpdate':
      return state.transact(id, (ss) => batchUpdateValues(ss, body));
    case 'batchClear':
      return state.transact(id, (ss) => batchClearValues(ss, body));
    case 'batchUpdate':
      return state.transact(id, (ss) => applyBatchUpdate(ss, body));
    default:
      throw badRequest(`Unsupported request kind: ${String(route.kind)}`);
  }
}
