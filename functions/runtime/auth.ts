/**
 * Who may call an HTTP function. Deployed, the platform checks the caller's OIDC token (the function is
 * deployed with --no-allow-unauthenticated and only the scheduler's service account holds the invoker
 * role). Off the platform nothing checks it for us, so a shared secret is required, and without one
 * configured every request is refused: fail closed.
 */
import { timingSafeEqual } from 'node:crypto';

export interface AuthDecision {
  readonly ok: boolean;
  readonly reason: string;
}

/** `onPlatform`: K_SERVICE is set (Cloud Functions gen2 / Cloud Run). */
export function authorize(headers: Readonly<Record<string, string | string[] | undefined>>, secret: string | undefined, onPlatform: boolean): AuthDecision {
  if (onPlatform && !secret) return { ok: true, reason: '平台已校验调用方身份（OIDC）' };
  if (!secret) return { ok: false, reason: '未配置 LEDGER_SHARED_SECRET：本地运行时拒绝所有请求' };
  const given = headerOf(headers, 'x-ledger-secret') ?? /^Bearer\s+(.+)$/i.exec(headerOf(headers, 'authorization') ?? '')?.[1];
  if (!given) return { ok: false, reason: '缺少 X-Ledger-Secret 请求头' };
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b) ? { ok: true, reason: '共享密钥正确' } : { ok: false, reason: '共享密钥不正确' };
}

function headerOf(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
