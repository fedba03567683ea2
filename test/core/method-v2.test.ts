import { describe, expect, it } from 'vitest';
import { assess, errorsOf, scoresOf, signed } from './v2-city.js';

type Row = Record<string, string | number>;
const base: Row = { 指标名称: '指标', 口径: '签约项目数', 计分方式: '相对值', 分值: 20 };
/** The 考评办法 错误 of one row (the row is row 2), and whether it stayed in the method. */
function judge(over: Row, targets = false) {
  const out = assess({
    method: [{ ...base, ...over }], groups: { 甲: '县市组', 乙: '城区组' }, ledgers: { 甲: signed(1), 乙: signed(1) },
    ...(targets ? { targets: { 甲: { 指标: 5 }, 乙: { 指标: 5 } } } : {}), columns: 'all',
  });
  const errors = out.findings.filter((f) => f.level === '错误' && f.tab === '考评办法');
  return { errors: errors.map((f) => ({ cell: f.cell, field: f.field, value: f.value, problem: f.problem, fix: f.fix })), kept: out.admin.method.length === 1 };
}

describe('every bad 考评办法 cell is an 错误 naming its cell, the value and how to write it; the row is left out', () => {
  it.each([
    // what is typed → [cell, field, problem contains, fix contains]
    ['口径 unknown', { 口径: '外资到位' }, 'B2', '口径', '口径不在可选范围内', '实际利用外资'],
    ['计分方式 unknown', { 计分方式: '分段' }, 'D2', '计分方式', '计分方式不在可选范围内', '分档'],
    ['比率 on a count', { 计分方式: '比率' }, 'D2', '计分方式', '“比率”只适用于比率口径', '口径“签约项目数”可用'],
    ['目标完成率 on a rate', { 口径: '履约率', 计分方式: '目标完成率' }, 'D2', '计分方式', '只适用于非比率口径', '比率、分档、功效系数、排名计分'],
    ['每项加分 on an amount', { 口径: '到位资金', 计分方式: '每项加分' }, 'D2', '计分方式', '只适用于个数口径', '口径“到位资金”可用'],
    ['筛选 on 周上报及时率', { 口径: '周上报及时率', 计分方式: '比率', 筛选: '产业链=新能源' }, 'C2', '筛选', '不按台账项目统计，不能筛选', '清空筛选'],
    ['分档 without 档位', { 计分方式: '分档' }, 'G2', '计分参数', '“分档”必须在计分参数中写“档位”', '档位:'],
    ['分档 with a 封顶', { 计分方式: '分档', 计分参数: '档位:1=5', 封顶: 1.2 }, 'F2', '封顶', '“分档”不能封顶', '清空封顶'],
    ['功效系数 with a 封顶', { 计分方式: '功效系数', 封顶: 1 }, 'F2', '封顶', '“功效系数”不能封顶', '清空封顶'],
    ['an unknown 计分参数 item', { 计分参数: '权重:2' }, 'G2', '计分参数', '“权重:2”不是可识别的计分参数', '可用的计分参数'],
    ['步长 on 相对值', { 计分参数: '步长:2' }, 'G2', '计分参数', '“步长”只用于排名计分，不适用于“相对值”', '范围:组内'],
    ['门槛 on 每项扣分', { 计分方式: '每项扣分', 计分参数: '门槛:1' }, 'G2', '计分参数', '“门槛”只用于', '无（请清空）'],
    ['档位 unreadable', { 计分方式: '分档', 计分参数: '档位:十个=5' }, 'G2', '计分参数', '档位“十个=5”无法识别', '档位:100%=20'],
    ['档位 above 分值', { 计分方式: '分档', 计分参数: '档位:1=25' }, 'G2', '计分参数', '档位最高得 25 分，超过了分值 20', '不超过分值'],
    ['范围 unknown', { 计分参数: '范围:全省' }, 'G2', '计分参数', '范围“全省”无法识别', '范围:组内 或 范围:全市'],
    ['下限 above 100%', { 计分方式: '功效系数', 计分参数: '下限:120%' }, 'G2', '计分参数', '下限“120%”不是 0 到 100% 之间的比例', '下限:60%'],
    ['a percentage 门槛 on a count', { 计分方式: '每项加分', 计分参数: '门槛:60%' }, 'G2', '计分参数', '阈值不能写百分数', '门槛:5'],
    ['an amount 阈值 on a rate', { 口径: '履约率', 计分方式: '分档', 计分参数: '档位:1亿=5' }, 'G2', '计分参数', '阈值不能写金额', '百分数'],
    ['分值 per group missing a group', { 分值: '县市组:20' }, 'E2', '分值', '分值没有写“城区组”的分数', '县市组:20；城区组:10'],
    ['分值 unreadable', { 分值: '二十' }, 'E2', '分值', '分值必须是非负数字', '县市组:20；城区组:15'],
    ['序时进度 with 11 months', { 计分方式: '目标完成率', 序时进度: '10%,20%,30%,40%,50%,60%,70%,80%,90%,95%,100%' }, 'I2', '序时进度', '不是 12 个逐月不减', '留空则按参数页的序时进度'],
    ['筛选 with an unknown field', { 筛选: '行业=新能源' }, 'C2', '筛选', '条件“行业=新能源”没有可识别的字段', '可用字段'],
  ])('when %s, then the 错误 names the cell and says how to write it', (_, over, cell, field, problem, fix) => {
    const { errors, kept } = judge(over as Row, (over as Row)['计分方式'] === '目标完成率');
    expect(kept).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ cell, field, value: String((over as Row)[field] ?? '') });
    expect(errors[0]?.problem).toContain(problem);
    expect(errors[0]?.fix).toContain(fix);
  });

  it.each([
    ['a 筛选', { 筛选: '资金来源=境外' }],
    ['计分参数 of 排名计分', { 计分方式: '排名计分', 计分参数: '步长:2；范围:全市；门槛:1' }],
    ['分值 per group with full-width separators', { 分值: '县市组：20，城区组：15' }],
    ['a target-based 功效系数 with 门槛 as a percentage', { 计分方式: '功效系数', 计分参数: '门槛:60%' }],
  ])('when the row has %s written correctly, then it is kept without 错误', (_, over) => {
    expect(judge(over as Row, true)).toEqual({ errors: [], kept: true });
  });
});

describe('筛选 that cannot be read: a corrected example from the admin’s own words', () => {
  it.each([
    ['资金来源:境外', '请写成“资金来源=境外”'],
    ['来源为省外境内，境外', '请写成“资金来源=省外境内/境外”'],
    ['合同投资额大于等于1亿', '请写成“合同投资额≥1亿”'],
    ['项目阶段不等于终止', '请写成“项目阶段≠终止”'],
    ['投资方所在地包含广东、浙江', '请写成“投资方所在地 含 广东/浙江”'],
    ['资金来源=外省', '资金来源可选：市内、市外省内、省外境内、境外'],
    ['产业链>新能源', '“产业链”可用：= ≠'],
  ])('when 筛选 is “%s”, then the fix says: %s', (typed, fix) => {
    const { errors } = judge({ 筛选: typed });
    expect(errors.map((e) => e.fix).join()).toContain(fix);
  });
});

describe('a v1 考评办法 without the v2 columns', () => {
  it('when a 分档 row lacks 档位 and the tab has no 计分参数 column, then the 错误 is where the column goes and says to add it', () => {
    const out = assess({ method: [['指标', '签约项目数', '分档', 10]], ledgers: { 甲: signed(1) } });
    expect(out.findings.filter((f) => f.tab === '考评办法').map((f) => [f.cell, f.field, f.fix])).toEqual([
      ['H2', '计分参数', '请写成 档位:100%=20/80%=15/60%=10（阈值=得分，用 / 分隔），个数口径如 档位:10=10/5=6/1=2（本页还没有“计分参数”列：请在第 1 行 H1 加上表头“计分参数”）'],
    ]);
  });
});

describe('目标任务 in v2', () => {
  it('when 目标任务 has a column for a 比率 indicator, then a 提醒 says it has no effect and the indicator is not target-based', () => {
    const out = assess({ method: [{ ...base, 口径: '履约率', 计分方式: '比率' }], ledgers: { 甲: signed(1) }, targets: { 甲: { 指标: 5 } } });
    expect(out.findings.filter((f) => f.tab === '目标任务').map((f) => [f.level, f.cell, f.problem])).toEqual([['提醒', 'B1', '“指标”按比率计分、口径是比率，不按年度目标考核，这一列不起作用']]);
    expect(out.admin.targetBased.size).toBe(0);
  });

  it('when a 排名计分 indicator has a 目标任务 column, then it ranks completions', () => {
    // 甲 2 of 4 (序时目标 2 → 100%), 乙 2 of 2 (序时目标 1 → 200%)
    const out = assess({ method: [{ ...base, 计分方式: '排名计分' }], ledgers: { 甲: signed(2), 乙: signed(2) }, targets: { 甲: { 指标: 4 }, 乙: { 指标: 2 } } });
    expect(scoresOf(out)).toEqual({ 甲: 19, 乙: 20 });
    expect(errorsOf(out)).toEqual([]);
  });
});
