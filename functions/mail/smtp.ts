/**
 * SMTP delivery with nodemailer: pooled connections, rate-limited, configured by URL
 * (smtp://user:pass@host:587 or smtps://…:465). A recipient the server refuses is reported, the others
 * still get the message.
 */
import nodemailer from 'nodemailer';
import type { DeliveryResult, MailTransport, OutgoingMail } from '../ports.js';
import { messageOptions } from './compose.js';

export interface SmtpOptions {
  readonly url: string;
  readonly from: string;
  /** Messages per second at most (default 5). */
  readonly ratePerSecond?: number;
  readonly maxConnections?: number;
  /** Accept self-signed certificates (tests on loopback only). */
  readonly insecureTls?: boolean;
  /** How long to wait for the server's reply, in ms (default 30 000). */
  readonly socketTimeoutMs?: number;
}

export function createSmtpTransport(options: SmtpOptions): MailTransport {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 2,
    rateDelta: 1000,
    rateLimit: options.ratePerSecond ?? 5,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    ...(options.insecureTls ? { tls: { rejectUnauthorized: false } } : {}),
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const host = safeUrl(options.url);
  return {
    label: `SMTP ${host}`,
    async send(mail: OutgoingMail): Promise<DeliveryResult> {
      try {
        const info = (await transport.sendMail(messageOptions(mail, options.from))) as {
          accepted?: unknown[]; rejected?: unknown[]; rejectedErrors?: { recipient?: string; response?: string; message?: string }[]; response?: string;
        };
        const rejected = (info.rejected ?? []).map(String).map((address) => ({
          address,
          reason: info.rejectedErrors?.find((e) => e.recipient === address)?.response ?? '服务器拒收',
        }));
        return { accepted: (info.accepted ?? []).map(String), rejected, detail: info.response ?? '' };
      } catch (error) {
        const e = error as SmtpError;
        const reason = `${e.code ?? 'ERROR'} ${e.response ?? e.message ?? String(error)}`;
        const each = mail.to.map((address) => ({ address, reason }));
        // A definite answer (a 4xx/5xx reply, refused recipients, no connection) is 失败 and retried by
        // the next run; a connection lost or timed out without a reply may have delivered the message:
        // 状态未知, never retried blind (SMTP cannot de-duplicate).
        return definiteFailure(e) ? { accepted: [], rejected: each, detail: reason } : { accepted: [], rejected: [], unknown: each, detail: reason };
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}

interface SmtpError {
  readonly code?: string;
  readonly originalCode?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly message?: string;
  readonly timeoutType?: string;
}

/** Codes nodemailer gives when the message cannot have been sent (no connection, bad envelope, login refused). */
const NOT_SENT_CODES = new Set(['EAUTH', 'EENVELOPE', 'EMESSAGE', 'EDNS', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'ESTREAM']);
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** True when the server answered 4xx/5xx or the message cannot have left; false when its fate is unknown. */
export function definiteFailure(error: SmtpError): boolean {
  if (typeof error.responseCode === 'number' && error.responseCode >= 400) return true;
  if (error.code && NOT_SENT_CODES.has(error.code)) return true;
  if (error.originalCode && NO_CONNECTION.has(error.originalCode)) return true;
  if (error.code === 'ETIMEDOUT' && ['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT'].includes(error.timeoutType ?? '')) return true;
  return false;
}

/** The URL without its password, for logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = parsed.password ? '***' : '';
    return parsed.toString();
  } catch {
    return 'smtp://(invalid url)';
  }
}
