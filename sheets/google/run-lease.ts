/**
 * The run lease on a Google spreadsheet: two runs cannot both hold it, so two overlapping runs (a
 * duplicate Scheduler or Pub/Sub delivery, a manual run during the scheduled one, two people at the CLI)
 * cannot both send the month's mail or both rewrite the system tabs.
 *
 * Taking it is one atomic batchUpdate that adds the hidden tab 运行锁 and writes who holds it; Sheets
 * refuses a second tab of that name (400), so of two runs exactly one succeeds. The tab's sheetId is
 * the fencing token: every later write of the holder (send log, system tabs, heartbeat) carries an
 * updateCells on that sheetId in the same atomic batch, so a run whose lease was taken over cannot
 * write anything — its batch fails on the missing sheet. The heartbeat is renewed with every write and
 * at least every {@link LEASE_RENEW_MS}; a lease whose heartbeat is older than {@link LEASE_STALE_MS} (3 minutes: a
 * run that died) is taken over by deleting that tab and adding a new one in one batch, which again
 * only one contender can do. Releasing deletes the tab.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { randomBytes } from 'node:crypto';
import { formatShanghaiTime } from '../../functions/core/dates.js';
import { LedgerError } from '../../functions/errors.js';
import { requestOptions, type Caller } from './caller.js';
import { fetchSheets } from './metadata.js';
import { statusOf } from './retry.js';

/** The hidden tab holding the lease. */
export const LEASE_TAB = '运行锁';
/** A lease whose heartbeat is older than this was left by a run that died: it may be taken over. */
export const LEASE_STALE_MS = 3 * 60_000;
/** How often a holder renews its heartbeat when it writes nothing else. */
export const LEASE_RENEW_MS = 45_000;

export interface LeaseOptions {
  /** Who runs: host and process, shown to a run that finds the lease held. */
  readonly holder: string;
  /** What it runs, e.g. `月度考评 月度:2026-06`. */
  readonly purpose: string;
  readonly now: () => Date;
  readonly staleMs?: number;
  /**
   * The caller that releases the lease, with a short deadline: releasing is best effort (a lease left
   * behind only makes the next run wait for the stale limit), and a run that failed on an outage
   * should not spend minutes more retrying it.
   */
  readonly releaseVia?: Caller;
}

/** What the lease tab says. */
export interface LeaseRecord {
  readonly holder: string;
  readonly purpose: string;
  readonly token: string;
  readonly since: Date | undefined;
  readonly heartbeat: Date | undefined;
}

const LABELS = ['持有者', '任务', '租约ID', '开始', '心跳'] as const;

/** A held lease. */
export interface Lease {
  readonly sheetId: number;
  readonly token: string;
  /** The request that renews the heartbeat: put in every batchUpdate of the holder (fencing). */
  heartbeatRequest(): sheets_v4.Schema$Request;
  /** Deletes the lease tab; quiet when it is already gone. */
  release(): Promise<void>;
}

const text = (value: string) => ({ userEnteredValue: { stringValue: value } });

function rowsOf(record: { holder: string; purpose: string; token: string; since: Date; heartbeat: Date }): sheets_v4.Schema$RowData[] {
  const values = [record.holder, record.purpose, record.token, record.since.toISOString(), record.heartbeat.toISOString()];
  return LABELS.map((label, i) => ({ values: [text(label), text(values[i] ?? '')] }));
}

function addLeaseRequests(sheetId: number, record: Parameters<typeof rowsOf>[0]): sheets_v4.Schema$Request[] {
  return [
    { addSheet: { properties: { sheetId, title: LEASE_TAB, hidden: true, gridProperties: { rowCount: LABELS.length, columnCount: 2 } } } },
    { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: rowsOf(record), fields: 'userEnteredValue' } },
  ];
}

/** A sheetId unlikely to clash (Sheets accepts any non-negative int32 not in use). */
const newSheetId = () => 1_000_000_000 + randomBytes(4).readUInt32BE() % 1_000_000_000;

/** Takes the lease or throws LEDGER_LOCKED naming who holds it and since when. */
export async function acquireLease(caller: Caller, options: LeaseOptions): Promise<Lease> {
  const token = randomBytes(8).toString('hex');
  const since = options.now();
  const record = { holder: options.holder, purpose: options.purpose, token, since, heartbeat: since };
  let sheetId = newSheetId();
  let replaced: number | undefined;
  for (let round = 0; round < 2; round++) {
    const requests = [...(replaced === undefined ? [] : [{ deleteSheet: { sheetId: replaced } }]), ...addLeaseRequests(sheetId, record)];
    const taken = await tryBatch(caller, '取得运行锁', requests);
    if (taken) return leaseOf(caller, sheetId, token, options);
    const current = await readLease(caller);
    if (!current) continue; // released meanwhile: try again
    if (current.record.token === token) return leaseOf(caller, current.sheetId, token, options); // our retried add landed
    const age = current.record.heartbeat ? options.now().getTime() - current.record.heartbeat.getTime() : Infinity;
    if (age < (options.staleMs ?? LEASE_STALE_MS) || round > 0) throw lockedError(caller.spreadsheetId, current.record, options.now(), options.staleMs);
    replaced = current.sheetId; // a dead run's lease: take it over, atomically
    sheetId = newSheetId();
  }
  const current = await readLease(caller);
  throw lockedError(caller.spreadsheetId, current?.record, options.now(), options.staleMs);
}

/** The lease tab's id and content, or undefined when there is none. */
export async function readLease(caller: Caller): Promise<{ sheetId: number; record: LeaseRecord } | undefined> {
  const sheet = (await fetchSheets(caller, '读取运行锁')).find((s) => s.title === LEASE_TAB);
  if (!sheet) return undefined;
  const response = await caller.run('读取运行锁', (attempt) =>
    caller.api.spreadsheets.values.get({ spreadsheetId: caller.spreadsheetId, range: `'${LEASE_TAB}'!A1:B${LABELS.length}` }, requestOptions(attempt)),
  );
  const rows = (response.data.values ?? []) as unknown[][];
  const value = (label: string) => String(rows.find((r) => r[0] === label)?.[1] ?? '');
  const date = (label: string) => {
    const d = new Date(value(label));
    return Number.isNaN(d.getTime()) ? undefined : d;
  };
  return { sheetId: sheet.sheetId, record: { holder: value('持有者'), purpose: value('任务'), token: value('租约ID'), since: date('开始'), heartbeat: date('心跳') } };
}

/** True when the batch landed; false when Sheets refused it as a whole (400: the tab exists, or is gone). */
async function tryBatch(caller: Caller, action: string, requests: sheets_v4.Schema$Request[]): Promise<boolean> {
  try {
    await caller.run(action, (attempt) =>
      caller.api.spreadsheets.batchUpdate({ spreadsheetId: caller.spreadsheetId, requestBody: { requests, includeSpreadsheetInResponse: false } }, requestOptions(attempt)),
    );
    return true;
  } catch (error) {
    const cause = error instanceof LedgerError ? error.cause : error;
    if (statusOf(cause) === 400) return false;
    throw error;
  }
}

function leaseOf(caller: Caller, sheetId: number, token: string, options: LeaseOptions): Lease {
  return {
    sheetId,
    token,
    heartbeatRequest: () => ({
      updateCells: { start: { sheetId, rowIndex: LABELS.indexOf('心跳'), columnIndex: 1 }, rows: [{ values: [text(options.now().toISOString())] }], fields: 'userEnteredValue' },
    }),
    async release() {
      await tryBatch(options.releaseVia ?? caller, '释放运行锁', [{ deleteSheet: { sheetId } }]).catch(() => false);
    },
  };
}

const staleText = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} 分钟` : `${Math.round(ms / 1000)} 秒`);

/** The error a second run gets: who holds the ledger, since when, and what to do. */
export function lockedError(spreadsheetId: string, record: LeaseRecord | undefined, now: Date, staleMs = LEASE_STALE_MS): LedgerError {
  if (!record) return new LedgerError('LEDGER_LOCKED', `Google 表格 ${spreadsheetId} 正被另一次运行占用（运行锁刚刚易手）。本次运行没有做任何修改，请稍后重试。`);
  const at = (d: Date | undefined) => (d ? formatShanghaiTime(d) : '未知时间');
  const minutes = record.heartbeat ? Math.max(0, Math.round((now.getTime() - record.heartbeat.getTime()) / 60_000)) : undefined;
  return new LedgerError(
    'LEDGER_LOCKED',
    `Google 表格 ${spreadsheetId} 正被另一次运行占用：${record.purpose || '（未说明任务）'}，由 ${record.holder || '未知主机'} 自 ${at(record.since)} 起运行，` +
      `最近一次心跳 ${at(record.heartbeat)}${minutes === undefined ? '' : `（${minutes} 分钟前）`}。本次运行没有做任何修改。` +
      `请等它结束后再试；若那次运行已中断，心跳超过 ${staleText(staleMs)}后，下一次运行会自动接管运行锁。`,
  );
}

/** The error of a holder whose lease another run took over (its heartbeat had stopped too long). */
export function lostLeaseError(spreadsheetId: string, staleMs = LEASE_STALE_MS): LedgerError {
  return new LedgerError(
    'LEDGER_LOCKED',
    `Google 表格 ${spreadsheetId} 的运行锁已被另一次运行接管（本次运行超过 ${staleText(staleMs)}没有心跳）：本次运行停止，未再写入任何内容。请查看“运行记录”和“发送记录”页。`,
  );
}
