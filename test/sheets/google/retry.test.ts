import { describe, expect, it } from 'vitest';
import { RetriesExhausted, backoffDelay, classifyFailure, withRetry, type Attempt } from '../../../sheets/google/retry.js';
import { fakeTime } from './support.js';

const http = (status: number, reason?: string) => ({ config: {}, response: { status, data: { error: { code: status, errors: reason ? [{ reason }] : [] } } } });

describe('backoffDelay', () => {
  it.each([
    [0, 0, 1_000],
    [0, 0.999, 1_999],
    [1, 0.5, 2_500],
    [3, 0.5, 8_500],
    [4, 0.99, 16_990],
    [5, 0, 32_000],
    [9, 0.9, 32_000],
  ])('when retry %i has jitter %f, then the wait is %i ms', (n, random, expected) => {
    expect(backoffDelay(n, () => random)).toBe(expected);
  });
});

describe('classifyFailure', () => {
  it.each([
    ['429', http(429), 'quota'],
    ['403 rate limit', http(403, 'userRateLimitExceeded'), 'quota'],
    ['403 permission', http(403), 'fatal'],
    ['404', http(404), 'fatal'],
    ['400', http(400), 'fatal'],
    ['408', http(408), 'transient'],
    ['500', http(500), 'transient'],
    ['502', http(502), 'transient'],
    ['503', http(503), 'transient'],
    ['504', http(504), 'transient'],
    ['connection reset', { config: {}, code: 'ECONNRESET' }, 'transient'],
    ['timeout', { config: {}, code: 'TimeoutError' }, 'transient'],
    ['a bug of ours', new TypeError('x is undefined'), 'fatal'],
  ])('when the failure is %s, then it is %s', (_, error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});

describe('withRetry', () => {
  it('when an attempt fails fatally, then the error is rethrown at once', async () => {
    const time = fakeTime();
    let calls = 0;
    const error = http(400);
    await expect(withRetry(async () => { calls++; throw error; }, time)).rejects.toBe(error);
    expect(calls).toBe(1);
    expect(time.delays).toEqual([]);
  });

  it('when attempts fail transiently and then succeed, then the result is returned after the backoff waits', async () => {
    const time = fakeTime();
    const seen: Attempt[] = [];
    const result = await withRetry(async (attempt) => {
      seen.push(attempt);
      if (attempt.number < 2) throw http(503);
      return 'done';
    }, time);
    expect(result).toBe('done');
    expect(seen.map((a) => a.number)).toEqual([0, 1, 2]);
    expect(time.delays).toEqual([1_500, 2_500]);
  });

  it('when failures outlast the deadline, then it gives up before a wait would cross it', async () => {
    const time = fakeTime({ deadlineMs: 120_000 });
    const error = await withRetry(async () => { throw http(429); }, time).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect((error as RetriesExhausted).kind).toBe('quota');
    expect((error as RetriesExhausted).attempts).toBe(8);
    expect(time.delays).toEqual([1_500, 2_500, 4_500, 8_500, 16_500, 32_000, 32_000]);
  });

  it('when little of the deadline is left, then the attempt timeout shrinks to fit it', async () => {
    const time = fakeTime({ deadlineMs: 10_000, attemptTimeoutMs: 60_000 });
    const timeouts: number[] = [];
    await withRetry(async (attempt) => {
      timeouts.push(attempt.timeoutMs);
      if (attempt.number < 2) throw http(500);
    }, time);
    expect(timeouts).toEqual([10_000, 8_500, 6_000]);
  });

  it('when a retry is about to wait, then onRetry is told why and for how long', async () => {
    const events: unknown[] = [];
    await withRetry(async (attempt) => {
      if (attempt.number === 0) throw http(429);
    }, fakeTime({ onRetry: ({ retry, delayMs, kind }) => events.push({ retry, delayMs, kind }) }));
    expect(events).toEqual([{ retry: 1, delayMs: 1_500, kind: 'quota' }]);
  });
});
