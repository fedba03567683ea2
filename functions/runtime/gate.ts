/**
 * A gate in front of functions-framework's server, for `npm run serve` and any self-hosted server:
 * the framework parses every body (up to 1 GB, any type) before our handler runs and answers bad JSON
 * with an HTML page. The gate answers first — method, path, shared secret, declared size — and reads at
 * most `maxBytes` of a body before anything is parsed; bad JSON gets a short Chinese JSON error. A body
 * it read is handed on already parsed (body-parser skips a request that has been read).
 * Deployed on Cloud Functions, the platform does the first part (IAM rejects unauthenticated callers
 * before the container, and caps bodies at 32 MB); our handler then repeats the checks it can.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { authorize } from './auth.js';

/** Largest request body accepted: the jobs' bodies are a few dozen bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface GateOptions {
  readonly secret: string | undefined;
  readonly onPlatform?: boolean;
  readonly maxBytes?: number;
  /** Paths served; anything else is 404. Default: `/` only. */
  readonly paths?: readonly string[];
}

/** A short JSON error, never a stack trace or a path on disk. */
export function sendJsonError(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** What is wrong with a request before its body is read; undefined when it may go on. */
export function refuseEarly(req: IncomingMessage, options: GateOptions): { status: number; error: string; headers?: Record<string, string> } | undefined {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!(options.paths ?? ['/']).includes(path)) return { status: 404, error: `没有这个地址：${path.slice(0, 80)}。函数只接受发往 / 的 POST 请求` };
  if (req.method !== 'POST') return { status: 405, error: '只接受 POST 请求', headers: { allow: 'POST' } };
  const auth = authorize(req.headers, options.secret, options.onPlatform ?? false);
  if (!auth.ok) return { status: 401, error: auth.reason };
  const declared = Number(req.headers['content-length'] ?? 0);
  const max = options.maxBytes ?? MAX_BODY_BYTES;
  if (declared > max) return { status: 413, error: `请求体过大（${declared} 字节，上限 ${max} 字节）` };
  return undefined;
}

/** Puts the gate in front of every 'request' listener of `server`. */
export function gateServer(server: Server, options: GateOptions): Server {
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const max = options.maxBytes ?? MAX_BODY_BYTES;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refused = refuseEarly(req, options);
    if (refused) {
      sendJsonError(res, refused.status, refused.error, { ...refused.headers, connection: 'close' });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max && !done) {
        done = true;
        sendJsonError(res, 413, `请求体过大（超过 ${max} 字节）`, { connection: 'close' });
        req.destroy();
        return;
      }
      if (!done) chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = parseJsonBody(text);
      if (!parsed.ok) {
        sendJsonError(res, 400, parsed.message);
        return;
      }
      Object.assign(req, { body: parsed.value, rawBody: Buffer.from(text) });
      for (const listener of listeners) listener(req, res);
    });
  });
  return server;
}

/** The answer to a body that is not JSON. */
export const BAD_JSON = '请求体不是合法的 JSON：请发送 JSON 对象，如 {"period":"2026-06"}';

/** A request body's JSON; an empty body is `{}`. */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: BAD_JSON };
  }
}
