/**
 * A write sends only what changed since the session read the tabs: the blocks of changed rows, rows
 * appended, rows cleared below a shorter result, in one atomic batchUpdate. Real client, test server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEND_LOG_TAB, SNAPSHOT_TAB, bookTabs, type Cell } from '../../../functions/core/index.js';
import type { LedgerSession } from '../../../functions/ports.js';
import type { RetryOptions } from '../../../sheets/google/retry.js';
import { startSheetsServer, type Json, type SheetsServer } from '../../support/sheets-server/index.js';
import { contractBook, gridMeaning } from '../../stores/store-contract.js';
import { fakeTime, seedSpreadsheet, testStore } from './support.js';

const ID = 'diff-1';
const TAB = SNAPSHOT_TAB.name;
const HEADER = SNAPSHOT_TAB.columns.map((c) => c.header);
let server: SheetsServer;
let bodies: Json[] = [];

beforeAll(async () => {
  server = await startSheetsServer({ maxRequestBytes: 10_485_760 });
  server.onRequest('batchUpdate', ({ body }) => void bodies.push(body));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  seedSpreadsheet(server, ID, bookTabs(contractBook()));
  server.faults.clear();
});

/** A 快照-like grid of `rows` rows under the header; `edit` may change any row. */
function snapshot(rows: number, edit: (row: Cell[], i: number) => void = () => {}): Cell[][] {
  return [
    HEADER,
    ...Array.from({ length: rows }, (_, i): Cell[] => {
      const row: Cell[] = ['温县', `WX-${i}`, i % 3 ? '签约' : '洽谈', `{"投资":${i},"备注":"=不是公式${i}"}`, i % 2 ? 46_203.5 : '2026-06-30 10:00'];
      edit(row, i);
      return row;
    }),
  ];
}

async function open(retry: RetryOptions = fakeTime()): Promise<LedgerSession> {
  return testStore(server, ID, { retry }).open();
}

/** Writes `tabs` in a session that has not read (so whole), then starts counting. */
async function prime(tabs: ReadonlyMap<string, Cell[][]>): Promise<void> {
  const session = await open();
  await session.write({ systemTabs: tabs, checks: new Map() });
  await session.close();
  server.stats.reset();
  bodies = [];
}

/** A fresh session: read, then write `tabs`. */
async function readThenWrite(tabs: ReadonlyMap<string, Cell[][]>, retry?: RetryOptions): Promise<void> {
  const session = await open(retry);
  try {
    await session.read();
    await session.write({ systemTabs: tabs, checks: new Map() });
  } finally {
    await session.close();
  }
}

const sheetIdOf = (title: string) => server.state.getSheet(ID, title).properties.sheetId;
const stored = (title: string) => server.state.getValues(ID, title) as Cell[][];

/** The sub-requests of every batchUpdate sent since counting started, of `kind`, on tab `title`. */
function subRequests(kind: 'updateCells' | 'appendDimension' | 'insertDimension' | 'deleteDimension' | 'repeatCell' | 'addSheet', title: string): Json[] {
  const sheetId = sheetIdOf(title);
  const all = bodies.flatMap((b) => (b['requests'] as Json[] | undefined) ?? []);
  return all
    .map((r) => r[kind] as Json | undefined)
    .filter((r): r is Json => r !== undefined)
    .filter((r) => {
      const at = (r['start'] ?? r['range'] ?? {}) as Json;
      return (r['sheetId'] ?? at['sheetId']) === sheetId;
    });
}

const dims = (r: Json) => {
  const range = (r['range'] ?? {}) as Json;
  return [range['startIndex'], range['endIndex']];
};
const start = (r: Json) => (r['start'] as Json | undefined)?.['rowIndex'];
const rowsOf = (r: Json) => ((r['rows'] as Json[] | undefined) ?? []).length;

describe('Google Sheets store: writing only what changed', () => {
  it('when a session writes the grid it read, unchanged, then nothing is sent for that tab', async () => {
    const grid = snapshot(2_000);
    await prime(new Map([[TAB, grid]]));
    await readThenWrite(new Map([[TAB, snapshot(2_000)]]));
    expect(server.stats.requests.map((r) => r.kind)).toEqual(['get', 'batchGetByDataFilter']);
    expect(subRequests('updateCells', TAB)).toEqual([]);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(grid));
  });

  it('when one row of a 10,000-row system tab changes, then one block of one row is sent', async () => {
    await prime(new Map([[TAB, snapshot(10_000)]]));
    const edited = snapshot(10_000, (row, i) => {
      if (i === 4_999) row[3] = '{"投资":1}';
    });
    await readThenWrite(new Map([[TAB, edited]]));
    const updates = subRequests('updateCells', TAB);
    expect(updates.map((u) => [start(u), rowsOf(u)])).toEqual([[5_000, 1]]);
    expect(server.stats.requests.map((r) => r.kind)).toEqual(['get', 'batchGetByDataFilter', 'batchUpdate']);
    expect(server.stats.bytesIn).toBeLessThan(2_000);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(edited));
  });

  it('when rows change in a few places, then each run of changed rows is one block and the rest is untouched', async () => {
    await prime(new Map([[TAB, snapshot(1_000)]]));
    const changed = new Set([10, 11, 12, 500, 998]);
    const edited = snapshot(1_000, (row, i) => {
      if (changed.has(i)) row[4] = '2026-07-31 10:00';
    });
    await readThenWrite(new Map([[TAB, edited]]));
    expect(subRequests('updateCells', TAB).map((u) => [start(u), rowsOf(u)])).toEqual([[11, 3], [501, 1], [999, 1]]);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(edited));
  });

  it('when a tab shrinks, then the rows below its new end are cleared and no stale row is read back', async () => {
    await prime(new Map([[TAB, snapshot(10_000)]]));
    const shorter = snapshot(6_000);
    await readThenWrite(new Map([[TAB, shorter]]));
    const updates = subRequests('updateCells', TAB);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.['range']).toMatchObject({ startRowIndex: 6_001, startColumnIndex: 0 });
    expect(updates[0]?.['rows']).toBeUndefined();
    expect(stored(TAB)).toHaveLength(6_001);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(shorter));
  });

  it('when a tab grows past its grid, then rows are appended to the grid and only the new rows are sent', async () => {
    await prime(new Map([[TAB, snapshot(300)]]));
    const rowCount = server.state.getSheet(ID, TAB).properties.gridProperties.rowCount;
    const longer = snapshot(900);
    await readThenWrite(new Map([[TAB, longer]]));
    expect(subRequests('appendDimension', TAB).map((a) => [a['dimension'], a['length']])).toEqual([['ROWS', 901 - rowCount]]);
    expect(subRequests('updateCells', TAB).map((u) => [start(u), rowsOf(u)])).toEqual([[301, 600]]);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(longer));
  });

  it('when the header row changes, then the tab is rewritten whole from A1', async () => {
    await prime(new Map([[TAB, snapshot(200)]]));
    const renamed = snapshot(150);
    renamed[0] = [...HEADER.slice(0, 4), '更新时间', '备注'];
    await readThenWrite(new Map([[TAB, renamed]]));
    const updates = subRequests('updateCells', TAB);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.['range']).toMatchObject({ startRowIndex: 0, startColumnIndex: 0 });
    expect(rowsOf(updates[0] ?? {})).toBe(151);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(renamed));
  });

  it('when a changed or unchanged row holds a stale cell beyond the header, then it is cleared', async () => {
    await prime(new Map([[TAB, snapshot(50)]]));
    server.state.setValues(ID, TAB, [['旧内容']], 'H5');
    server.state.setValues(ID, TAB, [['旧内容']], 'G20');
    const edited = snapshot(50, (row, i) => {
      if (i === 3) row[2] = '开工';
    });
    await readThenWrite(new Map([[TAB, edited]]));
    expect(subRequests('updateCells', TAB).map((u) => [start(u), rowsOf(u)])).toEqual([[4, 1], [19, 1]]);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(edited));
  });

  it('when the tab does not exist yet, then it is created with the whole grid in the same request', async () => {
    await prime(new Map());
    await readThenWrite(new Map([['排名', [['月份', '单位名称', '总分'], ['2026-06', '温县', 88.5]]]]));
    expect(server.stats.requests.map((r) => r.kind)).toEqual(['get', 'batchGetByDataFilter', 'batchUpdate']);
    expect(stored('排名')).toEqual([['月份', '单位名称', '总分'], ['2026-06', '温县', 88.5]]);
  });

  it('when the write is refused with 429 first, then the retry lands and the tab equals the new grid', async () => {
    await prime(new Map([[TAB, snapshot(3_000)]]));
    const edited = snapshot(2_500, (row, i) => {
      if (i % 400 === 0) row[1] = `改-${i}`;
    });
    server.faults.push({ kind: 'status', status: 429, match: 'batchUpdate' });
    await readThenWrite(new Map([[TAB, edited]]));
    expect(server.stats.requests.map((r) => `${r.kind}:${r.status}`)).toEqual(['get:200', 'batchGetByDataFilter:200', 'batchUpdate:429', 'get:200', 'batchUpdate:200']);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(edited));
  });

  it('when a diff write times out but lands late, then the retry sends the same rows again and the tab equals the new grid', async () => {
    await prime(new Map([[TAB, snapshot(400)]]));
    const edited = snapshot(700, (row, i) => {
      if (i === 7) row[3] = null;
    });
    server.faults.push({ kind: 'delay', ms: 400, match: 'batchUpdate' });
    await readThenWrite(new Map([[TAB, edited]]), fakeTime({ attemptTimeoutMs: 200, sleep: () => new Promise((r) => setTimeout(r, 400)) }));
    expect(server.stats.requests.filter((r) => r.kind === 'batchUpdate').map((r) => r.status)).toEqual([200, 200]);
    // The retry found the grid already grown: it grew it no further.
    expect(subRequests('appendDimension', TAB)).toHaveLength(1);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(edited));
    expect(server.state.getSheet(ID, TAB).properties.gridProperties.rowCount).toBe(701);
  });

  it('when a write fails for good, then the next write of the session rewrites the tab whole', async () => {
    await prime(new Map([[TAB, snapshot(100)]]));
    const session = await open(fakeTime({ deadlineMs: 5_000 }));
    await session.read();
    server.faults.push({ kind: 'status', status: 503, match: 'batchUpdate', times: 100 });
    await expect(session.write({ systemTabs: new Map([[TAB, snapshot(80)]]), checks: new Map() })).rejects.toMatchObject({ code: 'BACKEND' });
    server.faults.clear();
    bodies = [];
    const again = snapshot(90);
    await session.write({ systemTabs: new Map([[TAB, again]]), checks: new Map() });
    await session.close();
    const updates = subRequests('updateCells', TAB);
    expect(updates.map((u) => u['range'])).toEqual([expect.objectContaining({ startRowIndex: 0 })]);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(again));
  });

  it('when a session writes twice, then the second write is diffed against the first', async () => {
    await prime(new Map([[TAB, snapshot(500)]]));
    const session = await open();
    await session.read();
    const first = snapshot(500, (row, i) => {
      if (i === 100) row[2] = '投产';
    });
    await session.write({ systemTabs: new Map([[TAB, first]]), checks: new Map() });
    const second = snapshot(500, (row, i) => {
      if (i === 100) row[2] = '投产';
      if (i === 200) row[2] = '投产';
    });
    await session.write({ systemTabs: new Map([[TAB, second]]), checks: new Map() });
    await session.close();
    expect(subRequests('updateCells', TAB).map((u) => [start(u), rowsOf(u)])).toEqual([[101, 1], [201, 1]]);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(second));
  });

  it('when 发送记录 rows were flushed and the full 发送记录 grid is then written, then the flushed rows are neither resent nor lost', async () => {
    const session = await testStore(server, ID, { sendLog: { maxRows: 2 } }).open();
    const { tabs } = await session.read();
    server.stats.reset();
    bodies = [];
    const row = (i: number): Cell[] => ['2026-06', '月报', `u${i}@x.cn`, '已发送', `<d${i}@ledger>`, '2026-06-30 10:00', null];
    const sent = Array.from({ length: 5 }, (_, i) => row(i));
    for (const r of sent) await session.appendSendLog([r]);
    const read = (tabs.get(SEND_LOG_TAB.name) ?? []) as Cell[][];
    const full = [...read, ...sent];
    const flushesBefore = bodies.length;
    await session.write({ systemTabs: new Map([[SEND_LOG_TAB.name, full]]), checks: new Map() });
    await session.close();
    // Three flushes (2 + 2 + 1 rows, the last by write()), then nothing left to write.
    expect(flushesBefore).toBe(2);
    expect(bodies).toHaveLength(3);
    expect(gridMeaning(stored(SEND_LOG_TAB.name))).toEqual(gridMeaning(full));
  });

  it('when only a column holding one run time in every row changes, then one repeatCell sets it and no row is rewritten', async () => {
    const stamped = (time: string) => snapshot(3_000, (row) => {
      row[4] = time;
    });
    await prime(new Map([[TAB, stamped('2026-06-30 10:00')]]));
    const next = stamped('2026-06-30 12:00');
    next[42] = [...(next[42] ?? [])];
    (next[42] as Cell[])[2] = '投产';
    await readThenWrite(new Map([[TAB, next]]));
    expect(subRequests('updateCells', TAB).map((u) => [start(u), rowsOf(u)])).toEqual([[42, 1]]);
    const stamps = subRequests('repeatCell', TAB);
    expect(stamps.map((r) => r['range'])).toEqual([expect.objectContaining({ startRowIndex: 1, endRowIndex: 3_001, startColumnIndex: 4, endColumnIndex: 5 })]);
    expect(server.stats.bytesIn).toBeLessThan(2_000);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(next));
  });

  it('when a row is removed near the top of a long tab, then the rows below are moved up with one deleteDimension, not rewritten', async () => {
    await prime(new Map([[TAB, snapshot(2_000)]]));
    const shorter = snapshot(2_000);
    shorter.splice(11, 1);
    await readThenWrite(new Map([[TAB, shorter]]));
    expect(subRequests('deleteDimension', TAB).map(dims)).toEqual([[11, 12]]);
    expect(subRequests('updateCells', TAB)).toEqual([]);
    expect(server.stats.bytesIn).toBeLessThan(1_000);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(shorter));
  });

  it('when rows are added and removed in the middle and the run time changes, then rows are moved, the new ones written and the time stamped', async () => {
    const stamped = (rows: Cell[][], time: string) => rows.map((row, i) => (i === 0 ? row : [...row.slice(0, 4), time]));
    const before = stamped(snapshot(2_000), '2026-06-30 10:00');
    await prime(new Map([[TAB, before]]));
    const after = stamped(snapshot(2_000), '2026-06-30 12:00');
    after.splice(1_500, 2);
    after.splice(300, 0, ['温县', 'NEW-1', '签约', '{"投资":1}', '2026-06-30 12:00'], ['温县', 'NEW-2', '签约', '{"投资":2}', '2026-06-30 12:00']);
    after.splice(100, 1);
    await readThenWrite(new Map([[TAB, after]]));
    expect(subRequests('deleteDimension', TAB).map(dims)).toEqual([[1_500, 1_502], [100, 101]]);
    expect(subRequests('insertDimension', TAB).map(dims)).toEqual([[300, 302]]);
    expect(subRequests('updateCells', TAB).map((u) => [start(u), rowsOf(u)])).toEqual([[299, 2]]);
    expect(subRequests('repeatCell', TAB)).toHaveLength(1);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(after));
  });

  it('when a write that moves rows is refused with 429 first, then the retry reads the tab again and the rows move once', async () => {
    await prime(new Map([[TAB, snapshot(2_000)]]));
    const shorter = snapshot(2_000);
    shorter.splice(5, 3);
    server.faults.push({ kind: 'status', status: 429, match: 'batchUpdate' });
    await readThenWrite(new Map([[TAB, shorter]]));
    expect(server.stats.requests.map((r) => `${r.kind}:${r.status}`)).toEqual(
      ['get:200', 'batchGetByDataFilter:200', 'batchUpdate:429', 'get:200', 'batchGetByDataFilter:200', 'batchUpdate:200'],
    );
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(shorter));
  });

  it('when a write that moves rows times out but lands late, then the retry reads the tab again and moves nothing twice', async () => {
    await prime(new Map([[TAB, snapshot(2_000)]]));
    const shorter = snapshot(2_000);
    shorter.splice(5, 3);
    server.faults.push({ kind: 'delay', ms: 400, match: 'batchUpdate' });
    await readThenWrite(new Map([[TAB, shorter]]), fakeTime({ attemptTimeoutMs: 200, sleep: () => new Promise((r) => setTimeout(r, 400)) }));
    expect(server.stats.requests.map((r) => `${r.kind}:${r.status}`)).toEqual(['get:200', 'batchGetByDataFilter:200', 'batchUpdate:200', 'get:200', 'batchGetByDataFilter:200']);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(shorter));
  });

  it('when one tab’s changes exceed the request limit, then only that tab is staged and the other tabs’ changes ride in the swap', async () => {
    const other = '预警';
    const small = (n: number): Cell[][] => [['月份', '单位名称', '说明'], ...Array.from({ length: 20 }, (_, i): Cell[] => ['2026-06', `单位${i}`, i === 3 ? `说明${n}` : '无'])];
    await prime(new Map([[TAB, snapshot(1_000)], [other, small(1)]]));
    const rewritten = snapshot(1_000, (row, i) => {
      row[1] = `WX-改-${i}`;
    });
    const session = await testStore(server, ID, { maxRequestBytes: 40_000 }).open();
    await session.read();
    await session.write({ systemTabs: new Map([[TAB, rewritten], [other, small(2)]]), checks: new Map() });
    await session.close();
    const kinds = server.stats.requests.map((r) => r.kind);
    expect(kinds.slice(0, 3)).toEqual(['get', 'batchGetByDataFilter', 'batchUpdate']);
    expect(kinds.filter((k) => k === 'valuesBatchUpdate').length).toBeGreaterThan(1);
    expect(kinds.at(-1)).toBe('batchUpdate');
    const prepared = ((bodies[0]?.['requests'] as Json[] | undefined) ?? []).map((r) => ((r['addSheet'] as Json | undefined)?.['properties'] as Json | undefined)?.['title']);
    expect(prepared).toEqual(['~写入中~快照']);
    const swap = (bodies.at(-1)?.['requests'] as Json[] | undefined) ?? [];
    const otherId = sheetIdOf(other);
    expect(swap.filter((r) => ((r['updateCells'] as Json | undefined)?.['start'] as Json | undefined)?.['sheetId'] === otherId)).toHaveLength(1);
    expect(gridMeaning(stored(TAB))).toEqual(gridMeaning(rewritten));
    expect(gridMeaning(stored(other))).toEqual(gridMeaning(small(2)));
  });
});
