import { describe, expect, it } from 'vitest';
import { renderMonthReports } from '../../templates/index.js';
import { annualModel, quarterlyModel } from '../../templates/model/index.js';
import { assessMonth, bookTabs } from '../../functions/core/index.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';
import { monthOf } from './support/run.js';

const months = Array.from({ length: 12 }, (_, i) => i + 1);

describe('which reports a month brings', () => {
  it.each(months)('when month %d is rendered, then the 季度讲评 comes only at a quarter end and the 年度总评 only in December', async (month) => {
    const { outcome, now } = monthOf(WORKED_EXAMPLE, month);
    const kinds = (await renderMonthReports(outcome, now)).map((r) => r.kind);
    expect(kinds.filter((k) => k === '月度通报')).toHaveLength(1);
    expect(kinds.filter((k) => k === '单位月报')).toHaveLength(3);
    expect(kinds.includes('季度讲评')).toBe(month % 3 === 0);
    expect(kinds.includes('年度总评')).toBe(month === 12);
  });

  it('when the builders are asked outside their months, then they return nothing', () => {
    const { outcome } = monthOf(WORKED_EXAMPLE, 5);
    expect(quarterlyModel(outcome, [], new Date())).toBeUndefined();
    expect(annualModel(outcome, [], new Date())).toBeUndefined();
  });

  it('when December is rendered, then the 年度总评 gives 等次, final scores and each unit’s months', async () => {
    const { outcome, now } = monthOf(WORKED_EXAMPLE, 12);
    const annual = (await renderMonthReports(outcome, now)).find((r) => r.kind === '年度总评');
    expect(annual?.subject).toBe('示例市招商引资工作年度总评（2026年度）');
    expect(annual?.text).toMatch(/优秀 \d+ 个，良好 \d+ 个，一般 \d+ 个，较差 \d+ 个/);
    // The worked example's 排名 holds May only; December is this run's.
    expect(annual?.text).toContain('1. 乙县  62.00 分  一般  各月排名 -、-、-、-、2、-、-、-、-、-、-、1  ↑1');
  });

  it('when the workbook cannot be used, then no report is rendered', async () => {
    const tabs = bookTabs(WORKED_EXAMPLE);
    tabs.delete('台账-丙区');
    const outcome = assessMonth(tabs, { year: 2026, month: 6 }, WORKED_EXAMPLE_NOW);
    expect(outcome.structure.length).toBeGreaterThan(0);
    expect(await renderMonthReports(outcome, WORKED_EXAMPLE_NOW)).toEqual([]);
  });
});
