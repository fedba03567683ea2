import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyRollover, assessMonth, planTargets, type Cell, type RolloverPlan } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { runRollover } from '../../../functions/pipeline/rollover.js';
import { patchSpreadsheetCells } from '../../../sheets/google/patch-cells.js';
import { provisionSpreadsheet } from '../../../sheets/google/provision.js';
import { spreadsheetRolloverWriter } from '../../../sheets/google/rollover-copy.js';
import { batchesOf } from '../../../sheets/google/rollover-requests.js';
import { startDriveServer, type DriveServer } from '../../support/sheets-server/drive.js';
import { ApiError, startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { applyBatchUpdate } from '../../support/sheets-server/batch-update.js';
import { DECEMBER_NOW, JANUARY_NOW, decemberTabs } from '../../support/december.js';
import { fakeTime, seedSpreadsheet, testStore } from './support.js';

const OLD = 'ledger-2026';
const BOT = 'ledger-bot@city-project.iam.gserviceaccount.com';
let server: SheetsServer;
let drive: DriveServer;

beforeAll(async () => {
  server = await startSheetsServer();
  drive = await startDriveServer(server.state, BOT);
});
afterAll(async () => {
  await drive.close();
  await server.close();
});

beforeEach(async () => {
  server.faults.clear();
  seedSpreadsheet(server, OLD, decemberTabs());
  await provisionSpreadsheet({ spreadsheetId: OLD, rootUrl: server.url, auth: { accessToken: 't' }, serviceAccountEmail: BOT, retry: fakeTime() });
  drive.files.clear();
  drive.files.set(OLD, {
    name: '测试市招商引资台账2026', parents: ['folder-zhaoshang'],
    permissions: [
      { id: 'a', type: 'user', role: 'owner', emailAddress: 'admin@city.gov.cn' },
      { id: 'b', type: 'user', role: 'writer', emailAddress: 'wen@county.gov.cn' },
      { id: 'c', type: 'user', role: 'writer', emailAddress: BOT },
      { id: 'd', type: 'domain', role: 'reader', domain: 'city.gov.cn' },
    ],
  });
});

async function rollover(): Promise<{ plan: RolloverPlan; label: string; say: string[] }> {
  const say: string[] = [];
  const writer = spreadsheetRolloverWriter({ spreadsheetId: OLD, accessToken: 't', sheetsRootUrl: server.url, driveRootUrl: drive.url, retry: fakeTime(), say: (l) => say.push(l) });
  const outcome = await runRollover(testStore(server, OLD), writer, { now: DECEMBER_NOW });
  return { ...outcome, say };
}

const newId = () => [...drive.files.keys()].find((id) => id !== OLD) ?? '';
const values = (id: string, tab: string) => server.state.getValues(id, tab) as Cell[][];

describe('rollover on Google Sheets (Drive copy + one batchUpdate)', () => {
  it('when rolled over, then the new spreadsheet holds exactly what the plan gives, under its new name, and the old one is untouched', async () => {
    const before = server.state.getSpreadsheet(OLD);
    const session = await testStore(server, OLD).open();
    const { tabs } = await session.read();
    await session.close();
    const { plan, label } = await rollover();
    const id = newId();
    expect(label).toBe(`${id}（https://docs.google.com/spreadsheets/d/${id}/edit）`);
    expect(server.state.getSpreadsheet(OLD)).toEqual(before);
    expect(drive.files.get(id)?.name).toBe('测试市招商引资台账2027');
    expect(drive.files.get(id)?.parents).toEqual(['folder-zhaoshang']);
    const expected = applyRollover(tabs, plan);
    const checkAt = (expected.get('台账-温县')?.[0] ?? []).indexOf('校验');
    for (const tab of ['参数', '目标任务', '加减分', '台账-温县', '台账-示范区', '会议纪要', '快照', '运行记录', '排名', '发送记录']) {
      // The 校验 column is the provisioned formula in both; compare the rest.
      const strip = (grid: readonly (readonly Cell[] | undefined)[]) => grid.map((r) => Array.from(r ?? [], (c, i) => (tab.startsWith('台账-') && i === checkAt ? null : c ?? null)).map((c) => (c === '' ? null : c)))
        .map((r) => { while (r.length > 0 && r[r.length - 1] === null) r.pop(); return r; });
      expect(strip(values(id, tab)), tab).toEqual(strip(expected.get(tab) ?? []));
    }
  });

  it('when rolled over, then provisioning came along (protections, dropdowns, the 校验 formula) and the old sharing was copied, owners as editors', async () => {
    await rollover();
    const id = newId();
    const old = server.state.getSpreadsheet(OLD);
    const copy = server.state.getSpreadsheet(id);
    expect(copy.sheets.map((s) => s.properties.title)).toEqual(old.sheets.map((s) => s.properties.title));
    expect(copy.sheets.map((s) => s.protectedRanges)).toEqual(old.sheets.map((s) => s.protectedRanges));
    expect(server.state.getCell(id, '台账-温县', 'A1')).toBeDefined();
    const stageCol = (values(OLD, '台账-温县')[0] ?? []).indexOf('项目阶段');
    const oldHead = server.state.getSheet(OLD, '台账-温县');
    const newHead = server.state.getSheet(id, '台账-温县');
    expect(newHead.rows[1]?.[stageCol]?.dataValidation).toEqual(oldHead.rows[1]?.[stageCol]?.dataValidation);
    expect(drive.files.get(id)?.permissions.map((p) => `${p.type} ${p.role} ${p.emailAddress ?? p.domain}`)).toEqual([
      `user owner ${BOT}`, 'user writer admin@city.gov.cn', 'user writer wen@county.gov.cn', 'domain reader city.gov.cn',
    ]);
  });

  it('when a fault stops it after the copy, then the old spreadsheet is untouched and the half-made one is named unfinished and reported with its id', async () => {
    const before = server.state.getSpreadsheet(OLD);
    drive.failNext('permissions.create', 403);
    const error = await rollover().then(() => undefined, (e: unknown) => e);
    const id = newId();
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).message).toContain(`旧表格 ${OLD} 没有任何改动。已创建一半的新表格 ${id}（名为“【未完成】测试市招商引资台账2027”，https://docs.google.com/spreadsheets/d/${id}/edit）不能使用：请在 Google 云端硬盘中删除它，再重新运行本命令。`);
    expect(server.state.getSpreadsheet(OLD)).toEqual(before);
    expect(drive.files.get(id)?.name).toBe('【未完成】测试市招商引资台账2027');
  });

  it('when the first write is refused, then the copy is reported and nothing of that request is in it (each request is atomic)', async () => {
    server.faults.push({ kind: 'status', status: 400, match: 'batchUpdate' });
    const error = await rollover().then(() => undefined, (e: unknown) => e);
    const id = newId();
    expect((error as Error).message).toContain(`已创建一半的新表格 ${id}`);
    expect(values(id, '参数').find((r) => r[0] === '年度')?.[1]).toBe(2026);
  });

  it('when the batchUpdate that deletes rows landed but its answer was lost, then the retry sees it landed and does not delete rows twice', async () => {
    let first = true;
    const off = server.onRequest('batchUpdate', ({ route, body, state }) => {
      const structure = JSON.stringify(body).includes('deleteDimension');
      if (!first || route.spreadsheetId === OLD || !structure) return;
      first = false;
      state.transact(route.spreadsheetId ?? '', (ss) => applyBatchUpdate(ss, body));
      throw new ApiError(503, 'The service is currently unavailable.');
    });
    try {
      await rollover();
      expect(first).toBe(false);
      const ids = (tab: string) => values(newId(), tab).slice(1).map((r) => r[0]).filter((id) => typeof id === 'string' && id !== '');
      expect(ids('台账-温县')).toEqual(['W-1', 'W-3', 'W-4', 'W-5', 'W-6', 'W-8']);
      expect(ids('台账-示范区')).toEqual(['S-1', 'S-2']);
    } finally {
      off();
    }
  });

  it('when targets are written and January is assessed on the new spreadsheet, then it runs with no manual step', async () => {
    await rollover();
    const id = newId();
    const read = async () => {
      const session = await testStore(server, id).open();
      const { tabs } = await session.read();
      await session.close();
      return tabs;
    };
    for (const [indicator, total] of [['到位资金', '150亿'], ['签约项目数', '15'], ['签约金额', '30亿'], ['开工项目数', '8']] as const) {
      const plan = planTargets({ tabs: await read(), history: undefined, indicator, total, basis: '平均', round: undefined, replace: false });
      if (!plan.ok) throw new Error(plan.problems.join());
      await patchSpreadsheetCells(id, '目标任务', plan.edits, { accessToken: 't', rootUrl: server.url }, fakeTime());
    }
    expect(values(id, '目标任务')).toEqual([['单位名称', '到位资金', '签约项目数', '签约金额', '开工项目数'], ['温县', 750000, 8, 150000, 4], ['示范区', 750000, 7, 150000, 4]]);
    const outcome = assessMonth(await read(), { year: 2027, month: 1 }, JANUARY_NOW);
    expect(outcome.structure).toEqual([]);
    expect(outcome.scores.map((s) => [s.unit.name, s.change])).toEqual([['温县', undefined], ['示范区', undefined]]);
    expect(outcome.findings.some((f) => f.unit === '示范区' && f.problem.includes('退回'))).toBe(true);
  });
});

describe('batchesOf', () => {
  const request = (i: number) => ({ deleteDimension: { range: { sheetId: i, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } });
  const size = Buffer.byteLength(JSON.stringify(request(0)));
  it.each([
    [5, 2.5, [2, 2, 1]],
    [3, 1, [1, 1, 1]],
    [4, 10, [4]],
    [0, 1, []],
  ])('when %i requests go in batches of at most %d requests\' bytes, then the batches hold %j, in order', (count, room, expected) => {
    const requests = Array.from({ length: count }, (_, i) => request(i));
    const batches = batchesOf(requests, Math.floor(room * size));
    expect(batches.map((b) => b.length)).toEqual(expected);
    expect(batches.flat()).toEqual(requests);
  });
});
