/**
 * Maps HTTP method + path to a request kind, following the URL templates of
 * the generated client (`/v4/spreadsheets/{spreadsheetId}/values:batchGet`, …).
 */
import type { RequestKind } from './types.js';

/** A matched route. */
export interface Route {
  kind: RequestKind;
  spreadsheetId?: string;
  /** Decoded A1 range of the single-range values methods. */
  range?: string;
}

const PREFIX = '/v4/spreadsheets';

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Matches a request; `undefined` for paths the API does not have. `rawPath` is the undecoded pathname. */
export function matchRoute(method: string, rawPath: string): Route | undefined {
  if (rawPath === PREFIX || rawPath === `${PREFIX}/`) return method === 'POST' ? { kind: 'create' } : undefined;
  if (!rawPath.startsWith(`${PREFIX}/`)) return undefined;
  const rest = rawPath.slice(PREFIX.length + 1);
  const m = /^([^/:]+)(.*)$/.exec(rest);
  if (!m) return undefined;
  const spreadsheetId = decode(m[1] ?? '');
  const tail = m[2] ?? '';
  if (!spreadsheetId) return undefined;
  const fixed: Record<string, [string, RequestKind]> = {
    '': ['GET', 'get'],
    ':batchUpdate': ['POST', 'batchUpdate'],
    '/values:batchGet': ['GET', 'batchGet'],
    '/values:batchGetByDataFilter': ['POST', 'batchGetByDataFilter'],
    '/values:batchUpdate': ['POST', 'valuesBatchUpdate'],
    '/values:batchClear': ['POST', 'batchClear'],
  };
  const hit = fixed[tail];
  if (hit) return hit[0] === method ? { kind: hit[1], spreadsheetId } : undefined;
  const single = /^\/values\/([^/:]+)(:clear|:append)?$/.exec(tail);
  if (!single) return undefined;
  const range = decode(single[1] ?? '');
  if (range === undefined) return undefined;
  if (single[2]) return method === 'POST' ? { kind: single[2] === ':clear' ? 'valuesClear' : 'valuesAppend', spreadsheetId, range } : undefined;
  if (method === 'GET') return { kind: 'valuesGet', spreadsheetId, range };
  if (method === 'PUT') return { kind: 'valuesUpdate', spreadsheetId, range };
  return undefined;
}
