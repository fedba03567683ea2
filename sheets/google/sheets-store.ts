/**
 * The ledger store over one Google spreadsheet, the production backend: the same LedgerStore as the
 * workbook store, within Sheets' per-minute quotas and without writing into any tab staff edit.
 *
 * Requests per run, whatever the number of units:
 *   read()  — spreadsheets.get (tab properties only) + values.batchGetByDataFilter (every tab whole);
 *   write() — one spreadsheets.batchUpdate replacing every system tab, atomic (all or nothing), as
 *             long as it fits Google's 10 MiB request limit (about 20,000 ledger rows with today's
 *             快照); beyond that, staging requests sized by bytes plus one atomic swap (staged-write.ts);
 *   appendSendLog() — one batchUpdate per 10 rows or 3 s (see send-log.ts).
 * A retried write first re-reads the tab properties (one more request), since the attempt that timed
 * out may have been applied after all: the retry is rebuilt from what is there now, not resent blind.
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
import type { LedgerContents, LedgerSession, LedgerStore, LedgerUpdate } from '../../functions/ports.js';
import { createCaller, requestOptions, type Caller } from './caller.js';
import { CHECK_SUMMARY_TAB, checkSummaryGrid } from './check-summary.js';
import { createSheetsClient, type SheetsClient, type SheetsClientOptions } from './client.js';
import { fetchSheets, fetchSheetsOnce, type SheetInfo } from './metadata.js';
import { readTabs } from './read-values.js';
import type { Attempt, RetryOptions } from './retry.js';
import { SendLogBuffer, type SendLogOptions } from './send-log.js';
import { STAGING_PREFIX, chunkRequests, compactBytes, finishRequests, leftoverRequests, prepareRequests } from './staged-write.js';
import { appendRowsRequests, assertCellsFit, systemTabRequests, type SystemTabPlan } from './system-tab-requests.js';

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
}

const SEND_LOG_HEADER = SEND_LOG_TAB.columns.map((c) => c.header);
/** Under Google's 10 MiB (10 485 760 bytes) limit, with room to spare. */
const DEFAULT_MAX_REQUEST_BYTES = 10_000_000;
const HIDDEN = new Set([CHECK_SUMMARY_TAB.name]);

/** A LedgerStore over the spreadsheet. No request is made until a session reads or writes. */
export function createSheetsStore(options: SheetsStoreOptions): LedgerStore {
  let client: Promise<SheetsClient> | undefined;
  const getClient = () =>
    (client ??= options.client
      ? Promise.resolve(options.client)
      : createSheetsClient({ ...options.auth, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) }));
  return {
    async open() {
      const ready = await getClient();
      const caller = createCaller({
        api: ready.api,
        spreadsheetId: options.spreadsheetId,
        retry: { ...options.retry, ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}) },
        serviceAccountEmail: options.serviceAccountEmail ? async () => options.serviceAccountEmail : () => ready.serviceAccountEmail(),
      });
      return new SheetsSession(caller, options.sendLog, options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
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
  /** 1-based row where the next 发送记录 rows go. */
  #sendLogRow: number | undefined;
  #closed = false;

  constructor(caller: Caller, sendLog: SendLogOptions | undefined, maxRequestBytes: number) {
    this.#caller = caller;
    this.#maxRequestBytes = maxRequestBytes;
    this.label = caller.spreadsheetId;
    this.#sendLog = new SendLogBuffer((rows) => this.#writeSendLog(rows), sendLog);
  }

  async read(): Promise<LedgerContents> {
    this.#assertOpen();
    const sheets = await fetchSheets(this.#caller, '读取台账');
    // Staging tabs a failed write left behind are nobody's data: not read, deleted by the next write.
    const tabs = await readTabs(this.#caller, '读取台账', sheets.filter((s) => !s.title.startsWith(STAGING_PREFIX)), 'UNFORMATTED_VALUE');
    this.#sheets = sheets;
    this.#lastRead = tabs;
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
    if (this.#fitsOneRequest(tabs)) {
      await this.#batchUpdate('写入系统页', (sheets) => {
        const plan = systemTabRequests(sheets, tabs, HIDDEN);
        return { ...plan, requests: [...leftoverRequests(sheets), ...plan.requests] };
      });
    } else {
      await this.#stagedWrite(tabs);
    }
    const log = tabs.get(SEND_LOG_TAB.name);
    if (log) this.#sendLogRow = sendLogRowAfter(log);
  }

  /** True when one batchUpdate carrying every tab stays under the request size limit. */
  #fitsOneRequest(tabs: ReadonlyMap<string, OutputGrid>): boolean {
    if (compactBytes(tabs) > this.#maxRequestBytes) return false;
    const { requests } = systemTabRequests(this.#sheets ?? [], tabs, HIDDEN);
    return Buffer.byteLength(JSON.stringify({ requests, includeSpreadsheetInResponse: false })) <= this.#maxRequestBytes;
  }

  /** Staging tabs, then one atomic swap (see staged-write.ts). */
  async #stagedWrite(tabs: ReadonlyMap<string, OutputGrid>): Promise<void> {
    await this.#batchUpdate('写入系统页（准备暂存页）', (sheets) => prepareRequests(sheets, tabs));
    for (const data of chunkRequests(tabs, this.#maxRequestBytes)) {
      await this.#caller.run('写入系统页（暂存）', (attempt) =>
        this.#caller.api.spreadsheets.values.batchUpdate(
          { spreadsheetId: this.#caller.spreadsheetId, requestBody: { valueInputOption: 'RAW', data } },
          requestOptions(attempt),
        ),
      );
    }
    await this.#batchUpdate('写入系统页', (sheets, attempt) => finishRequests(sheets, tabs, HIDDEN, attempt.number > 0));
  }

  async appendSendLog(rows: readonly Cell[][]): Promise<void> {
    this.#assertOpen();
    await this.#sendLog.append(rows);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#sendLog.flush();
    this.#closed = true;
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
    await this.#batchUpdate('写入发送记录', (sheets) => {
      const plan = appendRowsRequests(sheets, SEND_LOG_TAB.name, SEND_LOG_HEADER, startRow, rows);
      nextRow = plan.nextRow;
      return plan;
    });
    this.#sendLogRow = nextRow;
  }

  /** One batchUpdate; a retry re-reads the tab properties and rebuilds the requests from them. */
  async #batchUpdate(action: string, plan: (sheets: readonly SheetInfo[], attempt: Attempt) => SystemTabPlan): Promise<void> {
    let planned: SystemTabPlan | undefined;
    await this.#caller.run(action, async (attempt) => {
      const sheets = await this.#currentSheets(attempt);
      planned = plan(sheets, attempt);
      if (planned.requests.length === 0) return;
      await this.#caller.api.spreadsheets.batchUpdate(
        { spreadsheetId: this.#caller.spreadsheetId, requestBody: { requests: planned.requests, includeSpreadsheetInResponse: false } },
        requestOptions(attempt),
      );
    });
    if (planned) this.#sheets = planned.sheets;
  }

  /** Tab properties: the cached ones, unless this is a retry (or nothing is cached). */
  async #currentSheets(attempt: Attempt): Promise<SheetInfo[]> {
    if (this.#sheets && attempt.number === 0) return this.#sheets;
    this.#sheets = await fetchSheetsOnce(this.#caller, attempt);
    return this.#sheets;
  }

  #assertOpen(): void {
    if (this.#closed) throw new LedgerError('INTERNAL', `Google 表格 ${this.label} 的会话已关闭，请重新 open()。`);
  }
}

/** The row after the last non-blank row of 发送记录 (2 when it has only its header or nothing). */
function sendLogRowAfter(grid: readonly (readonly Cell[] | undefined)[] | undefined): number {
  if (!grid) return 2;
  let last = grid.length;
  while (last > 1 && !(grid[last - 1] ?? []).some((c) => c !== null && c !== undefined && c !== '')) last--;
  return Math.max(last, 1) + 1;
}
