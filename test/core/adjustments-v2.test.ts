import { describe, expect, it } from 'vitest';
import { assess, errorsOf, signed } from './v2-city.js';

const method = [{ 指标名称: '签约', 口径: '签约项目数', 计分方式: '每项加分', 分值: 10 }];
/** 甲 signs 9 (90 分, 优秀), 乙 signs 7 (70 分, 一般). */
const city = (adjustments: (string | number | null)[][]) => assess({ method, ledgers: { 甲: signed(9), 乙: signed(7) }, adjustments });
const row = (unit: string) => (out: ReturnType<typeof city>) => out.scores.find((s) => s.unit.name === unit);

describe('加减分 类型', () => {
  it.each([
    ['no row', [], '优秀', 90],
    ['a blank 类型 (v1 加减分)', [['甲', '2026-03', -15, '通报批评', '市招商局', null]], '一般', 75],
    ['加减分', [['甲', '2026-03', 1, '表彰', '', '加减分']], '优秀', 91],
    ['一票否决', [['甲', '2026-05', 99, '发生重大安全事故', '市应急局', '一票否决']], '较差', 90],
    ['降一档', [['甲', '2026-06', null, '虚报项目', '市招商局', '降一档']], '良好', 90],
    ['降一档 twice', [['甲', '2026-02', '', '甲', '', '降一档'], ['甲', '2026-04', '', '乙', '', '降一档']], '一般', 90],
    ['降一档 below the lowest', [1, 2, 3, 4, 5].map((i) => ['甲', '2026-01', '', `第${i}次`, '', '降一档']), '较差', 90],
    ['一票否决 from next month', [['甲', '2026-07', '', '下月', '', '一票否决']], '优秀', 90],
  ])('when 甲 has %s, then its 等次 is %s and 总分 %d', (_, adjustments, grade, total) => {
    const out = city(adjustments as (string | number | null)[][]);
    expect(errorsOf(out)).toEqual([]);
    expect(row('甲')(out)).toMatchObject({ grade, total, groupRank: 1 });
    expect(row('乙')(out)?.grade).toBe('一般');
  });

  it('when 一票否决 changes the grade, then 排名 holds the grade name alone and 得分明细 说明 names the 事由', () => {
    const out = city([['甲', '2026-05', '', '发生重大安全事故', '市应急局', '一票否决']]);
    const ranking = out.writes.get('排名') ?? [];
    const gradeAt = (ranking[0] ?? []).indexOf('等次');
    expect(ranking.find((r) => r[1] === '甲')?.[gradeAt]).toBe('较差');
    const detail = out.writes.get('得分明细') ?? [];
    expect(detail.find((r) => r[1] === '甲')?.at(-1)).toBe('9 项 × 10 分 = 90；等次 较差（一票否决：发生重大安全事故）');
    expect(row('甲')(out)).toMatchObject({ baseGrade: '优秀', gradeNote: '一票否决：发生重大安全事故' });
  });

  it.each([
    ['an unknown 类型', ['甲', '2026-03', 1, '表彰', '', '加分'], 'F2', '类型', '不是可识别的类型，本行不计'],
    ['a 加减分 row without 分值', ['甲', '2026-03', '', '表彰', '', ''], 'C2', '分值', '不是数字，本行不计分'],
  ])('when 加减分 has %s, then an 错误 names the cell', (_, adjustment, cell, field, problem) => {
    const out = city([adjustment as (string | number)[]]);
    expect(out.findings.filter((f) => f.tab === '加减分' && f.level === '错误').map((f) => [f.cell, f.field, f.problem])).toEqual([[cell, field, problem]]);
    expect(row('甲')(out)?.total).toBe(90);
  });
});

describe('参数 v2 rows', () => {
  it.each([
    ['美元汇率', '七块一', 'B12', '不是正数，暂按未填写处理'],
    ['美元汇率', -7, 'B12', '不是正数，暂按未填写处理'],
    ['仅计认定项目', '对', 'B13', '只能填“是”或“否”，暂按“否”处理'],
  ])('when 参数.%s is %j, then an 错误 names its cell', (name, value, cell, problem) => {
    const out = assess({ method, ledgers: { 甲: signed(1) }, settings: { [name]: value } });
    expect(out.findings.filter((f) => f.tab === '参数').map((f) => [f.cell, f.field, f.value, f.problem])).toEqual([[cell, name, String(value), problem]]);
  });
});
