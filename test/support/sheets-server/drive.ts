/**
 * A Drive API v3 compatible loopback server for the few calls a rollover makes: files.get, files.copy,
 * files.update (name), files.delete, permissions.list and permissions.create. Files are the Sheets test
 * server's spreadsheets (a copy is a deep copy in its state); Drive metadata (name, parents, sharing)
 * lives here. Start it beside the Sheets server and give the Drive client its URL as rootUrl.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJsonBody, readRawBody, sendJson } from './http-io.js';
import type { SheetsState } from './state.js';
import type { Json } from './types.js';

export interface DrivePermission {
  id: string;
  type: 'user' | 'group' | 'domain' | 'anyone';
  role: 'owner' | 'writer' | 'commenter' | 'reader';
  emailAddress?: string;
  domain?: string;
}

export interface DriveFile {
  name: string;
  parents: string[];
  permissions: DrivePermission[];
}

export type DriveCall = 'files.get' | 'files.copy' | 'files.update' | 'files.delete' | 'permissions.list' | 'permissions.create';

export interface DriveServer {
  readonly url: string;
  readonly files: Map<string, DriveFile>;
  /** Every call, in order, e.g. `files.copy old-id`. */
  readonly calls: string[];
  /** The next call of this kind answers with this status (state untouched). */
  failNext(call: DriveCall, status: number): void;
  close(): Promise<void>;
}

/**
 * Starts the server; `caller` is the account the requests act as (it owns the copies). With `sheetsUrl`,
 * every other path is forwarded there, so one root URL serves both APIs (as Google's does for a CLI run
 * whose LEDGER_SHEETS_ROOT_URL points here).
 */
export async function startDriveServer(state: SheetsState, caller = 'ledger-bot@city-project.iam.gserviceaccount.com', sheetsUrl?: string): Promise<DriveServer> {
  const files = new Map<string, DriveFile>();
  const calls: string[] = [];
  const faults: { call: DriveCall; status: number }[] = [];
  const fileJson = (id: string, f: DriveFile) => ({ kind: 'drive#file', id, name: f.name, parents: f.parents, mimeType: 'application/vnd.google-apps.spreadsheet' });
  const error = (res: ServerResponse, code: number, message: string) => sendJson(res, code, { error: { code, message, errors: [{ message, reason: code === 404 ? 'notFound' : 'backendError' }] } });

  function route(method: string, path: string): { call: DriveCall; id: string } | undefined {
    const m = /^\/drive\/v3\/files\/([^/]+)(\/copy|\/permissions)?$/.exec(path);
    if (!m) return undefined;
    const id = decodeURIComponent(m[1] ?? '');
    const table: Record<string, DriveCall> = { 'GET ': 'files.get', 'POST /copy': 'files.copy', 'PATCH ': 'files.update', 'DELETE ': 'files.delete', 'GET /permissions': 'permissions.list', 'POST /permissions': 'permissions.create' };
    const call = table[`${method} ${m[2] ?? ''}`];
    return call ? { call, id } : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRawBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (sheetsUrl && !url.pathname.startsWith('/drive/')) return forward(req, res, raw, sheetsUrl);
    const body: Json = parseJsonBody(raw, req.headers['content-encoding']);
    const hit = route(req.method ?? 'GET', url.pathname);
    if (!hit) return void error(res, 404, `Not found: ${req.method} ${url.pathname}`);
    calls.push(`${hit.call} ${hit.id}`);
    const fault = faults.findIndex((f) => f.call === hit.call);
    if (fault >= 0) {
      const [f] = faults.splice(fault, 1);
      return void error(res, f?.status ?? 500, 'Injected fault');
    }
    const file = files.get(hit.id);
    if (!file || !state.has(hit.id)) return void error(res, 404, `File not found: ${hit.id}.`);
    switch (hit.call) {
      case 'files.get': return void sendJson(res, 200, fileJson(hit.id, file));
      case 'files.copy': {
        const id = randomBytes(22).toString('base64url');
        const name = typeof body['name'] === 'string' ? body['name'] : `Copy of ${file.name}`;
        state.copySpreadsheet(hit.id, id, name);
        // Drive does not copy sharing: the copy is the caller's alone.
        files.set(id, { name, parents: Array.isArray(body['parents']) ? (body['parents'] as string[]) : file.parents, permissions: [{ id: 'p0', type: 'user', role: 'owner', emailAddress: caller }] });
        return void sendJson(res, 200, fileJson(id, files.get(id)!));
      }
      case 'files.update':
        if (typeof body['name'] === 'string') file.name = body['name'];
        return void sendJson(res, 200, fileJson(hit.id, file));
      case 'files.delete':
        files.delete(hit.id);
        state.removeSpreadsheet(hit.id);
        res.writeHead(204).end();
        return;
      case 'permissions.list': return void sendJson(res, 200, { permissions: file.permissions });
      case 'permissions.create': {
        const p = { ...(body as unknown as DrivePermission), id: `p${file.permissions.length}` };
        file.permissions.push(p);
        return void sendJson(res, 200, p);
      }
    }
  }

  function forward(req: IncomingMessage, res: ServerResponse, raw: Buffer, target: string): Promise<void> {
    return new Promise((resolve) => {
      const out = request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res).on('finish', resolve);
      });
      out.on('error', () => { res.destroy(); resolve(); });
      out.end(raw);
    });
  }

  const server = createServer((req, res) => void handle(req, res).catch((e: unknown) => error(res, 500, String(e))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    calls,
    failNext: (call, status) => void faults.push({ call, status }),
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
