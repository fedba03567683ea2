/**
 * The contract every LedgerStore meets, whatever holds the ledger (an .xlsx workbook, a Google
 * spreadsheet). A backend's test file calls `describeStoreContract` with a factory that seeds a fresh
 * ledger and opens a store on it. Cells are compared by meaning, not by type: a date may come back as a
 * serial number (Sheets) or a Date (xlsx), a blank as null or "".
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHECK_RESULTS_TAB, LEDGER_COLUMNS, RANKING_TAB_NAME, SEND_LOG_TAB, bookTabs, cellErrorText, checkBook, dayOf, decodeAmount, decodeDate,
  isBlank, normalizeHeader, type BookDef, type Cell, type ColumnKind, type Grid,
} from '../../functions/core/index.js';
import type { LedgerStore } from '../../functions/ports.js';

export interface StoreFixture {
  readonly store: LedgerStore;
  /** A tab's cells as the backend holds them, read without the store. */
  readStaffTab(name: string): Promise<Cell[][]>;
  cleanup(): Promise<void>;
}

export type MakeStore = (seed: Map<string, Cell[][]>) => Promise<StoreFixture>;

/** 2026-06-30 10:00 in Shanghai. */
export const CONTRACT_NOW = new Date('2026-06-30T02:00:00Z');

const utcDate = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A small city: two units, rows with typed and text dates and amounts, a bad row, a formula error. */
export function contractBook(): BookDef {
  return {
    settings: { 年度: 2026, 城市: '测试市', 管理员邮箱: 'admin@city.gov.cn' },
    units: [
      { name: '温县', group: '县市组', liaisonEmails: 'wen@county.gov.cn' },
      { name: '孟州', group: '县市组', liaisonEmails: 'meng@county.gov.cn', tab: '孟州台账' },
    ],
    method: [['签约项目数', '签约项目数', '相对值', 10, '']],
    targets: {},
    ledgers: {
      温县: [
        {
          项目编号: 'WX-001', 项目名称: '电池项目', 投资方: '某某新能源有限公司', 产业链: '新能源', 项目阶段: '开工',
          '总投资(万元)': 20000, '合同投资额(万元)': '1.5亿', 签约日期: utcDate(2026, 2, 10), 开工日期: '2026-04-01',
          '1月到位(万元)': 1000, 责任领导: '张三', 进展情况: '=主体施工', 更新日期: utcDate(2026, 6, 25),
        },
        { 项目编号: 'WX-002', 项目名称: '电机项目', 产业链: '装备制造', 项目阶段: '签约', '总投资(万元)': '3,500' },
        { 项目编号: 'WX-003', 项目名称: '断链项目', 产业链: '新材料', 项目阶段: '洽谈', '总投资(万元)': { error: '#REF!' }, 责任领导: '李四' },
      ],
      孟州: [
        {
          项目编号: 'MZ-001', 项目名称: '药厂', 投资方: '某药业', 产业链: '生物医药', 项目阶段: '签约', '总投资(万元)': 8000,
          '合同投资额(万元)': 8000, 签约日期: '2026年5月6日', 责任领导: '王五', 进展情况: '+86 138 0000', 更新日期: '2026/6/20',
        },
        { 项目名称: '没有编号的项目', 产业链: '其他', 项目阶段: '线索' },
      ],
    },
    extra: {
      [CHECK_RESULTS_TAB.name]: [CHECK_RESULTS_TAB.columns.map((c) => c.header), ['旧单位', 'OLD-1', 'A2', '项目编号', 'x', '旧问题', '错误', '2026-05-01 10:00']],
      [SEND_LOG_TAB.name]: [SEND_LOG_TAB.columns.map((c) => c.header), ['2026-05', '月报', 'a@b.cn', '已发送', '<m1@ledger>', '2026-06-01 09:00', null]],
      备注: [['说明', '开关', '系数'], ['公式样文本', true, 1.5]],
    },
  };
}

const FAR_FUTURE = { today: dayOf(9999, 12, 31) };
const KIND_BY_HEADER = new Map<string, ColumnKind>(LEDGER_COLUMNS.map((c) => [normalizeHeader(c.header), c.kind]));
const CHECK_HEADER = normalizeHeader(LEDGER_COLUMNS.find((c) => c.key === 'check')?.header ?? '校验');

/** What a cell means, comparable across backends. */
export function meaning(cell: Cell, kind: ColumnKind | undefined = undefined): unknown {
  if (isBlank(cell)) return null;
  const error = cellErrorText(cell);
  if (error !== undefined) return error;
  if (cell instanceof Date || (kind === 'date' && typeof cell === 'number')) {
    const decoded = decodeDate(cell, FAR_FUTURE);
    return decoded.ok ? { day: decoded.value } : cell;
  }
  if (kind === 'amount') {
    const decoded = decodeAmount(cell);
    return decoded.ok ? { amount: decoded.value } : cell;
  }
  return cell;
}

/** A grid's meaning: header-aware for ledger columns, trailing blanks trimmed, `skip` columns dropped. */
export function gridMeaning(grid: Grid | undefined, skipHeaders: readonly string[] = []): unknown[][] {
  const header = grid?.[0] ?? [];
  const kinds = header.map((h) => KIND_BY_HEADER.get(normalizeHeader(h)));
  const skip = new Set(header.map((h, i) => (skipHeaders.includes(normalizeHeader(h)) ? i : -1)).filter((i) => i >= 0));
  const rows = (grid ?? []).map((row) => {
    const out = (row ?? []).map((cell, i) => (skip.has(i) ? null : meaning(cell, kinds[i])));
    while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === undefined)) out.pop();
    return out;
  });
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
  return rows;
}

const STAFF_TABS = (seed: Map<string, Cell[][]>) => [...seed.keys()].filter((n) => ![CHECK_RESULTS_TAB.name, SEND_LOG_TAB.name].includes(n));

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name}: LedgerStore contract`, () => {
    let fixture: StoreFixture | undefined;
    const open = async (seed = bookTabs(contractBook())) => {
      fixture = await makeStore(seed);
      return { fixture, seed };
    };
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    it('when a ledger is read, then every tab comes back in tab order with what each cell means', async () => {
      const { fixture, seed } = await open();
      const session = await fixture.store.open();
      const { tabs } = await session.read();
      await session.close();
      expect([...tabs.keys()].filter((n) => seed.has(n))).toEqual([...seed.keys()]);
      for (const [tab, grid] of seed) expect(gridMeaning(tabs.get(tab)), tab).toEqual(gridMeaning(grid));
    });

    it('when system tabs are written twice, the second shorter and narrower, then no stale row or column is left', async () => {
      const { fixture } = await open();
      const header = CHECK_RESULTS_TAB.columns.map((c) => c.header);
      const long: Cell[][] = [header, ...Array.from({ length: 6 }, (_, i) => ['温县', `P-${i}`, `A${i + 2}`, '项目编号', 'x', '问题', '错误', '2026-06-30 10:00'])];
      const first = await fixture.store.open();
      await first.write({ systemTabs: new Map([[CHECK_RESULTS_TAB.name, long]]), checks: new Map() });
      await first.close();
      const short: Cell[][] = [header.slice(0, 3), ['孟州', 'MZ-1', 1.5], [null, true, 'z']];
      const second = await fixture.store.open();
      await second.write({ systemTabs: new Map([[CHECK_RESULTS_TAB.name, short]]), checks: new Map() });
      await second.close();
      const third = await fixture.store.open();
      const { tabs } = await third.read();
      await third.close();
      expect(gridMeaning(tabs.get(CHECK_RESULTS_TAB.name))).toEqual(gridMeaning(short));
    });

    it('when a system tab does not exist yet, then write creates it', async () => {
      const { fixture, seed } = await open();
      expect(seed.has(RANKING_TAB_NAME)).toBe(false);
      const ranking: Cell[][] = [['月份', '单位名称', '总分'], ['2026-06', '温县', 88.5]];
      const session = await fixture.store.open();
      await session.write({ systemTabs: new Map([[RANKING_TAB_NAME, ranking]]), checks: new Map() });
      await session.close();
      const next = await fixture.store.open();
      const { tabs } = await next.read();
      await next.close();
      expect(gridMeaning(tabs.get(RANKING_TAB_NAME))).toEqual(gridMeaning(ranking));
    });

    it('when text looks like a formula, a number or a date, then it is written as text and reads back identical', async () => {
      const { fixture } = await open();
      const texts = ['=1+1', '+86 138', '@x', '-5 个', '=SUM(A:A)', '00123', '2026-06-01', 'TRUE', ' 前后空格 '];
      const grid: Cell[][] = [['说明'], ...texts.map((t) => [t])];
      const session = await fixture.store.open();
      await session.write({ systemTabs: new Map([[RANKING_TAB_NAME, grid]]), checks: new Map() });
      await session.close();
      const next = await fixture.store.open();
      const { tabs } = await next.read();
      await next.close();
      expect(tabs.get(RANKING_TAB_NAME)?.slice(1).map((row) => row?.[0])).toEqual(texts);
    });

    it('when a run writes its results, then every staff cell except the 校验 column is unchanged', async () => {
      const { fixture, seed } = await open();
      const before = new Map<string, unknown[][]>();
      for (const tab of STAFF_TABS(seed)) before.set(tab, gridMeaning(await fixture.readStaffTab(tab), [CHECK_HEADER]));
      const session = await fixture.store.open();
      const { tabs } = await session.read();
      const outcome = checkBook(tabs, CONTRACT_NOW);
      expect(outcome.structure).toEqual([]);
      expect(outcome.findings.length).toBeGreaterThan(0);
      await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
      await session.close();
      for (const tab of STAFF_TABS(seed)) {
        expect(gridMeaning(await fixture.readStaffTab(tab), [CHECK_HEADER]), tab).toEqual(before.get(tab));
      }
      const next = await fixture.store.open();
      const after = await next.read();
      await next.close();
      expect(gridMeaning(after.tabs.get(CHECK_RESULTS_TAB.name))).toEqual(gridMeaning(outcome.writes.get(CHECK_RESULTS_TAB.name)));
    });

    it('when send-log rows are appended, then after close they follow the earlier rows and the next session reads them', async () => {
      const { fixture, seed } = await open();
      const row = (i: number): Cell[] => ['2026-06', '月报', `u${i}@x.cn`, '已发送', `<m${i}@ledger>`, '2026-06-30 10:00', null];
      const session = await fixture.store.open();
      await session.read();
      await session.appendSendLog([row(1), row(2)]);
      await session.appendSendLog(Array.from({ length: 11 }, (_, i) => row(i + 3)));
      await session.appendSendLog([row(14)]);
      await session.close();
      const next = await fixture.store.open();
      const { tabs } = await next.read();
      await next.close();
      const expected = [...(seed.get(SEND_LOG_TAB.name) ?? []), ...Array.from({ length: 14 }, (_, i) => row(i + 1))];
      expect(gridMeaning(tabs.get(SEND_LOG_TAB.name))).toEqual(gridMeaning(expected));
    });

    it('when send-log rows are appended without reading first, then they still go after the last row', async () => {
      const { fixture, seed } = await open();
      const session = await fixture.store.open();
      await session.appendSendLog([['2026-06', '周报', 'x@y.cn', '已发送', '<w1@ledger>', '2026-06-30 10:00', null]]);
      await session.close();
      const next = await fixture.store.open();
      const { tabs } = await next.read();
      await next.close();
      expect(gridMeaning(tabs.get(SEND_LOG_TAB.name))).toHaveLength((seed.get(SEND_LOG_TAB.name)?.length ?? 0) + 1);
    });

    it('when close is called twice, then the second call is harmless', async () => {
      const { fixture } = await open();
      const session = await fixture.store.open();
      await session.read();
      await session.appendSendLog([['2026-06', '月报', 'a@b.cn', '已发送', '<m9@ledger>', '2026-06-30 10:00', null]]);
      await session.close();
      await expect(session.close()).resolves.toBeUndefined();
    });
  });
}
