/**
 * A city of 200 units × 500 rows = 100,000 ledger rows: the read is two requests whatever the size;
 * the write is one request when it fits Google's 10 MiB body limit, and otherwise staging requests
 * sized by bytes, never by units or rows. A later run sends only what changed: one request again.
 * The server refuses bodies over 10 MiB like Google does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_TAB, assessMonth, bookTabs, defaultLedgerTab, type BookDef, type Cell } from '../../../functions/core/index.js';
import { compactBytes } from '../../../sheets/google/staged-write.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { seedSpreadsheet, testStore } from './support.js';

const GOOGLE_LIMIT = 10_485_760;
const NOW = new Date('2026-06-30T02:00:00Z');
const STAGES = ['洽谈', '签约', '开工', '投产'] as const;

function ledgerRow(unit: number, i: number): Record<string, Cell> {
  const stage = STAGES[i % STAGES.length] ?? '洽谈';
  const row: Record<string, Cell> = {
    项目编号: `U${unit}-${i}`, 项目名称: `项目${unit}-${i}`, 投资方: `投资公司${i}`, 产业链: '新能源', 项目阶段: stage,
    '总投资(万元)': 10_000 + i, '3月到位(万元)': 100, 责任领导: '张三', 进展情况: '推进中', 更新日期: '2026-06-20',
  };
  if (stage !== '洽谈') Object.assign(row, { '合同投资额(万元)': 9_000, 签约日期: '2026-02-10' });
  if (stage === '开工' || stage === '投产') row['开工日期'] = '2026-04-01';
  if (stage === '投产') row['投产日期'] = '2026-05-01';
  return row;
}

function city(units: number, rowsPerUnit: number): BookDef {
  const defs = Array.from({ length: units }, (_, u) => ({ name: `县${u}`, group: '县市组' }));
  return {
    settings: { 年度: 2026, 城市: '测试市' }, units: defs, method: [['签约项目数', '签约项目数', '相对值', 10, '']], targets: {},
    ledgers: Object.fromEntries(defs.map((d, u) => [d.name, Array.from({ length: rowsPerUnit }, (_, i) => ledgerRow(u, i))])),
  };
}

/** Column letters of a 0-based index. */
function letter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

let server: SheetsServer;
beforeAll(async () => {
  server = await startSheetsServer({ maxRequestBytes: GOOGLE_LIMIT });
});
afterAll(async () => {
  await server.close();
});

async function cycle(id: string, def: BookDef, options: { seed?: boolean; now?: Date } = {}) {
  if (options.seed ?? true) seedSpreadsheet(server, id, bookTabs(def));
  server.stats.reset();
  const session = await testStore(server, id, { retry: { attemptTimeoutMs: 120_000, sleep: async () => {} } }).open();
  const { tabs } = await session.read();
  const reads = server.stats.total;
  const outcome = assessMonth(tabs, { year: 2026, month: 5 }, options.now ?? NOW);
  await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
  await session.close();
  return { outcome, reads, requests: server.stats.requests.map((r) => `${r.kind}:${r.status}`), bytesIn: server.stats.bytesIn, bytesOut: server.stats.bytesOut };
}

describe('Google Sheets store at city scale', () => {
  it('when 200 units hold 100,000 rows, then the read is 2 requests and the write is split by bytes only, each under 10 MiB', { timeout: 240_000 }, async () => {
    const run = await cycle('city-100k', city(200, 500));
    const bytes = compactBytes(run.outcome.writes);
    console.info(`100k rows: ${run.requests.length} requests (${run.requests.join(', ')}), ` +
      `sent ${(run.bytesIn / 1e6).toFixed(1)} MB, received ${(run.bytesOut / 1e6).toFixed(1)} MB, system tabs ${(bytes / 1e6).toFixed(1)} MB compact`);
    expect(run.reads).toBe(2);
    expect(run.requests.every((r) => r.endsWith(':200'))).toBe(true);
    const stagingChunks = Math.ceil(bytes / (10_000_000 - 8_192));
    expect(run.requests.length).toBeLessThanOrEqual(2 + 1 + stagingChunks + 1);
    expect(server.state.getValues('city-100k', SNAPSHOT_TAB.name)).toHaveLength(100_001);

    // Two hours later, staff have updated 50 rows: the next run writes those, in one request.
    for (let k = 0; k < 50; k++) {
      const tab = defaultLedgerTab(`县${(k * 7) % 200}`);
      const header = server.state.getValues('city-100k', tab)[0] ?? [];
      const row = 2 + ((k * 37) % 500);
      server.state.setValues('city-100k', tab, [['已签约，设备进场']], `${letter(header.indexOf('进展情况'))}${row}`);
      server.state.setValues('city-100k', tab, [['2026-06-30']], `${letter(header.indexOf('更新日期'))}${row}`);
    }
    const again = await cycle('city-100k', city(200, 500), { seed: false, now: new Date('2026-06-30T04:00:00Z') });
    console.info(`100k rows, 2nd run: ${again.requests.length} requests (${again.requests.join(', ')}), sent ${(again.bytesIn / 1e6).toFixed(2)} MB`);
    expect(again.requests).toEqual(['get:200', 'batchGetByDataFilter:200', 'batchUpdate:200']);
    expect(again.bytesIn).toBeLessThan(1_000_000);
    const snapshot = server.state.getValues('city-100k', SNAPSHOT_TAB.name);
    expect(snapshot).toHaveLength(100_001);
    expect(snapshot).toEqual(again.outcome.writes.get(SNAPSHOT_TAB.name)?.map((r) => r.map((c) => (c === null ? '' : c))));
  });

  it('when the results fit one request, then a run is 3 requests for 20 units or 200', async () => {
    const few = await cycle('city-few', city(20, 100));
    const many = await cycle('city-many', city(200, 10));
    expect(few.requests).toEqual(['get:200', 'batchGetByDataFilter:200', 'batchUpdate:200']);
    expect(many.requests).toEqual(few.requests);
  });
});
