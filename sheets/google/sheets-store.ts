/**
 * The ledger store over one Google spreadsheet, the production backend: the same LedgerStore as the
 * workbook store, within Sheets' per-minute quotas and without writing into any tab staff edit.
 *
 * Requests per run, whatever the number of units:
 *   read()  — spreadsheets.get (tab properties only) + values.batchGetByDataFilter (every tab whole);
 *   write() — one spreadsheets.batchUpdate, atomic (all or nothing), carrying only what changed
 *             since this session read the tabs (diff-write.ts): the rows that differ, rows appended,
 *             rows cleared below a shorter result, a run-time column stamped with one repeatCell, and
 *             rows moved up or down with deleteDimension/insertDimension when rows were removed or
 *             added in the middle. A tab the session did not read, or whose header changed, is
 *             rewritten whole. When that request would exceed Google's 10 MiB limit (a first run of a
 *             large city, when 快照 does not exist yet; a day on which most of 校验结果 changes), the
 *             tabs with the largest share go through staging tabs — requests sized by bytes — and one
 *             atomic swap carries their content and the other tabs' changes (staged-write.ts).
 *             A second run of 200 units × 500 rows, after staff edited a few rows: 1 request, ~0.1 MB.
 *   appendSendLog() — one batchUpdate per 10 rows or 3 s (see send-log.ts); the product flushes every
 *             call (wiring.ts), and the pipeline makes one call per message (intent + last outcome).
 *   With the run lease (run-lease.ts; every product run): one batchUpdate to take it at open, one to
 *   release it at close, its heartbeat riding in every other batchUpdate (plus one every 45 s when idle).
 * A retried write first re-reads the tab properties (one more request), since the attempt that timed
 * out may have been applied after all: the retry is rebuilt from what is there now, not resent blind.
 * Changed rows, clears and stamps are written at absolute positions with literal values, so whether
 * or not the first attempt landed, applying them again leaves each tab equal to the new grid. Row
 * moves are not like that: a retry of a write that moves rows first reads those tabs again (one more
 * request) and diffs against what is there now. In a staged write the staging tabs tell: still there
 * on a retry of the swap, it did not land; gone, it did.
 *
 * The diff assumes the system tabs hold what this session read or wrote: only the store writes them
 * (they are protected). What the session knows of each tab (`#known`) is what it read, then what it
 * wrote: each successful write and send-log flush updates it, a failed one forgets the tabs it
 * touched (they may or may not have changed), so the next write rewrites those whole.
 *
 * The 校验 column: `update.checks` is not written into the unit tabs — rows may move while a run is
 * between read and write. The store turns it into the hidden 校验汇总 tab (keyed by tab and 项目编号,
 * see check-summary.ts) inside the same atomic write, and the formula set at provisioning shows each
 * row its own text. So the pipeline passes `outcome.checks` as it does for the workbook store, after
 * reading in the same session.
 */
import type { Cell } from '../../functions/core/cells.js';
import type { OutputGrid } from '../../functions/core/outputs.js';
import { SEND_LOG_TAB } from '../../functions/core/tabs.js';
import { LedgerError } from '../../functions/errors.js';
import type { LedgerContents, LedgerSession, LedgerStore, LedgerUpdate, OpenIntent } from '../../functions/ports.js';
import { hostname } from 'node:os';
import { LEASE_RENEW_MS, LEASE_TAB, acquireLease, lostLeaseError, type Lease } from './run-lease.js';
import { statusOf } from './retry.js';
import { createCaller, requestOptions, type Caller } from './caller.js';
import { CHECK_SUMMARY_TAB, checkSummaryGrid } from './check-summary.js';
import { createSheetsClient, type SheetsClient, type SheetsClientOptions } from './client.js';
import { moves, planBytes, planTabWrites, storedGrid, tabWriteRequests, type KnownTab, type TabWrite } from './diff-write.js';
import { fetchSheets, fetchSheetsOnce, type SheetInfo } from './metadata.js';
import { readTabs, readTabsOnce } from './read-values.js';
import type { Attempt, RetryOptions } from './retry.js';
import { SendLogBuffer, type SendLogOptions } from './send-log.js';
import { STAGING_PREFIX, chunkRequests, finishRequests, leftoverRequests, prepareRequests, stagingTitle } from './staged-write.js';
import { appendRowsRequests, assertCellsFit, type SystemTabPlan } from './system-tab-requests.js';

/** Which spreadsheet, how to reach it, and the limits to keep. */
export interface SheetsStoreOptions {
  readonly spreadsheetId: string;
  /** A ready client; otherwise one is built from `auth` (default: Application Default Credentials). */
  readonly client?: SheetsClient;
  readonly auth?: SheetsClientOptions;
  /** API root, e.g. a test server's URL; overrides `auth.rootUrl`. */
  readonly rootUrl?: string;
  /** Budget of one call, retries included, in ms (default 120 000); keep it under the function's timeout. */
  readonly deadlineMs?: number;
  /** Retry details (injected sleep/random/clock in tests); `deadlineMs` above wins. */
  readonly retry?: RetryOptions;
  /** Named in permission messages; default: asked of the credentials. */
  readonly serviceAccountEmail?: string;
  readonly sendLog?: SendLogOptions;
  /**
   * Largest request body to send, in bytes. Google refuses bodies over 10 MiB; a write bigger than
   * this goes through staging tabs (staged-write.ts). Default 10 000 000.
   */
  readonly maxRequestBytes?: number;
  /**
   * The run lease (run-lease.ts), taken at open and released at close. Every run of the product
   * (CLI, functions, serve — see functions/wiring.ts) sets it; tests of the store alone may leave it
   * out to count requests without it. `holder` defaults to host and process id.
   */
  readonly lease?: { readonly holder?: string; readonly staleMs?: number; readonly renewMs?: number };
  /** Clock for lease heartbeats; default the system clock. */
  readonly now?: () => Date;
}

const SEND_LOG_HEADER = SEND_LOG_TAB.columns.map((c) => c.header);
/** Under Google's 10 MiB (10 485 760 bytes) limit, with room to spare. */
const DEFAULT_MAX_REQUEST_BYTES = 10_000_000;
const HIDDEN = new Set([CHECK_SUMMARY_TAB.name]);
/** Room kept in a batchUpdate for what surrounds the tabs' requests (leftover staging tabs deleted, …). */
const ENVELOPE_BYTES = 4_096;

/** A LedgerStore over the spreadsheet. No request is made until a session reads or writes. */
export function createSheetsStore(options: SheetsStoreOptions): LedgerStore {
  let client: Promise<SheetsClient> | undefined;
  const getClient = () =>
    (client ??= options.client
      ? Promise.resolve(options.client)
      : createSheetsClient({ ...options.auth, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) }));
  return {
    async open(intent?: OpenIntent) {
      const ready = await getClient();
      const retry = { ...options.retry, ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}) };
      const serviceAccountEmail = options.serviceAccountEmail ? async () => options.serviceAccountEmail : () => ready.serviceAccountEmail();
      const caller = createCaller({ api: ready.api, spreadsheetId: options.spreadsheetId, retry, serviceAccountEmail });
      const session = new SheetsSession(caller, options.sendLog, options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
      if (options.lease) {
        const now = options.now ?? (() => new Date());
        const lease = await acquireLease(caller, {
          holder: options.lease.holder ?? `${hostname()} 进程 ${process.pid}`, purpose: intent?.purpose ?? '未说明的运行', now,
          releaseVia: createCaller({ api: ready.api, spreadsheetId: options.spreadsheetId, retry: { ...retry, deadlineMs: Math.min(retry.deadlineMs ?? 10_000, 10_000) }, serviceAccountEmail }),
          ...(options.lease.staleMs !== undefined ? { staleMs: options.lease.staleMs } : {}),
        });
        session.hold(lease, options.lease.renewMs ?? LEASE_RENEW_MS, options.lease.staleMs);
      }
      return session;
    },
  };
}

class SheetsSession implements LedgerSession {
  readonly label: string;
  readonly #caller: Caller;
  readonly #sendLog: SendLogBuffer;
  readonly #maxRequestBytes: number;
  #sheets: SheetInfo[] | undefined;
  #lastRead: Map<string, Cell[][]> | undefined;
  /** Each tab as this session last saw it stored (read, then written); what a write is diffed against. */
  readonly #known = new Map<string, KnownTab>();
  /** 1-based row where the next 发送记录 rows go. */
  #sendLogRow: number | undefined;
  #closed = false;
  #lease: Lease | undefined;
  #renewal: NodeJS.Timeout | undefined;
  #lastBeat = 0;
  #staleMs: number | undefined;
  /** Set when another run took the lease over: every later call fails with it. */
  #lost: LedgerError | undefined;

  constructor(caller: Caller, sendLog: SendLogOptions | undefined, maxRequestBytes: number) {
    this.#caller = caller;
    this.#maxRequestBytes = maxRequestBytes;
    this.label = caller.spreadsheetId;
    this.#sendLog = new SendLogBuffer((rows) => this.#writeSendLog(rows), sendLog);
  }

  /** Holds `lease` until close, renewing its heartbeat when nothing else was written for `renewMs`. */
  hold(lease: Lease, renewMs: number, staleMs?: number): void {
    this.#lease = lease;
    this.#staleMs = staleMs;
    this.#lastBeat = Date.now();
    this.#renewal = setInterval(() => {
      if (Date.now() - this.#lastBeat < renewMs || this.#lost) return;
      this.#batchUpdate('续期运行锁', () => ({ requests: [], sheets: this.#sheets ?? [] }), true).catch(() => undefined);
    }, Math.max(200, Math.floor(renewMs / 2)));
    this.#renewal.unref();
  }

  async read(): Promise<LedgerContents> {
    this.#assertOpen();
    const sheets = await fetchSheets(this.#caller, '读取台账');
    // Staging tabs a failed write left behind are nobody's data, and the lease is the runs' own: not read.
    const tabs = await readTabs(this.#caller, '读取台账', sheets.filter((s) => !s.title.startsWith(STAGING_PREFIX) && s.title !== LEASE_TAB), 'UNFORMATTED_VALUE');
    this.#sheets = sheets;
    this.#lastRead = tabs;
    this.#known.clear();
    for (const sheet of sheets) {
      // Shared with the caller, who gets them as a read-only Grid (the core never changes its input).
      const grid = tabs.get(sheet.title);
      if (grid) this.#known.set(sheet.title, { sheetId: sheet.sheetId, grid });
    }
    this.#sendLogRow = sendLogRowAfter(tabs.get(SEND_LOG_TAB.name));
    return { tabs: new Map(tabs) };
  }

  async write(update: LedgerUpdate): Promise<void> {
    this.#assertOpen();
    await this.#sendLog.flush();
    const tabs = new Map<string, OutputGrid>(update.systemTabs);
    if (update.checks.size > 0 && !tabs.has(CHECK_SUMMARY_TAB.name)) {
      if (!this.#lastRead) {
        throw new LedgerError('INTERNAL', `写入 Google 表格 ${this.label} 前必须先在同一会话中读取：校验结果要按读取时的行找到项目编号。`);
      }
      tabs.set(CHECK_SUMMARY_TAB.name, checkSummaryGrid(update.checks, this.#lastRead));
    }
    if (tabs.size === 0) return;
    assertCellsFit(tabs);
    const { inline, staged } = this.#splitForStaging(planTabWrites(tabs, this.#known));
    try {
      if (staged.size === 0) {
        let current = inline;
        await this.#batchUpdate('写入系统页', async (sheets, attempt) => {
          // Row moves are not idempotent, and the attempt that failed may have landed after all:
          // diff again against those tabs as they are now (one more read, on a retry only).
          if (attempt.number > 0 && current.some(moves)) current = await this.#replan(tabs, current, sheets, attempt);
          const plan = tabWriteRequests(sheets, current, HIDDEN);
          return { requests: [...leftoverRequests(sheets), ...plan.requests], sheets: plan.sheets.filter((s) => !s.title.startsWith(STAGING_PREFIX)) };
        });
      } else {
        await this.#stagedWrite(staged, inline);
      }
    } catch (error) {
      // The write may have landed after all (a timeout on the last attempt): nothing known of these tabs.
      for (const title of tabs.keys()) this.#known.delete(title);
      throw error;
    }
    for (const [title, grid] of tabs) {
      const sheet = this.#sheets?.find((s) => s.title === title);
      if (sheet) this.#known.set(title, { sheetId: sheet.sheetId, grid: storedGrid(grid) });
      else this.#known.delete(title);
    }
    const log = tabs.get(SEND_LOG_TAB.name);
    if (log) this.#sendLogRow = sendLogRowAfter(log);
  }

  /** The plan again, with the tabs it moves rows in diffed against their values now. */
  async #replan(tabs: ReadonlyMap<string, OutputGrid>, plan: readonly TabWrite[], sheets: readonly SheetInfo[], attempt: Attempt): Promise<TabWrite[]> {
    const moved = new Set(plan.filter(moves).map((w) => w.title));
    const targets = sheets.filter((s) => moved.has(s.title));
    const grids = await readTabsOnce(this.#caller, attempt, targets, 'UNFORMATTED_VALUE');
    const known = new Map(this.#known);
    for (const sheet of targets) known.set(sheet.title, { sheetId: sheet.sheetId, grid: grids.get(sheet.title) ?? [] });
    return planTabWrites(tabs, known);
  }

  /**
   * Which tabs go through staging: none when the whole plan fits one request; otherwise the tabs
   * whose part of the request is largest, until the rest fits the swap request beside them.
   */
  #splitForStaging(writes: readonly TabWrite[]): { inline: TabWrite[]; staged: Map<string, OutputGrid> } {
    const sheets = this.#sheets ?? [];
    const staged = new Map<string, OutputGrid>();
    const sized: { write: TabWrite; bytes: number }[] = [];
    for (const write of writes) {
      // Rows that alone exceed the limit need not be encoded to know they do not fit.
      if (planBytes([write]) > this.#maxRequestBytes) staged.set(write.title, write.grid);
      else sized.push({ write, bytes: Buffer.byteLength(JSON.stringify(tabWriteRequests(sheets, [write], HIDDEN).requests)) });
    }
    sized.sort((a, b) => b.bytes - a.bytes);
    let total = sized.reduce((sum, s) => sum + s.bytes, ENVELOPE_BYTES);
    for (const { write, bytes } of sized) {
      if (total <= this.#maxRequestBytes) break;
      staged.set(write.title, write.grid);
      total -= bytes;
    }
    return { inline: writes.filter((w) => !staged.has(w.title)), staged };
  }

  /**
   * Staging tabs for `staged`, then one atomic swap that also carries the `inline` writes (see
   * staged-write.ts). Staging tabs still there on a retry of the swap mean it did not land, so the
   * inline writes are still relative to what the session knows; gone, that it did: nothing to do.
   */
  async #stagedWrite(staged: ReadonlyMap<string, OutputGrid>, inline: readonly TabWrite[]): Promise<void> {
    await this.#batchUpdate('写入系统页（准备暂存页）', (sheets) => prepareRequests(sheets, staged));
    for (const data of chunkRequests(staged, this.#maxRequestBytes)) {
      await this.#caller.run('写入系统页（暂存）', (attempt) =>
        this.#caller.api.spreadsheets.values.batchUpdate(
          { spreadsheetId: this.#caller.spreadsheetId, requestBody: { valueInputOption: 'RAW', data } },
          requestOptions(attempt),
        ),
      );
    }
    await this.#batchUpdate('写入系统页', (sheets, attempt) => {
      const retrying = attempt.number > 0;
      const present = new Set(sheets.map((s) => s.title));
      if (retrying && [...staged.keys()].every((t) => !present.has(stagingTitle(t)))) return finishRequests(sheets, staged, HIDDEN, true);
      const first = tabWriteRequests(sheets, inline, HIDDEN);
      const swap = finishRequests(first.sheets, staged, HIDDEN, retrying);
      return { requests: [...first.requests, ...swap.requests], sheets: swap.sheets };
    });
  }

  async appendSendLog(rows: readonly Cell[][]): Promise<void> {
    this.#assertOpen();
    await this.#sendLog.append(rows);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      if (!this.#lost) await this.#sendLog.flush();
    } finally {
      this.#closed = true;
      if (this.#renewal) clearInterval(this.#renewal);
      if (this.#lease && !this.#lost) await this.#lease.release();
    }
  }

  async #writeSendLog(rows: Cell[][]): Promise<void> {
    if (this.#sendLogRow === undefined) {
      const sheets = this.#sheets ?? (this.#sheets = await fetchSheets(this.#caller, '读取发送记录'));
      const log = sheets.find((s) => s.title === SEND_LOG_TAB.name);
      const grids = log ? await readTabs(this.#caller, '读取发送记录', [log], 'UNFORMATTED_VALUE') : new Map<string, Cell[][]>();
      this.#sendLogRow = sendLogRowAfter(grids.get(SEND_LOG_TAB.name));
    }
    const startRow = this.#sendLogRow;
    let nextRow = startRow;
    try {
      await this.#batchUpdate('写入发送记录', (sheets) => {
        const plan = appendRowsRequests(sheets, SEND_LOG_TAB.name, SEND_LOG_HEADER, startRow, rows);
        nextRow = plan.nextRow;
        return plan;
      });
    } catch (error) {
      this.#known.delete(SEND_LOG_TAB.name);
      throw error;
    }
    this.#sendLogRow = nextRow;
    this.#noteSendLogRows(nextRow - rows.length, rows);
  }

  /** Records flushed 发送记录 rows (at 1-based `firstRow`) in what the session knows of the tab. */
  #noteSendLogRows(firstRow: number, rows: readonly Cell[][]): void {
    const known = this.#known.get(SEND_LOG_TAB.name);
    const sheet = this.#sheets?.find((s) => s.title === SEND_LOG_TAB.name);
    if (!known || !sheet || sheet.sheetId !== known.sheetId) {
      this.#known.delete(SEND_LOG_TAB.name);
      return;
    }
    const grid = [...known.grid];
    while (grid.length < firstRow - 1) grid.push([]);
    grid.splice(firstRow - 1, rows.length, ...storedGrid(rows));
    this.#known.set(SEND_LOG_TAB.name, { sheetId: known.sheetId, grid });
  }

  /**
   * One batchUpdate; a retry re-reads the tab properties and rebuilds the requests from them. While a
   * lease is held, the batch also renews its heartbeat, and fails as a whole if the lease was taken over.
   */
  async #batchUpdate(action: string, plan: (sheets: readonly SheetInfo[], attempt: Attempt) => SystemTabPlan | Promise<SystemTabPlan>, beatOnly = false, replanned = false): Promise<void> {
    if (this.#lost) throw this.#lost;
    let planned: SystemTabPlan | undefined;
    try {
      await this.#caller.run(action, async (attempt) => {
        const sheets = beatOnly ? this.#sheets ?? [] : await this.#currentSheets(attempt);
        planned = await plan(sheets, attempt);
        if (planned.requests.length === 0 && !(beatOnly && this.#lease)) return;
        const requests = this.#lease ? [this.#lease.heartbeatRequest(), ...planned.requests] : planned.requests;
        await this.#caller.api.spreadsheets.batchUpdate(
          { spreadsheetId: this.#caller.spreadsheetId, requestBody: { requests, includeSpreadsheetInResponse: false } },
          requestOptions(attempt),
        );
        this.#lastBeat = Date.now();
      });
    } catch (error) {
      if (this.#lease && leaseGone(error, this.#lease.sheetId)) {
        this.#lost = lostLeaseError(this.label, this.#staleMs);
        throw this.#lost;
      }
      // A tab this session planned to add exists after all (added by someone else since the read):
      // plan again, once, from the tabs as they are now, instead of dying on the duplicate name.
      if (!beatOnly && !replanned && tabExists(error)) {
        this.#sheets = await fetchSheets(this.#caller, action);
        return this.#batchUpdate(action, plan, false, true);
      }
      throw error;
    }
    if (planned && !beatOnly) this.#sheets = planned.sheets;
  }

  /** Tab properties: the cached ones, unless this is a retry (or nothing is cached). */
  async #currentSheets(attempt: Attempt): Promise<SheetInfo[]> {
    if (this.#sheets && attempt.number === 0) return this.#sheets;
    this.#sheets = await fetchSheetsOnce(this.#caller, attempt);
    return this.#sheets;
  }

  #assertOpen(): void {
    if (this.#lost) throw this.#lost;
    if (this.#closed) throw new LedgerError('INTERNAL', `Google 表格 ${this.label} 的会话已关闭，请重新 open()。`);
  }
}

/** True when a batch failed because the lease tab (our fencing token) no longer exists. */
function leaseGone(error: unknown, sheetId: number): boolean {
  const cause = error instanceof LedgerError ? error.cause : error;
  return statusOf(cause) === 400 && new RegExp(`\\b${sheetId}\\b`).test(String((cause as { message?: unknown })?.message ?? ''));
}

/** True when a batch failed because a tab it adds already exists. */
function tabExists(error: unknown): boolean {
  const cause = error instanceof LedgerError ? error.cause : error;
  return statusOf(cause) === 400 && /already exists/.test(String((cause as { message?: unknown })?.message ?? ''));
}

/** The row after the last non-blank row of 发送记录 (2 when it has only its header or nothing). */
function sendLogRowAfter(grid: readonly (readonly Cell[] | undefined)[] | undefined): number {
  if (!grid) return 2;
  let last = grid.length;
  while (last > 1 && !(grid[last - 1] ?? []).some((c) => c !== null && c !== undefined && c !== '')) last--;
  return Math.max(last, 1) + 1;
}
