/**
 * HTTP plumbing: body reading (JSON, optionally gzip/deflate-encoded),
 * bearer-token checks and JSON responses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { ApiError, badRequest, invalidCredentials, missingCredentials } from './errors.js';
import type { Json } from './types.js';

/** Reads the raw request body. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Decodes (gzip/deflate) and parses a JSON body; an empty body is `{}`. */
export function parseJsonBody(raw: Buffer, contentEncoding: string | undefined): Json {
  let data = raw;
  const encoding = (contentEncoding ?? '').toLowerCase().trim();
  try {
    if (encoding === 'gzip') data = gunzipSync(raw);
    else if (encoding === 'deflate') data = inflateSync(raw);
  } catch {
    throw badRequest(`Could not decode ${encoding} request body.`);
  }
  const text = data.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('Invalid JSON payload received. Expected an object.');
  }
  return parsed as Json;
}

/**
 * Checks `Authorization: Bearer <token>` (or `access_token` query parameter).
 * Any token is accepted unless `expected` is set.
 */
export function checkAuth(req: IncomingMessage, query: URLSearchParams, expected: string | undefined): void {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1] ?? query.get('access_token') ?? undefined;
  if (!token) throw missingCredentials();
  if (expected !== undefined && token !== expected) throw invalidCredentials();
}

/** Sends a JSON response; returns the number of body bytes written. */
export function sendJson(res: ServerResponse, status: number, body: unknown): number {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  if (res.destroyed || res.headersSent) return 0;
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(payload.length),
    vary: 'Origin, X-Origin, Referer',
  });
  res.end(payload);
  return payload.length;
}

/** Sends an ApiError in Google's shape; returns the number of body bytes written. */
export function sendError(res: ServerResponse, error: ApiError): number {
  if (error.code === 401) res.setHeader('www-authenticate', 'Bearer realm="https://accounts.google.com/"');
  return sendJson(res, error.code, error.toBody());
}
