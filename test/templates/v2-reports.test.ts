import { describe, expect, it } from 'vitest';
import { assessMonth, bookTabs } from '../../functions/core/index.js';
import { renderMonthReports, type RenderedReport } from '../../templates/index.js';
import { WORKED_EXAMPLE_V2, WORKED_EXAMPLE_V2_NOW } from '../core/worked-example-v2.js';

const render = async (settings: Record<string, string> = {}) => {
  const def = { ...WORKED_EXAMPLE_V2, settings: { ...WORKED_EXAMPLE_V2.settings, ...settings } };
  const outcome = assessMonth(bookTabs(def), { year: 2026, month: 6 }, WORKED_EXAMPLE_V2_NOW);
  return renderMonthReports(outcome, WORKED_EXAMPLE_V2_NOW);
};
const report = (reports: readonly RenderedReport[], key: string): RenderedReport => {
  const found = reports.find((r) => r.key === key);
  if (!found) throw new Error(`no report ${key}`);
  return found;
};

describe('reports of the v2 worked example (June 2026)', () => {
  it('when 甲县 has a 降一档, then its 单位月报 names the 事由 next to the 等次, in text and HTML', async () => {
    const unit = report(await render(), '单位月报:甲县');
    expect(unit.text).toContain('等次：一般（降一档：重点项目推进不力,被省通报）');
    expect(unit.html).toContain('（降一档：重点项目推进不力,被省通报）');
    expect(unit.text).toContain('5月 降一档 重点项目推进不力,被省通报');
  });

  it('when indicators are scored by 功效系数, 分档 and 排名计分, then the 单位月报 shows each 说明', async () => {
    const unit = report(await render(), '单位月报:乙县');
    expect(unit.text).toContain('签约项目数 3 个，落在 3 档，得 10 分');
    expect(unit.text).toContain('全市第 2 名，5 − 1 × 2 = 3');
    expect(unit.text).toContain('计分：完成率 125.0%，封顶 120.0%，20 × 120.0% = 24');
  });

  it('when an override changed a 等次, then the 月度通报 ranking shows that 等次 and only that one', async () => {
    const bulletin = report(await render(), '月度通报');
    expect(bulletin.html).toContain('等次 一般（降一档：重点项目推进不力,被省通报）');
    expect(bulletin.html).not.toContain('等次 优秀（');
  });

  it('when 仅计认定项目 is 是, then the 单位月报 lists the rows not recognised as 未认定、未计入', async () => {
    const unit = report(await render({ 仅计认定项目: '是' }), '单位月报:甲县');
    expect(unit.text).toContain('未认定、未计入（1 个，认定后自动计入）：J3项目（J3）');
  });

  it('when an indicator has its own 序时进度, then the 单位月报 measures its pace against it, not 参数.序时进度', async () => {
    const unit = report(await render(), '单位月报:乙县');
    // 省外资金's own 序时进度 in June is 40% (参数 default 50%): 2,000 of 4,000 is 10 points ahead.
    expect(unit.text).toContain('省外资金：2,000 万元 / 年度目标 4,000 万元，完成 50.0%，序时进度 40.0%，超序时 10.0 个百分点');
  });
});
