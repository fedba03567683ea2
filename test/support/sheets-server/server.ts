/**
 * The Google Sheets API v4 compatible HTTP test server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type RequestContext } from './dispatch.js';
import { ApiError, faultError, statusName } from './errors.js';
import { FaultQueue } from './faults.js';
import { parseFieldMask, projectFields } from './field-mask.js';
import { checkAuth, parseJsonBody, readRawBody, sendError, sendJson } from './http-io.js';
import { matchRoute } from './router.js';
import { SheetsState } from './state.js';
import { RequestStats, type RequestLogEntry } from './stats.js';
import { READ_KINDS, type RequestKind } from './types.js';

/** Options of {@link startSheetsServer}. */
export interface SheetsServerOptions {
  /** Accept only this bearer token (default: any non-empty token). */
  token?: string;
  /** Receives one line per request (method, path, status), e.g. `console.log`. */
  log?: (line: string) => void;
  /**
   * Refuse request bodies larger than this many bytes with Google's 400, as the real API does above
   * 10 MiB (`Request payload size exceeds the limit: 10485760 bytes.`). Default: no limit.
   */
  maxRequestBytes?: number;
  /**
   * The account the requests come from (e.g. the service account's email). Google lists it among the
   * editors of every protected range in spreadsheets.get answers; unset, no one is added.
   */
  requestingUser?: string;
}

/** A hook run after a request is parsed and before it is applied; may be async, may throw an ApiError to answer with it. */
export type RequestHook = (ctx: RequestContext & { kind: RequestKind; state: SheetsState }) => void | Promise<void>;

/** Handle of a running server. */
export interface SheetsServer {
  /** Base URL, e.g. `http://127.0.0.1:54321` (pass `url + '/'` as the client's rootUrl). */
  readonly url: string;
  /** Spreadsheets, with seeding and inspection helpers. */
  readonly state: SheetsState;
  /** Fault injection queue. */
  readonly faults: FaultQueue;
  /** Request counters. */
  readonly stats: RequestStats;
  /** Registers a hook for one kind (or `any`); returns a function that removes it. */
  onRequest(kind: RequestKind | 'any', fn: RequestHook): () => void;
  /** Stops the server, destroying open (including hanging) connections. */
  close(): Promise<void>;
}

interface Hook {
  kind: RequestKind | 'any';
  fn: RequestHook;
}

const sleep = (ms: number, timers: Set<NodeJS.Timeout>): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });

/** The answer cut down to the `fields` system parameter, when one is given. */
function withFields(result: unknown, fields: string | null): unknown {
  return fields === null || fields.trim() === '' ? result : projectFields(result, parseFieldMask(fields));
}

/** Starts a server on 127.0.0.1 (random port). */
export async function startSheetsServer(options: SheetsServerOptions = {}): Promise<SheetsServer> {
  const state = new SheetsState();
  state.requestingUser = options.requestingUser;
  const faults = new FaultQueue();
  const stats = new RequestStats();
  const hooks: Hook[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const finish = (entry: RequestLogEntry, status: number, bytes: number): void => {
    stats.bytesOut += bytes;
    entry.status = status;
    options.log?.(`${entry.method} ${entry.path} -> ${status === 0 ? 'no response' : `${status} ${statusName(status)}`}`);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRawBody(req);
    stats.bytesIn += raw.length;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const route = matchRoute(method, url.pathname);
    if (!route) {
      const bytes = sendError(res, new ApiError(404, `Method not found: ${method} ${url.pathname}`));
      options.log?.(`${method} ${url.pathname} -> 404 (no route)`);
      stats.bytesOut += bytes;
      return;
    }
    const entry = stats.record(route.kind, method, url.pathname + url.search, route.spreadsheetId);
    try {
      if (options.maxRequestBytes !== undefined && raw.length > options.maxRequestBytes) {
        throw new ApiError(400, `Request payload size exceeds the limit: ${options.maxRequestBytes} bytes.`);
      }
      checkAuth(req, url.searchParams, options.token);
      const fault = faults.take(route.kind);
      if (fault?.kind === 'status') throw faultError(fault.status, READ_KINDS.has(route.kind), fault.message);
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        finish(entry, 0, 0);
        return;
      }
      if (fault?.kind === 'hang') {
        finish(entry, 0, 0);
        return;
      }
      if (fault?.kind === 'delay') await sleep(fault.ms, timers);
      const ctx: RequestContext = { route, query: url.searchParams, body: parseJsonBody(raw, req.headers['content-encoding']) };
      for (const hook of [...hooks]) {
        if (hook.kind === 'any' || hook.kind === route.kind) await hook.fn({ ...ctx, kind: route.kind, state });
      }
      if (closed) return;
      const result = withFields(dispatch(state, ctx), url.searchParams.get('fields'));
      finish(entry, 200, sendJson(res, 200, result));
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(500, `Internal error in sheets test server: ${String((err as Error)?.stack ?? err)}`);
      finish(entry, apiError.code, sendError(res, apiError));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.log?.(`sheets test server: unhandled ${String(err)}`);
      if (!res.headersSent) res.destroy();
    });
  });
  // Google keeps idle connections far longer than Node's 5 s default; a client that pauses between
  // requests (a run computing between read and write) should not find its socket closed under it.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    faults,
    stats,
    onRequest(kind, fn) {
      const hook: Hook = { kind, fn };
      hooks.push(hook);
      return () => {
        const i = hooks.indexOf(hook);
        if (i >= 0) hooks.splice(i, 1);
      };
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
