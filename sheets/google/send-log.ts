/**
 * 发送记录 rows are buffered and flushed in one write request when 10 rows are pending, or when a row
 * arrives 3 s or more after the last flush; `close` flushes the rest. A message is sent before its row
 * is appended, so a run killed before a flush forgets at most the rows of the residual window — fewer
 * than 10 rows appended within 3 s of the previous flush — and a rerun sends those messages again.
 * With Sheets' 60 writes per minute per user, flushing every row could exhaust the quota during a
 * 200-unit mailing; this bounds the flushes to one per 10 rows or per 3 s.
 */
import type { Cell } from '../../functions/core/cells.js';

/** When the buffer flushes. */
export interface SendLogOptions {
  /** Flush when this many rows are pending. Default 10. */
  readonly maxRows?: number;
  /** Flush when a row arrives this long after the last flush, in ms. Default 3000. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/** Rows waiting for 发送记录, flushed through `write` one batch at a time, in order. */
export class SendLogBuffer {
  readonly #write: (rows: Cell[][]) => Promise<void>;
  readonly #maxRows: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #pending: Cell[][] = [];
  #lastFlush: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(write: (rows: Cell[][]) => Promise<void>, options: SendLogOptions = {}) {
    this.#write = write;
    this.#maxRows = options.maxRows ?? 10;
    this.#maxAgeMs = options.maxAgeMs ?? 3_000;
    this.#now = options.now ?? Date.now;
    this.#lastFlush = this.#now();
  }

  /** Rows not yet written. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Buffers rows; flushes (and waits for it) when the buffer is full or old enough. */
  async append(rows: readonly (readonly Cell[])[]): Promise<void> {
    this.#pending.push(...rows.map((r) => [...r]));
    if (this.#pending.length >= this.#maxRows || this.#now() - this.#lastFlush >= this.#maxAgeMs) await this.flush();
  }

  /** Writes every pending row. A failed flush keeps its rows pending for the next attempt. */
  flush(): Promise<void> {
    const run = this.#queue.then(async () => {
      if (this.#pending.length === 0) return;
      const rows = this.#pending;
      this.#pending = [];
      try {
        await this.#write(rows);
        this.#lastFlush = this.#now();
      } catch (error) {
        this.#pending = [...rows, ...this.#pending];
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
