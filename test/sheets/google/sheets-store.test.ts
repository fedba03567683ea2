import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_RESULTS_TAB, bookTabs, checkBook, type Cell } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { CHECK_SUMMARY_TAB } from '../../../sheets/google/check-summary.js';
import { startSheetsServer, type Json, type SheetsServer } from '../../support/sheets-server/index.js';
import { CONTRACT_NOW, contractBook, describeStoreContract } from '../../stores/store-contract.js';
import { seedSpreadsheet, shownChecks, testStore } from './support.js';

let server: SheetsServer;
let next = 0;

beforeAll(async () => {
  server = await startSheetsServer();
});
afterAll(async () => {
  await server.close();
});

describe('Google Sheets store', () => {
  describeStoreContract('Google Sheets', async (seed) => {
    const id = `contract-${++next}`;
    seedSpreadsheet(server, id, seed);
    return {
      store: testStore(server, id),
      readStaffTab: async (name) => server.state.getValues(id, name) as Cell[][],
      cleanup: async () => {},
    };
  });
});

describe('Google Sheets store: one run', () => {
  const ID = 'run-1';
  const WEN = '台账-温县';
  beforeEach(() => {
    seedSpreadsheet(server, ID, bookTabs(contractBook()));
    server.stats.reset();
    server.faults.clear();
  });

  async function run(beforeWrite?: () => void) {
    const session = await testStore(server, ID).open();
    const { tabs } = await session.read();
    const outcome = checkBook(tabs, CONTRACT_NOW);
    beforeWrite?.();
    await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
    await session.close();
    return outcome;
  }

  it('when a run reads and writes, then it makes three requests: tab properties, all values, one batchUpdate', async () => {
    await run();
    expect(server.stats.requests.map((r) => r.kind)).toEqual(['get', 'batchGetByDataFilter', 'batchUpdate']);
  });

  it('when a run writes, then no request touches a tab staff edit', async () => {
    const bodies: Json[] = [];
    server.onRequest('batchUpdate', ({ body }) => void bodies.push(body));
    await run();
    const staffIds = server.state.getSpreadsheet(ID).sheets
      .filter((s) => !['校验结果', '快照', '变更记录', CHECK_SUMMARY_TAB.name].includes(s.properties.title))
      .map((s) => s.properties.sheetId);
    const touched = JSON.stringify(bodies).match(/"sheetId":\d+/g) ?? [];
    expect(touched.length).toBeGreaterThan(0);
    for (const id of staffIds) expect(touched).not.toContain(`"sheetId":${id}`);
  });

  it('when checks are written, then 校验汇总 is hidden and holds each project with problems under its tab and 项目编号', async () => {
    const outcome = await run();
    const summary = server.state.getValues(ID, CHECK_SUMMARY_TAB.name);
    expect(server.state.getSheet(ID, CHECK_SUMMARY_TAB.name).properties['hidden']).toBe(true);
    expect(summary[0]).toEqual(['台账页名', '项目编号', '校验']);
    expect(summary.slice(1).map((r) => `${r[0]}|${r[1]}`)).toEqual([`${WEN}|WX-002`, `${WEN}|WX-003`]);
    const wx3 = summary.find((r) => r[1] === 'WX-003');
    expect(wx3?.[2]).toBe(outcome.checks.get(WEN)?.get(4));
    expect(String(wx3?.[2])).toContain('✗ 1 处错误：总投资(万元)');
    const shown = shownChecks(WEN, server.state.getValues(ID, WEN), summary);
    expect(shown.slice(1, 4)).toEqual([outcome.checks.get(WEN)?.get(2), outcome.checks.get(WEN)?.get(3), outcome.checks.get(WEN)?.get(4)]);
    expect(shownChecks('孟州台账', server.state.getValues(ID, '孟州台账'), summary)[2]).toBe('✗ 项目编号未填写');
  });

  it('when a row is inserted into a unit tab between read and write, then no row is shown another row’s problems', async () => {
    const unhook = server.onRequest('batchUpdate', ({ state }) => {
      state.insertRows(ID, WEN, 1);
      state.setValues(ID, WEN, [['WX-NEW', '刚插入的项目', '某公司', null, '新能源', null, null, '洽谈', 100]], 'A2');
    });
    const outcome = await run();
    unhook();
    const grid = server.state.getValues(ID, WEN);
    expect(grid.slice(1, 5).map((r) => r[0])).toEqual(['WX-NEW', 'WX-001', 'WX-002', 'WX-003']);
    const shown = shownChecks(WEN, grid, server.state.getValues(ID, CHECK_SUMMARY_TAB.name));
    const texts = outcome.checks.get(WEN);
    expect(shown[1]).toBe('✓');
    expect(shown.slice(2, 5)).toEqual([texts?.get(2), texts?.get(3), texts?.get(4)]);
  });

  it('when write is called with checks but nothing was read, then it says the session must read first', async () => {
    const session = await testStore(server, ID).open();
    const checks = new Map([[WEN, new Map([[2, '✗ 1 处错误']])]]);
    await expect(session.write({ systemTabs: new Map(), checks })).rejects.toMatchObject({ code: 'INTERNAL' });
    await session.close();
  });

  it('when a session is closed, then reading again is refused with a clear message', async () => {
    const session = await testStore(server, ID).open();
    await session.close();
    const error = await session.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).message).toContain('会话已关闭');
  });

  it('when a system tab has cells beyond the new content, then they are cleared and formats are kept', async () => {
    server.state.setValues(ID, CHECK_RESULTS_TAB.name, [[{ value: 'x', note: '保留的批注' }]], 'J9');
    await run();
    const cell = server.state.getCell(ID, CHECK_RESULTS_TAB.name, 'J9');
    expect(cell?.value).toBeUndefined();
    expect(cell?.note).toBe('保留的批注');
  });
});
