import { describe, expect, it } from 'vitest';
import { bookTabs, checkBook, parseAdmin, projectTexts, readLedger, snapshotJson } from '../../functions/core/index.js';
import { city, goodRow } from '../support/city.js';

const NOW = new Date('2026-06-29T02:00:00Z');

describe('a checked ledger lets go of its row cells', () => {
  const tabs = bookTabs(city({ 温县: [goodRow(), goodRow({ 项目编号: 'P-2', 项目名称: '乙', '总投资(万元)': '1.2亿' })] }));

  it('when checkBook has taken the 快照, then its projects hold no cells and the 快照 is what the cells gave', () => {
    const checked = checkBook(tabs, NOW);
    const read = readLedger({ tabs, admin: parseAdmin(tabs), now: NOW });
    expect(checked.ledger.projects.map((p) => p.cells.length)).toEqual([0, 0]);
    expect(checked.writes.get('快照')?.slice(1).map((r) => r[3])).toEqual(read.projects.map(snapshotJson));
    // Everything but the cells is as read.
    expect(checked.ledger.projects.map(({ cells: _, ...rest }) => rest)).toEqual(read.projects.map(({ cells: _, ...rest }) => rest));
  });

  it('when a released project is asked for its texts, then it throws rather than give an empty row', () => {
    const [project] = checkBook(tabs, NOW).ledger.projects;
    expect(() => projectTexts(project!)).toThrow(/released/);
  });
});
