import { describe, expect, it } from 'vitest';
import { applyRollover, cellText, normalizeHeader, planRollover, readSnapshot, SNAPSHOT_HEADERS, type Cell } from '../../functions/core/index.js';
import { DECEMBER_NOW, USER_TAB, WEN_ROWS, ZONE_ROWS, decemberHeader, decemberTabs } from '../support/december.js';

const old = decemberTabs();
const plan = planRollover({ tabs: old, toYear: 2027, now: DECEMBER_NOW });
const next = applyRollover(old, plan);
const header = decemberHeader();
const col = (name: string) => header.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
const rowOf = (tab: string, id: string) => (next.get(tab) ?? []).find((r) => r[col('项目编号')] === id) ?? [];
const MONEY = ['上年末累计到位(万元)', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月到位(万元)`)];

describe('planRollover: the unit tabs', () => {
  it('when a December ledger is rolled over, then it is planned without problems and counted unit by unit', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.units).toEqual([
      { unit: '温县', tab: '台账-温县', carried: 7, dropped: 2, withErrors: 2, unreadable: 1 },
      { unit: '示范区', tab: '台账-示范区', carried: 2, dropped: 2, withErrors: 0, unreadable: 0 },
    ]);
    expect(plan.note).toBe('由 2026 年度台账结转：2 个单位，结转 9 行（其中带错误 2 行），删除已终止 4 行；1 行金额无法识别，原样保留，请手工处理');
  });

  it('when 终止 rows are dropped (with or without 错误), then every other row keeps its order, the note row too', () => {
    expect(next.get('台账-温县')?.slice(1).map((r) => cellText(r[col('项目编号')]) || cellText(r[col('内部备注')]))).toEqual(['W-1', 'W-3', 'W-4', 'W-5', 'W-6', '以下为下半年新增项目', 'W-8']);
    expect(next.get('台账-示范区')?.slice(1).map((r) => r[col('项目编号')])).toEqual(['S-1', 'S-2']);
  });

  it.each([
    ['W-1', 13000], ['W-3', 500], ['W-4', 100], ['W-6', null], ['W-8', 20000], ['S-1', 21500.75], ['S-2', null],
  ] as const)('when %s is carried, then 上年末累计到位 = old + Σ 1–12月到位 in the row\'s currency (%s)', (id, expected) => {
    const tab = id.startsWith('W') ? '台账-温县' : '台账-示范区';
    const row = rowOf(tab, id);
    expect(row[col('上年末累计到位(万元)')] ?? null).toBe(expected);
    for (const month of MONEY.slice(1)) expect(row[col(month)] ?? null).toBeNull();
    expect(row[col('校验')] ?? null).toBeNull();
  });

  it('when a row has an amount that cannot be read, then its amounts are carried exactly as typed and it is listed', () => {
    const row = rowOf('台账-温县', 'W-5');
    const typed = WEN_ROWS.find((r) => r['项目编号'] === 'W-5') ?? {};
    for (const h of MONEY) expect(row[col(h)] ?? null).toEqual(typed[h] ?? null);
    expect(plan.unreadable).toEqual([{ unit: '温县', tab: '台账-温县', id: 'W-5', row: 5, cells: [`${String.fromCharCode(65 + col('4月到位(万元)'))}5 4月到位(万元)“约300”：无法识别为金额`] }]);
  });

  it('when rows are carried, then every cell but 上年末累计到位, 1–12月到位 and 校验 is exactly the original (type included)', () => {
    const changing = new Set([...MONEY, '校验'].map(normalizeHeader));
    for (const [tab, rows] of [['台账-温县', WEN_ROWS], ['台账-示范区', ZONE_ROWS]] as const) {
      const carried = rows.filter((r) => r['项目阶段'] !== '终止');
      const grid = next.get(tab) ?? [];
      expect(grid[0]).toEqual(header);
      carried.forEach((typed, i) => {
        header.forEach((h, c) => {
          if (changing.has(normalizeHeader(h)) && typed['项目编号'] !== 'W-5') return;
          if (normalizeHeader(h) === '校验') return;
          expect(grid[i + 1]?.[c] ?? null, `${tab} ${String(typed['项目编号'])} ${h}`).toEqual(typed[h] ?? null);
        });
      });
    }
    expect(rowOf('台账-温县', 'W-1')[col('签约日期')]).toBeInstanceOf(Date);
    expect(rowOf('台账-温县', 'W-8')[col('签约日期')]).toBe('2025年3月1日');
  });
});

describe('planRollover: the other tabs', () => {
  it('when rolled over, then 参数.年度 is the new year and 单位, 考评办法 and the user\'s own tab are carried as they are', () => {
    expect(next.get('参数')?.find((r) => r[0] === '年度')).toEqual(['年度', 2027]);
    for (const tab of ['单位', '考评办法', '会议纪要']) expect(next.get(tab)).toEqual(old.get(tab));
    expect(next.get('会议纪要')).toEqual(USER_TAB);
  });

  it('when rolled over, then 目标任务 has every unit and indicator column with blank targets, and 加减分 is empty', () => {
    expect(next.get('目标任务')).toEqual([
      ['单位名称', '到位资金', '签约项目数', '签约金额', '开工项目数'],
      ['温县', null, null, null, null],
      ['示范区', null, null, null, null],
    ]);
    expect(next.get('加减分')).toEqual([old.get('加减分')?.[0]]);
  });

  it('when rolled over, then every system tab is its header alone, but 快照 holds the carried projects and 运行记录 one 年度结转 row', () => {
    for (const tab of ['校验结果', '排名', '得分明细', '预警', '周报记录', '变更记录', '发送记录']) expect(next.get(tab)?.length, tab).toBe(1);
    expect(next.get('运行记录')?.slice(1)).toEqual([['年度结转:2027#1', '年度结转', '2026-12-31 17:00', '2026-12-31 17:00', '完成', plan.note]]);
    const snapshot = readSnapshot(next.get('快照'));
    expect(snapshot.map((r) => `${r.unit} ${r.id} ${r.stage}`)).toEqual([
      '温县 W-1 开工', '温县 W-3 签约', '温县 W-4 签约', '温县 W-5 开工', '温县 W-6 线索', '温县 W-8 达效', '示范区 S-1 达效', '示范区 S-2 洽谈',
    ]);
    const w1 = JSON.parse(snapshot[0]?.json ?? '[]') as string[];
    // 内容 is the carried row, so the first run of 2027 records no change the rollover made.
    expect([w1[0], w1[SNAPSHOT_HEADERS.indexOf('上年末累计到位(万元)')]]).toEqual(['W-1', '13000']);
  });

  it.each([
    ['a year that is not the next one', 2028, /只能结转到 2027 年，而 --year 是 2028/],
    ['the same year', 2026, /请改为 --year 2027/],
  ])('when asked for %s, then it refuses and says which year works', (_name, year, message) => {
    const refused = planRollover({ tabs: old, toYear: year, now: DECEMBER_NOW });
    expect(refused.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(refused.edits).toEqual([]);
  });

  it('when a unit tab lost its 项目阶段 header, then it refuses with the tab and the column to restore', () => {
    const broken = decemberTabs();
    const grid = broken.get('台账-温县') as Cell[][];
    grid[0] = grid[0]!.map((h) => (h === '项目阶段' ? '阶段' : h));
    expect(planRollover({ tabs: broken, toYear: 2027, now: DECEMBER_NOW }).problems.map((p) => p.message)).toEqual([
      '“台账-温县”页第 1 行缺少“项目阶段”列：请把被改名或删除的表头恢复为“项目阶段”（列的位置可以调整）。',
    ]);
  });
});

describe('planRollover: rows that are not projects', () => {
  it('when a row holds nothing but last year\'s 校验 text, then it is not counted and the text is cleared', () => {
    const tabs = decemberTabs();
    const grid = tabs.get('台账-示范区') as Cell[][];
    const stale: Cell[] = header.map((h) => (h === '校验' ? '✗ 1 处错误' : null));
    grid.push(stale);
    const planned = planRollover({ tabs, now: DECEMBER_NOW });
    expect(planned.units[1]).toEqual({ unit: '示范区', tab: '台账-示范区', carried: 2, dropped: 2, withErrors: 0, unreadable: 0 });
    const rolled = applyRollover(tabs, planned).get('台账-示范区') ?? [];
    expect(rolled.slice(1).map((r) => r[col('项目编号')] ?? null)).toEqual(['S-1', 'S-2', null]);
    expect(rolled[3]?.[col('校验')] ?? null).toBeNull();
  });
});
