/**
 * Every Sheets request goes through a Caller: one retry policy, one deadline per call, and errors turned
 * into LedgerErrors that name the spreadsheet.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { toLedgerError } from './api-errors.js';
import { withRetry, type Attempt, type RetryOptions } from './retry.js';

/** Runs Sheets requests for one spreadsheet under the retry policy. */
export interface Caller {
  readonly api: sheets_v4.Sheets;
  readonly spreadsheetId: string;
  /** Runs `fn` with retries; `action` names it in messages ("读取台账"). */
  run<T>(action: string, fn: (attempt: Attempt) => Promise<T>): Promise<T>;
}

/** The client, the spreadsheet, the retry policy and who we are (for permission messages). */
export interface CallerOptions {
  readonly api: sheets_v4.Sheets;
  readonly spreadsheetId: string;
  readonly retry?: RetryOptions | undefined;
  /** Looked up only when a permission error needs it. */
  readonly serviceAccountEmail?: (() => Promise<string | undefined>) | undefined;
}

/** A Caller whose failures are LedgerErrors naming the spreadsheet. */
export function createCaller(options: CallerOptions): Caller {
  return {
    api: options.api,
    spreadsheetId: options.spreadsheetId,
    async run(action, fn) {
      try {
        return await withRetry(fn, options.retry);
      } catch (error) {
        const serviceAccountEmail = await options.serviceAccountEmail?.().catch(() => undefined);
        throw toLedgerError(error, { spreadsheetId: options.spreadsheetId, action, serviceAccountEmail });
      }
    },
  };
}

/** Per-request options: the attempt's timeout. gaxios' retry is already off on the client. */
export function requestOptions(attempt: Attempt): { timeout: number; retry: false } {
  return { timeout: attempt.timeoutMs, retry: false };
}
