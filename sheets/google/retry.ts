/**
 * One retry policy for every Sheets call, POSTs included. gaxios' own retry is switched off in
 * `client.ts` (it skips POST and waits far too little for a per-minute quota), so this is the only one.
 *
 * Delay before retry n (0-based): min(2^n s + up to 1 s of jitter, 32 s) — Google's advice for the
 * Sheets quotas, which refill each minute. Retries stop when the next wait would end past the deadline
 * (default 120 s from the first attempt), so a call never outlives the function that makes it.
 */

/** How a failed attempt is treated. */
export type FailureKind =
  /** 429 (or a 403 whose reason is a rate limit): retry, and say "quota" if it never clears. */
  | 'quota'
  /** 500/502/503/504, 408, a dropped connection or a timeout: retry. */
  | 'transient'
  /** Anything else (400, 401, 403, 404, a bug in our code): fail at once. */
  | 'fatal';

/** The retry policy's knobs; tests inject sleep, random and now so nothing really waits. */
export interface RetryOptions {
  /** Budget for one call, waits included, in ms. Default 120 000. */
  readonly deadlineMs?: number;
  /** Timeout of one HTTP attempt in ms, capped by what is left of the deadline. Default 60 000. */
  readonly attemptTimeoutMs?: number;
  /** Longest single wait in ms. Default 32 000. */
  readonly maxDelayMs?: number;
  /** Waits; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
  /** Clock in ms, for the deadline. */
  readonly now?: () => number;
  /** Told before each wait, e.g. to log it. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** A retry about to happen. */
export interface RetryEvent {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly kind: FailureKind;
  readonly error: unknown;
}

/** What one attempt is given. */
export interface Attempt {
  /** 0 for the first attempt. */
  readonly number: number;
  /** Pass as the request's `timeout`. */
  readonly timeoutMs: number;
}

/** Thrown when retries ran out; `cause` is the last attempt's error. */
export class RetriesExhausted extends Error {
  override readonly name = 'RetriesExhausted';
  constructor(
    readonly attempts: number,
    readonly kind: FailureKind,
    cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts`, { cause });
  }
}

const DEFAULTS = { deadlineMs: 120_000, attemptTimeoutMs: 60_000, maxDelayMs: 32_000 };
const MIN_ATTEMPT_MS = 1_000;

/** The wait before retry `n` (0-based): min(2^n s + jitter ≤ 1 s, max). */
export function backoffDelay(n: number, random: () => number, maxDelayMs = DEFAULTS.maxDelayMs): number {
  return Math.min(2 ** n * 1_000 + Math.floor(random() * 1_000), maxDelayMs);
}

interface ApiErrorShape {
  readonly status?: unknown;
  readonly code?: unknown;
  readonly config?: unknown;
  readonly response?: { readonly status?: unknown; readonly data?: unknown };
}

/** HTTP status of a gaxios error, if the server answered. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as ApiErrorShape;
  const status = e.response?.status ?? e.status;
  return typeof status === 'number' ? status : undefined;
}

/** The `error.errors[].reason` / `error.details[].reason` strings of a Google error body. */
export function reasonsOf(error: unknown): string[] {
  const data = (error as ApiErrorShape | undefined)?.response?.data as
    | { error?: { errors?: { reason?: unknown }[]; details?: { reason?: unknown }[] } }
    | undefined;
  const all = [...(data?.error?.errors ?? []), ...(data?.error?.details ?? [])];
  return all.map((x) => x.reason).filter((r): r is string => typeof r === 'string');
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);

/**
 * Classifies an error. Only errors from the HTTP layer (they carry gaxios' `config`) are retried
 * when they have no status: a TypeError from our own code must not be retried for two minutes.
 */
export function classifyFailure(error: unknown): FailureKind {
  const status = statusOf(error);
  if (status === 429) return 'quota';
  if (status === 403 && reasonsOf(error).some((r) => RATE_REASONS.has(r))) return 'quota';
  if (status === 408 || status === 500 || status === 502 || status === 503 || status === 504) return 'transient';
  if (status !== undefined) return 'fatal';
  const fromHttpLayer = typeof error === 'object' && error !== null && 'config' in error;
  return fromHttpLayer ? 'transient' : 'fatal';
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` until it succeeds, a fatal error occurs, or the deadline leaves no room for another
 * wait. Fatal errors are rethrown as they are; running out throws {@link RetriesExhausted}.
 */
export async function withRetry<T>(call: (attempt: Attempt) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const deadline = now() + (options.deadlineMs ?? DEFAULTS.deadlineMs);
  const attemptTimeout = options.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs;
  for (let number = 0; ; number++) {
    const timeoutMs = Math.min(attemptTimeout, Math.max(MIN_ATTEMPT_MS, deadline - now()));
    try {
      return await call({ number, timeoutMs });
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === 'fatal') throw error;
      const delayMs = backoffDelay(number, random, options.maxDelayMs);
      if (now() + delayMs >= deadline) throw new RetriesExhausted(number + 1, kind, error);
      options.onRetry?.({ retry: number + 1, delayMs, kind, error });
      await sleep(delayMs);
    }
  }
}
