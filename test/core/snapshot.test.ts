import { describe, expect, it } from 'vitest';
import { bookTabs, checkBook, type Cell } from '../../functions/core/index.js';
import { city, goodRow } from '../support/city.js';

const FIRST = new Date('2026-06-29T02:00:00Z');
const SECOND = new Date('2026-06-30T02:00:00Z');

describe('快照 and 变更记录', () => {
  const rows = [goodRow(), goodRow({ 项目编号: 'P-2', 项目名称: '乙' }), goodRow({ 项目编号: 'P-3', 项目名称: '丙' })];
  const tabs = bookTabs(city({ 温县: rows }));
  const first = checkBook(tabs, FIRST);

  it('when the first run records the ledger, then every project is in 快照 and nothing is logged as changed', () => {
    expect(first.writes.get('快照')?.slice(1).map((r) => [r[1], r[4]])).toEqual([['P-1', '2026-06-29 10:00'], ['P-2', '2026-06-29 10:00'], ['P-3', '2026-06-29 10:00']]);
    expect(first.changes).toEqual([]);
  });

  it('when one field changes, a project is added and one removed, then 变更记录 says so and unchanged rows keep their place and time', () => {
    const next = bookTabs(city({ 温县: [goodRow({ 项目编号: 'P-4', 项目名称: '丁' }), rows[0]!, { ...rows[2]!, 进展情况: '已封顶' }] }));
    next.set('快照', first.writes.get('快照') as Cell[][]);
    next.set('变更记录', first.writes.get('变更记录') as Cell[][]);
    const second = checkBook(next, SECOND);
    expect(second.writes.get('快照')?.slice(1).map((r) => [r[1], r[4]])).toEqual([
      ['P-1', '2026-06-29 10:00'], ['P-3', '2026-06-30 10:00'], ['P-4', '2026-06-30 10:00'],
    ]);
    expect(second.writes.get('变更记录')?.slice(1)).toEqual([
      ['2026-06-30 10:00', '温县', 'P-4', '（新增项目）', null, '丁'],
      ['2026-06-30 10:00', '温县', 'P-3', '进展情况', '主体施工', '已封顶'],
      ['2026-06-30 10:00', '温县', 'P-2', '（删除项目）', '乙', null],
    ]);
  });
});
