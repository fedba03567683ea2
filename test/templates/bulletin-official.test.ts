import { describe, expect, it } from 'vitest';
import { renderMonthReports, type RenderedReport } from '../../templates/index.js';
import { unitLight } from '../../templates/model/light.js';
import { COLOR } from '../../templates/html/theme.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { between, monthOf } from './support/run.js';

async function bulletinOf(settings: Record<string, string | number> = {}): Promise<RenderedReport> {
  const june = monthOf({ ...WORKED_EXAMPLE, settings: { ...WORKED_EXAMPLE.settings, ...settings } }, 6);
  const reports = await renderMonthReports(june.outcome, june.now);
  const bulletin = reports.find((r) => r.kind === '月度通报');
  if (!bulletin) throw new Error('no bulletin');
  return bulletin;
}

const plain = await bulletinOf();
// Bars are nested tables: take them out so a row ends at its own </tr>.
const ranking = between(plain.html, '二、考核排名', '三、').replace(/<table class="b".*?<\/table>/g, '');
/** The cells of the ranking row of a unit, tags stripped. */
const rowOf = (html: string, unit: string): string[] => {
  const start = html.lastIndexOf('<tr', html.indexOf(`>${unit}<`));
  const row = html.slice(start, html.indexOf('</tr>', start));
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
};

describe('the 月度通报 as leaders read it', () => {
  it('when the ranking is shown, then its table has 全市 and 等次 columns', () => {
    expect(ranking).toContain('>全市</th>');
    expect(ranking).toContain('>等次</th>');
  });

  it.each([
    ['乙县', ['1', '乙县', '94.50', '', '↑1', '1', '优秀', '●']],
    ['甲县', ['2', '甲县', '45.00', '', '↓1', '2', '较差', '●']],
    ['丙区', ['1', '丙区', '18.01', '', '—', '3', '较差', '●']],
  ])('when %s is ranked, then its row reads 名次, 总分, 较上月, 全市排名, 等次 and a light', (unit, cells) => {
    expect(rowOf(ranking, unit)).toEqual(cells);
  });

  it.each([
    ['乙县', COLOR.good],
    ['甲县', COLOR.warn],
    ['丙区', COLOR.warn],
  ])('when %s’s warnings are read, then its light has colour %s', (unit, color) => {
    const start = ranking.indexOf(`>${unit}<`);
    const row = ranking.slice(start, ranking.indexOf('</tr>', start));
    expect(row).toContain(`color:${color}">●`);
  });

  it('when a ranking shows lights, then the legend says what each colour means', () => {
    expect(ranking).toContain('红灯：有目标任务指标落后序时进度 30 个百分点以上');
    expect(ranking).toContain('黄灯：有目标任务指标落后序时进度 10 个百分点以上');
    expect(ranking).toContain('绿灯：');
    expect(ranking).toContain('空白为上月无排名');
  });

  it('when 参数 has no 发文单位 or 期号, then the head names the city’s office and the month as 期号, and the 落款 dates it', () => {
    const top = plain.html.slice(0, plain.html.indexOf('一、'));
    expect(top).toContain(`color:${COLOR.red}">示例市招商引资工作领导小组办公室</div>`);
    expect(top).toContain('>第6期</div>');
    expect(plain.html).toContain('示例市招商引资工作领导小组办公室<br>2026年7月1日');
    expect(plain.text.split('\n').slice(0, 2)).toEqual(['示例市招商引资工作领导小组办公室', '第6期']);
  });

  it('when 参数 sets 发文单位 and 期号 5 for January, then June’s bulletin is 第10期 from that office', async () => {
    const official = await bulletinOf({ 发文单位: '示例市招商引资工作领导小组办公室（市商务局代章）', 期号: 5 });
    expect(official.html).toContain('>第10期</div>');
    expect(official.html).toContain('示例市招商引资工作领导小组办公室（市商务局代章）</div>');
    expect(official.text).toContain('第10期');
  });

  it.each([
    [[], '绿', ''],
    [[{ kind: '序时落后', level: '黄', detail: '到位资金完成年度目标的 40.0%，序时进度 50.0%，落后 10.0 个百分点' }], '黄', '到位资金落后序时 10.0 个百分点'],
    [[{ kind: '超期未开工', level: '红', detail: '…' }, { kind: '超期未开工', level: '红', detail: '…' }], '绿', ''],
    [[{ kind: '序时落后', level: '黄', detail: '开工项目数完成年度目标的 30.0%，序时进度 50.0%，落后 20.0 个百分点' }, { kind: '超期未开工', level: '红', detail: '…' }], '黄', '开工项目数落后序时 20.0 个百分点；超期未开工 1 个'],
    [[{ kind: '序时落后', level: '红', detail: '签约金额完成年度目标的 10.0%，序时进度 50.0%，落后 40.0 个百分点' }], '红', '签约金额落后序时 40.0 个百分点'],
    [[{ kind: '长期未更新', level: '黄', detail: '…' }], '绿', ''],
  ] as const)('when a unit has warnings %j, then its light is %s (%s)', (warnings, color, reason) => {
    const all = warnings.map((w) => ({ ...w, unit: '甲县', projectId: '', projectName: '' }));
    // Another unit's red warning must not colour 甲县.
    const other = { unit: '乙县', projectId: '', projectName: '', kind: '序时落后', level: '红', detail: '…' } as const;
    expect(unitLight('甲县', [...all, other])).toEqual({ color, reason });
  });
});
