import { describe, expect, it } from 'vitest';
import { RANKING_TAB_NAME } from '../../functions/core/index.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { readRankingHistory, rowAt } from '../../templates/model/index.js';
import { monthOf } from './support/run.js';

describe('reading 排名 back as history', () => {
  it('when June is assessed, then May and June are both in the history with 总分 and ranks', () => {
    const { outcome } = monthOf(WORKED_EXAMPLE, 6);
    const history = readRankingHistory(outcome.writes.get(RANKING_TAB_NAME));
    expect(history.map((r) => `${r.month} ${r.unit} ${r.total} ${r.groupRank} ${r.cityRank}`)).toEqual([
      '2026-05 甲县 60 1 1', '2026-05 乙县 50 2 3', '2026-05 丙区 55 1 2',
      '2026-06 乙县 94.5 1 1', '2026-06 甲县 45 2 2', '2026-06 丙区 18.01 1 3',
    ]);
    expect(rowAt(history, '丙区', { year: 2026, month: 6 })?.scores.get('到位资金')).toBe(20.01);
  });

  it('when rows are blank, unreadable or typed as text, then blank ones are skipped and text numbers read', () => {
    const history = readRankingHistory([
      ['月份', '单位名称', '考核组别', '到位资金', '加减分', '总分', '组内排名', '全市排名', '较上月', '等次', '计算时间'],
      ['2026-04', '甲县', '县市组', '12.5', '0', '80.25', '1', '1', '', '良好', ''],
      ['不是月份', '乙县', '县市组', 1, 0, 1, 1, 1, null, '', ''],
      [],
      [new Date(Date.UTC(2026, 2, 1)), '乙县', '县市组', null, 0, 70, 2, 2, -1, '一般', ''],
    ]);
    expect(history.map((r) => [r.month, r.unit, r.total, r.groupRank, r.change, r.scores.get('到位资金')])).toEqual([
      ['2026-03', '乙县', 70, 2, -1, undefined],
      ['2026-04', '甲县', 80.25, 1, undefined, 12.5],
    ]);
  });

  it('when there is no 排名 tab, then the history is empty', () => {
    expect(readRankingHistory(undefined)).toEqual([]);
  });
});
