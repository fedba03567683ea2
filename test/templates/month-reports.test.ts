import { describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../functions/core/index.js';
import { renderMonthReports, type RenderedReport } from '../../templates/index.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { between, monthOf, readWorkbook } from './support/run.js';

const june = monthOf(WORKED_EXAMPLE, 6);
const reports = await renderMonthReports(june.outcome, june.now);
const byKey = (key: string): RenderedReport => {
  const found = reports.find((r) => r.key === key);
  if (!found) throw new Error(`no report ${key}`);
  return found;
};

describe('the reports of the worked example, June 2026', () => {
  it('when June is rendered, then there is a bulletin, a report per unit and the quarterly review', () => {
    expect(reports.map((r) => r.key)).toEqual(['月度通报', '单位月报:甲县', '单位月报:乙县', '单位月报:丙区', '季度讲评']);
  });

  it.each([
    ['月度通报', '示例市招商引资工作月度通报（2026年6月）'],
    ['单位月报:甲县', '甲县招商引资工作考核月报（2026年6月）：总分 45.00，县市组第 2 名'],
    ['单位月报:丙区', '丙区招商引资工作考核月报（2026年6月）：总分 18.01，城区组第 1 名'],
    ['季度讲评', '示例市招商引资工作季度讲评（2026年第二季度）'],
  ])('when %s is rendered, then its subject is %s', (key, subject) => {
    expect(byKey(key).subject).toBe(subject);
  });

  it('when a unit report is addressed, then it goes to the unit’s 负责人 and 联络员', () => {
    expect(byKey('单位月报:乙县').to).toEqual(['yi-leader@example.gov.cn', 'yi@example.gov.cn']);
  });

  it('when the city lists 通报收件人, then the bulletin and the quarterly review go to them', () => {
    const leaders = june.outcome.admin.settings.bulletinTo;
    expect(byKey('月度通报').to).toEqual(leaders);
    expect(byKey('季度讲评').to).toEqual(leaders);
  });

  it('when the city has no 通报收件人, then the bulletin is still rendered with nobody to send to', async () => {
    const silent = monthOf({ ...WORKED_EXAMPLE, settings: { ...WORKED_EXAMPLE.settings, 通报收件人: '' } }, 6);
    const [bulletin] = await renderMonthReports(silent.outcome, silent.now);
    expect(bulletin?.kind).toBe('月度通报');
    expect(bulletin?.to).toEqual([]);
    expect(bulletin?.html).toContain('二、考核排名');
  });

  it('when the bulletin ranks 县市组, then 乙县 comes before 甲县 with the arrows of 较上月', () => {
    const ranking = between(byKey('月度通报').html, '二、考核排名', '三、');
    expect(ranking.indexOf('>乙县<')).toBeGreaterThan(0);
    expect(ranking.indexOf('>乙县<')).toBeLessThan(ranking.indexOf('>甲县<'));
    expect(ranking).toContain('↑1');
    expect(ranking).toContain('↓1');
  });

  it('when the bulletin sums the city, then 到位资金 is in 亿元 against target and 序时进度', () => {
    const { html, text } = byKey('月度通报');
    expect(text).toContain('全市到位资金 1.65 亿元，完成年度目标的 43.4%，低于序时 6.6 个百分点');
    expect(html).toContain('年度目标 3.80 亿元');
  });

  it('when the bulletin names top and bottom, then the bottom unit’s lost points are given', () => {
    expect(byKey('月度通报').text).toContain('县市组末位 甲县：总分 45.00，较上月下降 1 位；主要失分：履约率 30.00 分、到位资金 16.00 分');
  });

  it('when a unit lost points, then its report shows each indicator’s score, maximum and loss', () => {
    const { text } = byKey('单位月报:甲县');
    expect(text).toContain('到位资金：得分 32.00 / 满分 48.00，失分 16.00');
    expect(text).toContain('超期未开工：得分 -2.00，失分 2.00');
    expect(text).toContain('县市组第 2 名（共 2 个单位），较上月下降 1 位');
  });

  it('when a row has 错误, then the unit report lists it with the cell to fix and why', () => {
    const { html, text } = byKey('单位月报:丙区');
    expect(text).toContain('医疗器械项目（BQ-3，第 4 行）');
    expect(text).toContain('台账-丙区!K4 签约日期 填报值“2026-02-30”：日历上没有这一天');
    expect(html).toContain('台账-丙区!K4');
  });

  it('when a unit has warnings, then its report lists them and another unit’s report does not', () => {
    expect(byKey('单位月报:甲县').text).toContain('[红] 超期未开工 精密轴承项目（JX-2）');
    expect(byKey('单位月报:乙县').text).toContain('本月无预警。');
  });

  it('when any report is rendered, then its subject is one line and its HTML is a complete page under 100 KB', () => {
    for (const r of reports) {
      expect(r.subject).not.toMatch(/[\r\n]/);
      expect(r.html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(r.html.endsWith('</html>')).toBe(true);
      expect(Buffer.byteLength(r.html)).toBeLessThan(100 * 1024);
      expect(r.html).not.toMatch(/<svg|<img|display:\s*(flex|grid)|<link|<script/i);
      expect(r.text.length).toBeGreaterThan(100);
    }
  });

  it('when the bulletin workbook is opened, then 排名 has a frozen styled header and ranks in order', async () => {
    const attachment = byKey('月度通报').attachments[0];
    expect(attachment?.filename).toBe('示例市招商引资月度通报-2026-06.xlsx');
    const wb = await readWorkbook(attachment?.content ?? Buffer.alloc(0));
    const ws = wb.getWorksheet('排名');
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.getCell('A1').font?.bold).toBe(true);
    expect(ws?.getRow(1).values).toEqual(expect.arrayContaining(['考核组别', '组内排名', '单位名称', '到位资金', '总分', '较上月', '等次']));
    expect([2, 3, 4].map((r) => ws?.getCell(`D${r}`).value)).toEqual(['乙县', '甲县', '丙区']);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '到位资金序时进度', '得分明细', '预警', '未计入考核的项目']);
  });

  it('when money is written to the workbook, then it is a number with a 亿元 or 万元 format', async () => {
    const wb = await readWorkbook(byKey('月度通报').attachments[0]?.content ?? Buffer.alloc(0));
    const pace = wb.getWorksheet('到位资金序时进度');
    expect(pace?.getCell('C2').numFmt).toBe('#,##0.00"亿元"');
    expect(typeof pace?.getCell('C2').value).toBe('number');
    const conditional = (wb.getWorksheet('预警') as unknown as { conditionalFormattings: { rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(conditional.flatMap((c) => c.rules.flatMap((r) => r.formulae ?? []))).toEqual(expect.arrayContaining(['"红"', '"黄"']));
  });

  it('when 周报记录 shows a missed week in June, then the data-quality summary names the unit and the count', async () => {
    const weekly = [
      { deadline: new Date('2026-06-05T09:00:00Z'), unit: '甲县', onTime: false, updated: 1, due: 3 },
      { deadline: new Date('2026-06-12T09:00:00Z'), unit: '甲县', onTime: true, updated: 3, due: 3 },
      { deadline: new Date('2026-06-12T09:00:00Z'), unit: '乙县', onTime: true, updated: 3, due: 3 },
    ].map((r) => ({ ...r, deadlineDay: shanghaiToday(r.deadline) }));
    const [bulletin] = await renderMonthReports(june.outcome, june.now, { weekly });
    expect(bulletin?.text).toContain('甲县：未计入考核项目 0 个；周上报 本月漏报 1 周');
    expect(bulletin?.text).toContain('丙区：未计入考核项目 1 个；周上报 —');
    expect(bulletin?.text).not.toContain('乙县：未计入考核项目');
  });
});
