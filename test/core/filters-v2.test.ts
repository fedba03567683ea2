import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAINS, parseFilter, type Project } from '../../functions/core/index.js';

/** A decoded row with only the fields a 筛选 reads (blank 币种 and 认定状态 already read as 人民币 and 未认定). */
const row = (over: Partial<Project>): Project => ({
  totalInvestment: 20000, contractAmount: 15000, chain: '新能源', method: '以商招商', source: '境外', recognition: '已认定', stage: '开工',
  currency: '人民币', companyTypes: ['央企', '上市公司'], investorPlace: '广东深圳', ...over,
}) as Project;

const holds = (text: string, p: Project): boolean => {
  const parsed = parseFilter(text, DEFAULT_CHAINS);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.filter.test(p);
};

describe('筛选 conditions', () => {
  it.each([
    ['合同投资额≥1.5亿', {}, true], ['合同投资额>1.5亿', {}, false], ['合同投资额>=15000', {}, true], ['合同投资额 <= 5000万', {}, false],
    ['合同投资额<1亿', { contractAmount: 9999 }, true], ['总投资=2亿', {}, true], ['合同投资额 ＞ 1 亿', {}, true],
    ['合同投资额≥1亿', { contractAmount: undefined }, false],
    ['产业链=新能源/新材料', {}, true], ['产业链≠新能源', {}, false], ['产业链=新材料', {}, false],
    ['招商方式=以商招商、基金招商', {}, true], ['资金来源=省外境内/境外', {}, true], ['资金来源≠境外', {}, false],
    ['资金来源=境外', { source: undefined }, false], ['资金来源≠境外', { source: undefined }, true], ['资金来源!=市内', {}, true],
    ['认定状态=已认定', {}, true], ['认定状态=未认定', { recognition: '未认定' }, true], ['项目阶段≠终止', {}, true],
    ['币种=人民币', {}, true], ['币种=美元', { currency: '美元' }, true],
    ['企业类型=世界500强/央企', {}, true], ['企业类型≠央企', {}, false], ['企业类型=央企', { companyTypes: [] }, false], ['企业类型≠央企', { companyTypes: [] }, true],
    ['投资方所在地 含 广东/浙江', {}, true], ['投资方所在地含浙江', {}, false], ['投资方所在地 含 广东', { investorPlace: undefined }, false],
    ['资金来源=境外；合同投资额≥1亿', {}, true], ['资金来源=境外;合同投资额≥2亿', {}, false],
  ] as const)('when 筛选 is %s on a row with %j, then it holds: %s', (text, over, expected) => {
    expect(holds(text, row(over as Partial<Project>))).toBe(expected);
  });

  it.each([
    ['资金来源=外省', '条件“资金来源=外省”中“外省”不是资金来源的可选值'],
    ['合同投资额≥一亿', '条件“合同投资额≥一亿”中的金额“一亿”无法识别'],
    ['投资方所在地=广东', '条件“投资方所在地=广东”中“投资方所在地”不能用“=”'],
    ['产业链=', '条件“产业链=”缺少值'],
    ['产业链 新能源', '条件“产业链 新能源”缺少运算符'],
  ])('when 筛选 is %s, then it is refused: %s', (text, problem) => {
    const parsed = parseFilter(text, DEFAULT_CHAINS);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toBe(problem);
  });
});
