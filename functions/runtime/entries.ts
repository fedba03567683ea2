/**
 * The two shapes a job is delivered in. HTTP: Cloud Scheduler with an OIDC token (or, locally, the
 * shared secret); CloudEvent: a Pub/Sub message whose data is the same JSON body.
 */
import type { CloudEvent, HttpFunction } from '@google-cloud/functions-framework';
import { LedgerError } from '../errors.js';
import { parseJsonBody, refuseEarly } from './gate.js';
import { runJob, type JobContext } from './job.js';
import { jsonLogger, type Logger } from './log.js';
import { parseBody, type JobName } from './requests.js';

export interface EntryOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: Logger;
  readonly clock?: () => Date;
}

/** HTTP status for a failure: 4xx when retrying cannot help, 409/429/5xx when it can. */
export function statusOf(error: unknown): number {
  if (!(error instanceof LedgerError)) return 500;
  switch (error.code) {
    case 'BAD_CONFIG':
    case 'LEDGER_UNUSABLE':
      return 422;
    case 'LEDGER_LOCKED':
      return 409;
    case 'QUOTA':
      return 429;
    case 'DELIVERY_FAILED':
      // The mail server failed us: a gateway error, so Cloud Scheduler retries with backoff.
      return 502;
    default:
      return 500;
  }
}

function scheduledAt(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function httpEntry(job: JobName, options: EntryOptions = {}): HttpFunction {
  return async (req, res) => {
    const env = options.env ?? process.env;
    const log = options.log ?? jsonLogger();
    const trace = { job, requestId: req.get('x-cloud-trace-context') ?? undefined };
    // The same early checks as the gate in front of `serve` (path, method, secret, declared size);
    // deployed, the platform has authenticated the caller before the body was read.
    const refused = refuseEarly(req, { secret: env.LEDGER_SHARED_SECRET || undefined, onPlatform: Boolean(env.K_SERVICE) });
    if (refused) {
      log('WARNING', `拒绝请求：${refused.error}`, { ...trace, status: refused.status });
      res.status(refused.status).set(refused.headers ?? {}).json({ error: refused.error });
      return;
    }
    const raw = bodyOf(req.body);
    if (!raw.ok) {
      log('WARNING', raw.message, trace);
      res.status(400).json({ error: raw.message });
      return;
    }
    const body = parseBody(job, raw.value);
    if (!body.ok) {
      log('WARNING', body.message, trace);
      res.status(400).json({ error: body.message });
      return;
    }
    const context: JobContext = { env, ...(options.clock ? { clock: options.clock } : {}), ...(scheduledAt(req.get('x-cloudscheduler-scheduletime')) ? { scheduledAt: scheduledAt(req.get('x-cloudscheduler-scheduletime')) } : {}) };
    try {
      const result = await runJob(job, body.value, context);
      log('INFO', `${job} ${result.status}`, { ...trace, runId: result.runId, detail: result.detail });
      res.status(200).json(result);
    } catch (error) {
      const status = statusOf(error);
      const message = error instanceof LedgerError ? error.message : '内部错误，详见日志';
      const detail = error instanceof LedgerError ? error.detail : undefined;
      log('ERROR', error instanceof LedgerError ? error.message : String((error as Error)?.stack ?? error), { ...trace, status, code: error instanceof LedgerError ? error.code : 'INTERNAL', ...(detail ? { detail } : {}) });
      res.status(status).json({ error: message, ...(detail ? { detail } : {}) });
    }
  };
}

/**
 * The JSON body, whatever the framework made of it: an object (application/json), text or a Buffer
 * (other content types, parsed here), nothing (an empty body is `{}`).
 */
function bodyOf(body: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (body === undefined || body === null) return { ok: true, value: {} };
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return { ok: true, value: body };
  return parseJsonBody(body.toString());
}

/** Pub/Sub's envelope: the body is JSON in message.data, base64. */
interface PubSubData {
  readonly message?: { readonly data?: string };
}

export function eventEntry(job: JobName, options: EntryOptions = {}): (event: CloudEvent<PubSubData>) => Promise<void> {
  return async (event) => {
    const env = options.env ?? process.env;
    const log = options.log ?? jsonLogger();
    const trace = { job, eventId: event.id };
    let raw: unknown = {};
    try {
      const data = event.data?.message?.data;
      raw = data ? JSON.parse(Buffer.from(data, 'base64').toString('utf8')) : {};
    } catch {
      log('ERROR', '消息内容不是 JSON，已丢弃', trace);
      return;
    }
    const body = parseBody(job, raw);
    if (!body.ok) {
      log('ERROR', `${body.message}，已丢弃`, trace);
      return;
    }
    try {
      const result = await runJob(job, body.value, { env, ...(options.clock ? { clock: options.clock } : {}), ...(scheduledAt(event.time) ? { scheduledAt: scheduledAt(event.time) } : {}) });
      log('INFO', `${job} ${result.status}`, { ...trace, runId: result.runId, detail: result.detail });
    } catch (error) {
      const status = statusOf(error);
      const detail = error instanceof LedgerError ? error.detail : undefined;
      log('ERROR', error instanceof LedgerError ? error.message : String((error as Error)?.stack ?? error), { ...trace, status, code: error instanceof LedgerError ? error.code : 'INTERNAL', ...(detail ? { detail } : {}) });
      // Throwing asks Pub/Sub to redeliver: only worth it when a later attempt can succeed.
      if (status !== 422) throw error;
    }
  };
}
