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
    socketTimeout: 30_000,
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
        const e = error as { rejected?: unknown[]; response?: string; message?: string; code?: string };
        const reason = e.response ?? e.message ?? String(error);
        // All recipients refused (nodemailer throws EENVELOPE): record each as failed; a connection or
        // server failure fails every recipient of this message, to be retried by the next run.
        return { accepted: [], rejected: mail.to.map((address) => ({ address, reason })), detail: `${e.code ?? 'ERROR'} ${reason}` };
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
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
