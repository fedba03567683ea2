/**
 * Under injected faults a run either completes or fails with the system tabs exactly as they were.
 * Waits are fake (recorded, not slept) except where a test needs a late response to land first.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_TAB_NAMES, bookTabs, checkBook, type Cell } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { CHECK_SUMMARY_TAB } from '../../../sheets/google/check-summary.js';
import type { RetryOptions } from '../../../sheets/google/retry.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { CONTRACT_NOW, contractBook } from '../../stores/store-contract.js';
import { fakeTime, seedSpreadsheet, testStore } from './support.js';

const ID = 'faults-1';
const BOT = 'ledger-bot@city-project.iam.gserviceaccount.com';
let server: SheetsServer;

beforeAll(async () => {
  server = await startSheetsServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  seedSpreadsheet(server, ID, bookTabs(contractBook()));
  server.stats.reset();
  server.faults.clear();
});

async function run(retry: RetryOptions, spreadsheetId = ID) {
  const session = await testStore(server, spreadsheetId, { retry }).open();
  try {
    const { tabs } = await session.read();
    const outcome = checkBook(tabs, CONTRACT_NOW);
    await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
    return outcome;
  } finally {
    await session.close();
  }
}

/** Every system tab as stored (absent tabs as undefined). */
function systemTabs(): Record<string, Cell[][] | undefined> {
  const titles = new Set(server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title));
  return Object.fromEntries([...SYSTEM_TAB_NAMES, CHECK_SUMMARY_TAB.name].map((t) => [t, titles.has(t) ? server.state.getValues(ID, t) : undefined]));
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as LedgerError);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('Google Sheets store under faults', () => {
  it('when writes hit a burst of 429s, then the run backs off (1.5 s, 2.5 s, 4.5 s with mid jitter) and completes', async () => {
    server.faults.push({ kind: 'status', status: 429, match: 'batchUpdate', times: 3 });
    const time = fakeTime();
    const outcome = await run(time);
    expect(time.delays).toEqual([1_500, 2_500, 4_500]);
    expect(server.stats.batchUpdate).toBe(4);
    expect(server.state.getValues(ID, '校验结果')).toHaveLength(outcome.writes.get('校验结果')?.length ?? -1);
  });

  it('when 500s go on past the deadline, then the run fails as BACKEND and every system tab is exactly as before', async () => {
    const before = systemTabs();
    server.faults.push({ kind: 'status', status: 500, match: 'batchUpdate', times: 1_000 });
    const time = fakeTime();
    const error = await failure(run(time));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain(ID);
    expect(time.delays.reduce((a, b) => a + b, 0)).toBeLessThan(120_000);
    expect(time.delays.at(-1)).toBe(32_000);
    expect(systemTabs()).toEqual(before);
  });

  it('when reads are refused for quota until the deadline, then the error is QUOTA and says to wait a minute', async () => {
    server.faults.push({ kind: 'status', status: 429, match: 'read', times: 1_000 });
    const error = await failure(run(fakeTime({ deadlineMs: 60_000 })));
    expect(error.code).toBe('QUOTA');
    expect(error.message).toMatch(/配额.*一两分钟后重新运行/);
    expect(error.message).toContain(ID);
  });

  it('when the connection drops during the write, then it is retried and the result lands once', async () => {
    server.faults.push({ kind: 'drop', match: 'batchUpdate' });
    const outcome = await run(fakeTime());
    expect(server.state.getValues(ID, '校验结果')).toHaveLength(outcome.writes.get('校验结果')?.length ?? -1);
    expect(server.stats.requests.filter((r) => r.kind === 'batchUpdate').map((r) => r.status)).toEqual([0, 200]);
  });

  it('when the server never answers, then the attempt times out and the retry completes', async () => {
    server.faults.push({ kind: 'hang', match: 'batchUpdate' });
    const outcome = await run(fakeTime({ attemptTimeoutMs: 300 }));
    expect(server.state.getValues(ID, '校验结果')).toHaveLength(outcome.writes.get('校验结果')?.length ?? -1);
  });

  it('when a write times out but lands late, then the retry is rebuilt from the tabs now there, not resent blind', async () => {
    server.faults.push({ kind: 'delay', ms: 400, match: 'batchUpdate' });
    const outcome = await run(fakeTime({ attemptTimeoutMs: 200, sleep: () => pause(400) }));
    expect(server.stats.requests.map((r) => r.kind)).toEqual(['get', 'batchGetByDataFilter', 'batchUpdate', 'get', 'batchUpdate']);
    expect(server.stats.requests.filter((r) => r.kind === 'batchUpdate').map((r) => r.status)).toEqual([200, 200]);
    expect(server.state.getValues(ID, '校验结果')).toHaveLength(outcome.writes.get('校验结果')?.length ?? -1);
    expect(server.state.getSpreadsheet(ID).sheets.filter((s) => s.properties.title === CHECK_SUMMARY_TAB.name)).toHaveLength(1);
  });

  it('when access is denied, then the error asks to share the spreadsheet with the service account, without retrying', async () => {
    server.faults.push({ kind: 'status', status: 403, match: 'get', message: 'The caller does not have permission' });
    const error = await failure(run(fakeTime()));
    expect(error.code).toBe('LEDGER_UNUSABLE');
    expect(error.message).toContain(`共享给服务账号 ${BOT}（编辑者）`);
    expect(server.stats.total).toBe(1);
  });

  it('when the spreadsheet does not exist, then the error names the id it looked for', async () => {
    const error = await failure(run(fakeTime(), 'no-such-sheet'));
    expect(error.code).toBe('LEDGER_UNUSABLE');
    expect(error.message).toContain('找不到 ID 为 no-such-sheet 的 Google 表格');
  });

  it('when a send-log flush times out but lands late, then the retry rewrites the same rows instead of adding them again', async () => {
    const session = await testStore(server, ID, { retry: fakeTime({ attemptTimeoutMs: 200, sleep: () => pause(400) }) }).open();
    await session.read();
    const rows: Cell[][] = Array.from({ length: 3 }, (_, i) => ['2026-06', '月报', `u${i}@x.cn`, '已发送', `<m${i}@ledger>`, '2026-06-30 10:00', null]);
    await session.appendSendLog(rows);
    server.faults.push({ kind: 'delay', ms: 400, match: 'batchUpdate' });
    await session.close();
    await pause(100);
    const log = server.state.getValues(ID, '发送记录');
    expect(log.map((r) => r[4])).toEqual(['Message-ID', '<m1@ledger>', '<m0@ledger>', '<m1@ledger>', '<m2@ledger>']);
  });

  it('when a send-log flush fails, then its rows stay pending and the next flush writes them in order', async () => {
    const session = await testStore(server, ID, { retry: fakeTime({ deadlineMs: 5_000 }) }).open();
    await session.read();
    server.faults.push({ kind: 'status', status: 503, match: 'batchUpdate', times: 100 });
    const row = (i: number): Cell[] => ['2026-06', '月报', `u${i}@x.cn`, '已发送', `<r${i}@ledger>`, '2026-06-30 10:00', null];
    await expect(session.appendSendLog(Array.from({ length: 10 }, (_, i) => row(i)))).rejects.toMatchObject({ code: 'BACKEND' });
    server.faults.clear();
    await session.appendSendLog([row(10)]);
    await session.close();
    expect(server.state.getValues(ID, '发送记录').slice(2).map((r) => r[4])).toEqual(Array.from({ length: 11 }, (_, i) => `<r${i}@ledger>`));
  });
});
