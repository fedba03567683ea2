/**
 * The run lease on the Sheets test server with the real client: two runs cannot both hold it, a dead
 * run's lease is taken over only after the stale limit, a run whose lease was taken over cannot write.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { LEASE_TAB } from '../../../sheets/google/run-lease.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { WORKED_EXAMPLE } from '../../support/worked-example.js';
import { fakeTime, seedSpreadsheet, testStore } from './support.js';

const ID = 'lease-spreadsheet';
let server: SheetsServer;
beforeAll(async () => { server = await startSheetsServer(); });
afterAll(async () => { await server.close(); });
beforeEach(() => {
  seedSpreadsheet(server, ID, bookTabs(WORKED_EXAMPLE));
  server.faults.clear();
});

const store = (holder: string, now = () => new Date(), staleMs = 600_000) => testStore(server, ID, { lease: { holder, staleMs }, now });
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as LedgerError);
const leaseTabs = () => server.state.getSpreadsheet(ID).sheets.filter((s) => s.properties.title === LEASE_TAB);
const sendLogCells = () => (server.state.getSpreadsheet(ID).sheets.some((s) => s.properties.title === '发送记录') ? server.state.getValues(ID, '发送记录').flat() : []);
const sendLogRow = (to: string) => ['2026-06', '月度通报', to, '发送中', '<m@x>', '2026-07-01 06:00', null];

describe('the run lease on a Google spreadsheet', () => {
  it('when two runs open the spreadsheet at the same moment, then exactly one holds it and the other is told who and since when', async () => {
    const results = await Promise.allSettled([store('主机甲 进程 1').open({ purpose: '月度考评 月度:2026-06' }), store('主机乙 进程 2').open({ purpose: '月度考评 月度:2026-06' })]);
    const held = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as LedgerError);
    expect(held).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual(['LEDGER_LOCKED']);
    expect(refused[0]!.message).toMatch(/正被另一次运行占用：月度考评 月度:2026-06，由 主机[甲乙] 进程 [12] 自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起运行/);
    expect(leaseTabs()).toHaveLength(1);
    expect(leaseTabs()[0]!.properties.hidden).toBe(true);
    await (held[0] as PromiseFulfilledResult<Awaited<ReturnType<ReturnType<typeof store>['open']>>>).value.close();
    expect(leaseTabs()).toHaveLength(0);
  });

  it('when the holder closes, then the next run takes the lease', async () => {
    const first = await store('甲').open({ purpose: '校验' });
    await first.close();
    const second = await store('乙').open({ purpose: '校验' });
    await second.read();
    await second.close();
    expect(leaseTabs()).toHaveLength(0);
  });

  it('when the holder died (heartbeat older than the limit), then the next run takes over, and the dead holder can no longer write', async () => {
    let clock = Date.parse('2026-07-01T06:00:00+08:00');
    const now = () => new Date(clock);
    const dead = await store('主机甲', now).open({ purpose: '月度考评' });
    await dead.read();
    clock += 5 * 60_000;
    expect((await failure(store('主机乙', now).open({ purpose: '月度考评' }))).message).toContain('5 分钟前');
    clock += 6 * 60_000;
    const next = await store('主机乙', now).open({ purpose: '月度考评' });
    await next.read();
    const fenced = await failure(dead.appendSendLog([sendLogRow('a@x.cn')]).then(() => dead.close()));
    expect(fenced.code).toBe('LEDGER_LOCKED');
    expect(fenced.message).toContain('运行锁已被另一次运行接管');
    expect(sendLogCells()).not.toContain('a@x.cn');
    await next.appendSendLog([sendLogRow('b@x.cn')]);
    await next.close();
    expect(sendLogCells()).toContain('b@x.cn');
    expect(leaseTabs()).toHaveLength(0);
  });

  it('when the holder is alive but writes nothing for longer than the limit, then its heartbeat keeps the lease', async () => {
    const live = await testStore(server, ID, { lease: { holder: '主机甲', staleMs: 400, renewMs: 100 } }).open({ purpose: '月度考评' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const refused = await failure(testStore(server, ID, { lease: { holder: '主机乙', staleMs: 400 } }).open({ purpose: '校验' }));
    expect(refused.code).toBe('LEDGER_LOCKED');
    await live.close();
    expect(leaseTabs()).toHaveLength(0);
  });

  it('when the answer to taking the lease is lost but the request landed, then the retry recognises its own lease', async () => {
    // The first batchUpdate is applied, but its answer arrives after the client gave up on it.
    server.faults.push({ kind: 'delay', ms: 600, match: 'batchUpdate' });
    const session = await testStore(server, ID, { lease: { holder: '甲' }, retry: fakeTime({ attemptTimeoutMs: 200, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 700))) }) }).open({ purpose: '校验' });
    expect(leaseTabs()).toHaveLength(1);
    await session.close();
    expect(leaseTabs()).toHaveLength(0);
  });
});
