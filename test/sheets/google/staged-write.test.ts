/**
 * Writes bigger than one request: staging tabs, then one atomic swap. The server refuses bodies over
 * its limit exactly as Google does over 10 MiB; here the limit is small so a small ledger needs it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_TAB, SYSTEM_TAB_NAMES, bookTabs, checkBook, type Cell } from '../../../functions/core/index.js';
import { CHECK_SUMMARY_TAB } from '../../../sheets/google/check-summary.js';
import type { RetryOptions } from '../../../sheets/google/retry.js';
import { STAGING_PREFIX } from '../../../sheets/google/staged-write.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { CONTRACT_NOW, contractBook, gridMeaning } from '../../stores/store-contract.js';
import { fakeTime, seedSpreadsheet, testStore } from './support.js';

const ID = 'staged-1';
const LIMIT = 6_000;
let server: SheetsServer;

beforeAll(async () => {
  server = await startSheetsServer({ maxRequestBytes: LIMIT });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  seedSpreadsheet(server, ID, bookTabs(contractBook()));
  server.stats.reset();
  server.faults.clear();
});

/** A 快照 of 120 rows, with text that must stay text. */
const bigSnapshot = (): Cell[][] => [
  SNAPSHOT_TAB.columns.map((c) => c.header),
  ...Array.from({ length: 120 }, (_, i): Cell[] => ['温县', `WX-${i}`, '签约', i % 2 ? `=内容${i}` : `+86 ${i}`, '2026-06-30 10:00']),
];

async function run(retry: RetryOptions = fakeTime()) {
  const session = await testStore(server, ID, { retry, maxRequestBytes: LIMIT }).open();
  try {
    const { tabs } = await session.read();
    const outcome = checkBook(tabs, CONTRACT_NOW);
    outcome.writes.set(SNAPSHOT_TAB.name, bigSnapshot());
    await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
    return outcome;
  } finally {
    await session.close();
  }
}

const titles = () => server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title);
const systemTabs = () => Object.fromEntries(
  [...SYSTEM_TAB_NAMES, CHECK_SUMMARY_TAB.name].filter((t) => titles().includes(t)).map((t) => [t, server.state.getValues(ID, t)]),
);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('Google Sheets store: writes bigger than one request', () => {
  it('when the results exceed the request limit, then they go through staging tabs and land in one swap', async () => {
    const outcome = await run();
    const kinds = server.stats.requests.map((r) => r.kind);
    expect(kinds.slice(0, 3)).toEqual(['get', 'batchGetByDataFilter', 'batchUpdate']);
    expect(kinds.filter((k) => k === 'valuesBatchUpdate').length).toBeGreaterThan(1);
    expect(kinds.at(-1)).toBe('batchUpdate');
    expect(server.stats.requests.every((r) => r.status === 200)).toBe(true);
    expect(titles().filter((t) => t.startsWith(STAGING_PREFIX))).toEqual([]);
    for (const [tab, grid] of outcome.writes) expect(gridMeaning(server.state.getValues(ID, tab) as Cell[][]), tab).toEqual(gridMeaning(grid));
    expect(server.state.getValues(ID, SNAPSHOT_TAB.name)[2]?.[3]).toBe('=内容1');
    expect(server.state.getCell(ID, SNAPSHOT_TAB.name, 'D3')?.formula).toBeUndefined();
  });

  it('when staging fails half way, then the system tabs are exactly as before and the next write removes the leftovers', async () => {
    const before = systemTabs();
    let chunks = 0;
    server.onRequest('valuesBatchUpdate', ({ state }) => {
      chunks += 1;
      if (chunks === 2) server.faults.push({ kind: 'status', status: 503, match: 'valuesBatchUpdate', times: 1_000 });
      void state;
    });
    await expect(run(fakeTime({ deadlineMs: 20_000 }))).rejects.toMatchObject({ code: 'BACKEND' });
    expect(systemTabs()).toEqual(before);
    const leftovers = server.state.getSpreadsheet(ID).sheets.filter((s) => s.properties.title.startsWith(STAGING_PREFIX));
    expect(leftovers.length).toBeGreaterThan(0);
    expect(leftovers.every((s) => s.properties['hidden'] === true)).toBe(true);

    server.faults.clear();
    await run();
    expect(titles().filter((t) => t.startsWith(STAGING_PREFIX))).toEqual([]);
  });

  it('when the swap times out but lands late, then the retry finds it done and does not swap again', async () => {
    let armed = false;
    server.onRequest('valuesBatchUpdate', () => {
      if (!armed) server.faults.push({ kind: 'delay', ms: 400, match: 'batchUpdate' });
      armed = true;
    });
    const outcome = await run(fakeTime({ attemptTimeoutMs: 200, sleep: () => pause(400) }));
    const kinds = server.stats.requests.map((r) => r.kind);
    expect(kinds.slice(-2)).toEqual(['batchUpdate', 'get']);
    expect(titles().filter((t) => t.startsWith(STAGING_PREFIX))).toEqual([]);
    expect(gridMeaning(server.state.getValues(ID, SNAPSHOT_TAB.name) as Cell[][])).toEqual(gridMeaning(outcome.writes.get(SNAPSHOT_TAB.name)));
  });
});
