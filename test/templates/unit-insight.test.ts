import { describe, expect, it } from 'vitest';
import { assessMonth, bookTabs, type BookDef } from '../../functions/core/index.js';
import { renderMonthReports, type RenderedReport } from '../../templates/index.js';
import { NOW, goodRow } from '../support/city.js';

// 修武县 has one good row and two rows with 错误 holding 30,000 + 37,502 万元 of 到位资金, both signed in February.
const book: BookDef = {
  settings: { 年度: 2026, 城市: '测试市' },
  units: [{ name: '修武县', group: '县市组' }, { name: '温县', group: '县市组' }, { name: '解放区', group: '城区组' }],
  method: [
    ['到位资金', '到位资金', '目标完成率', 30, '120%', '', ''],
    ['签约项目数', '签约项目数', '相对值', 10, '', '', ''],
    ['投产项目数', '投产项目数', '相对值', 5, '', '县市组', ''],
    ['重点企业签约', '重点企业签约数', '每项加分', 1, 3, '', ''],
  ],
  targets: { 修武县: { 到位资金: 100_000 }, 温县: { 到位资金: 100_000 }, 解放区: { 到位资金: 50_000 } },
  ledgers: {
    修武县: [
      goodRow({ 项目编号: 'X-1' }),
      goodRow({ 项目编号: 'X-2', 产业链: '房地产', '总投资(万元)': 60_000, '合同投资额(万元)': 50_000, '1月到位(万元)': 30_000 }),
      goodRow({ 项目编号: 'X-3', '总投资(万元)': 30_000, '合同投资额(万元)': 40_000, '1月到位(万元)': 37_502 }),
    ],
    温县: [goodRow({ 项目编号: 'W-1', '1月到位(万元)': 80_000, '合同投资额(万元)': 90_000, '总投资(万元)': 90_000 }), goodRow({ 项目编号: 'W-2' })],
    解放区: [goodRow({ 项目编号: 'J-1' })],
  },
};

const reports = await renderMonthReports(assessMonth(bookTabs(book), { year: 2026, month: 6 }, NOW), NOW);
const reportOf = (unit: string): RenderedReport => {
  const found = reports.find((r) => r.key === `单位月报:${unit}`);
  if (!found) throw new Error(`no report for ${unit}`);
  return found;
};

describe('the 单位月报 answers what a leader asks next', () => {
  it.each(['html', 'text'] as const)('when two rows with 错误 hold money and signings, then the %s says what correcting them adds', (part) => {
    expect(reportOf('修武县')[part]).toContain('若更正以下 2 行，到位资金将增加 67,502 万元、签约项目数将增加 2 个。');
  });

  it('when a unit has no rows left out, then no cost sentence is printed', () => {
    expect(reportOf('温县').text).not.toContain('若更正');
  });

  it('when another unit leads the group on an indicator, then the line names the best score and who has it', () => {
    const text = reportOf('修武县').text;
    expect(text).toMatch(/到位资金：得分 [\d.]+ \/ 满分 36\.00，.*组内最高 36\.00（温县）/);
    expect(text).toMatch(/签约项目数：.*组内最高 10\.00（温县）/);
  });

  it('when the unit itself leads, then the line says so', () => {
    expect(reportOf('温县').text).toMatch(/到位资金：.*组内最高 36\.00（本单位）/);
  });

  it('when an indicator can give more than its 分值, then the line explains the 120% cap', () => {
    expect(reportOf('修武县').text).toContain('分值 30 分，超额完成最多得 36 分（封顶 120%）');
  });

  it.each([
    ['修武县', '满分合计 54 分：各项分值合计 45 分，目标任务超额完成最多可多得 6 分，加分项最多 3 分；失分'],
    ['解放区', '满分合计 49 分：各项分值合计 40 分，目标任务超额完成最多可多得 6 分，加分项最多 3 分；城区组不考核投产项目数；失分'],
  ])('when %s’s maxima are summed, then the summary says where they come from', (unit, summary) => {
    expect(reportOf(unit).text).toContain(summary);
  });
});
