import { describe, expect, it } from 'vitest';
import { bookTabs, checkBook, columnLetter, LEDGER_COLUMNS, LEDGER_LAYOUT, type Cell } from '../../functions/core/index.js';
import { NOW } from '../support/city.js';
import { assess, errorsOf, project, signed, v2Book } from './v2-city.js';

const m = (over: Record<string, string | number>) => ({ 指标名称: '指标', 口径: '到位资金', 计分方式: '相对值', 分值: 1, ...over });
/** The indicator's actual value for 甲 in June. */
const actual = (method: Record<string, string | number>, rows: Record<string, Cell>[], settings: Record<string, Cell> = {}) =>
  assess({ method: [m(method)], ledgers: { 甲: rows }, settings }).scores[0]?.scores[0]?.actual;

describe('new ledger columns', () => {
  it('when init creates a ledger tab, then 资金来源 and 币种 follow 投资方所在地 and 认定状态 follows 项目阶段', () => {
    const headers = LEDGER_LAYOUT.map((c) => c.header);
    expect(headers.slice(3, 11)).toEqual(['投资方所在地', '资金来源', '币种', '产业链', '招商方式', '企业类型', '项目阶段', '认定状态']);
    const tab = bookTabs({ ...v2Book({ method: [m({})], ledgers: { 甲: [] } }), columns: 'all' }).get('台账-甲');
    expect(tab?.[0]).toEqual(headers);
  });

  it.each([
    ['资金来源', '外省'], ['币种', '港币'], ['认定状态', '待认定'],
  ])('when %s is %s, then it is an 错误 naming the cell (closed list)', (header, value) => {
    const tabs = bookTabs(v2Book({ method: [m({})], ledgers: { 甲: [project({ [header]: value })] } }));
    const findings = checkBook(tabs, NOW).findings.filter((f) => f.level === '错误');
    const column = (tabs.get('台账-甲')?.[0] ?? []).indexOf(header);
    expect(findings.map((f) => [f.field, f.value, f.cell, f.problem])).toEqual([[header, value, `${columnLetter(column)}2`, '不在可选范围内']]);
  });

  it('when a tab has none of the v2 columns, then it reads as blank: 人民币, 未认定, no 资金来源', () => {
    const out = checkBook(bookTabs(v2Book({ method: [m({})], ledgers: { 甲: [project()] } })), NOW);
    expect(out.findings).toEqual([]);
    expect(out.ledger.projects.map((p) => [p.currency, p.recognition, p.source])).toEqual([['人民币', '未认定', undefined]]);
    expect(LEDGER_COLUMNS.filter((c) => c.optional).map((c) => c.header)).toEqual(['资金来源', '币种', '认定状态']);
  });
});

describe('资金来源 is required from 签约 only when the method uses it', () => {
  const usesSource = { 口径: '签约项目数', 筛选: '资金来源=省外境内/境外' };

  it.each([
    ['a 筛选 on 资金来源', usesSource, '开工', ['台账-甲!E2 资金来源：项目阶段为“开工”，考评办法按资金来源计分，资金来源必须填写']],
    ['the 口径 实际利用外资', { 口径: '实际利用外资', 计分方式: '相对值' }, '签约', ['台账-甲!E2 资金来源：项目阶段为“签约”，考评办法按资金来源计分，资金来源必须填写']],
    ['a 筛选 on 资金来源, before 签约', usesSource, '洽谈', []],
    ['no 资金来源 anywhere', { 口径: '签约项目数' }, '开工', []],
  ])('when the method has %s and the row is %s, then the blank 资金来源 gives %j', (_, method, stage, expected) => {
    const row = project({ 资金来源: null, 项目阶段: stage, ...(stage === '洽谈' ? { 签约日期: null, 开工日期: null, '合同投资额(万元)': null } : stage === '签约' ? { 开工日期: null } : {}), 币种: '人民币' });
    const out = assess({ method: [m(method)], ledgers: { 甲: [row] }, settings: { 美元汇率: 7 }, columns: 'all' });
    expect(errorsOf(out)).toEqual(expected);
  });

  it('when the method uses 资金来源 and a tab has no such column, then one 错误 on its header row and no row errors', () => {
    const out = assess({ method: [m(usesSource)], ledgers: { 甲: [project(), project()] } });
    expect(errorsOf(out)).toEqual(['台账-甲!AG1 资金来源：考评办法按资金来源计分，但本页没有“资金来源”列，本页项目都按资金来源空白统计']);
    expect(out.findings.find((f) => f.row === 1)?.fix).toContain('表头写“资金来源”');
    expect(out.excluded).toEqual([]);
    expect(out.scores[0]?.scores[0]?.actual).toBe(0);
  });
});

describe('币种 美元 and 参数.美元汇率', () => {
  it.each([
    ['到位资金 counts a 美元 row × 汇率', { 口径: '到位资金' }, [project({ 币种: '美元', '1月到位(万元)': 100 }), project({ '1月到位(万元)': 50 })], 760],
    ['亿元以上 compares the converted 万元', { 口径: '亿元以上签约项目数' }, [project({ 币种: '美元', '总投资(万元)': 2000, '合同投资额(万元)': 1500 }), project({ '合同投资额(万元)': 9999 })], 1],
    ['an amount typed with a unit is in the row currency', { 口径: '到位资金' }, [project({ 币种: '美元', '1月到位(万元)': '0.01亿' })], 710],
    ['实际利用外资 takes 美元 rows as typed and 人民币 rows ÷ 汇率, only 境外', { 口径: '实际利用外资', 计分方式: '相对值' },
      [project({ 币种: '美元', 资金来源: '境外', '1月到位(万元)': 100 }), project({ 资金来源: '境外', '1月到位(万元)': 710 }), project({ 资金来源: '省外境内', '1月到位(万元)': 999 })], 200],
    ['签约金额 with a 筛选 on 合同投资额 ≥ 1亿 compares 万元', { 口径: '签约金额', 筛选: '合同投资额≥1亿' }, [project({ 币种: '美元', '总投资(万元)': 2000, '合同投资额(万元)': 1500 })], 10650],
  ])('when %s, then the actual is %d', (_, method, rows, expected) => {
    expect(actual(method, rows, { 美元汇率: 7.1 })).toBeCloseTo(expected, 9);
  });

  it('when a row is 美元 and 美元汇率 is blank, then the row is an 错误 on 币种 saying to set it, and is left out', () => {
    const out = assess({ method: [m({})], ledgers: { 甲: [project({ 币种: '美元' }), project()] } });
    expect(errorsOf(out)).toEqual(['台账-甲!E2 币种：本行按美元填报，但参数页的“美元汇率”未填写，无法折算为万元']);
    expect(out.excluded.length).toBe(1);
    expect(out.scores[0]?.scores[0]?.actual).toBe(1000);
  });

  it('when the method measures 万美元 and 美元汇率 is blank, then 参数 says so', () => {
    const out = assess({ method: [m({ 口径: '实际利用外资', 计分方式: '相对值' })], ledgers: { 甲: [project({ 资金来源: '境外' })] } });
    expect(errorsOf(out)).toEqual(['参数!B12 美元汇率：考评办法有按万美元统计的指标，但美元汇率未填写，人民币项目无法折算，暂不计入']);
  });
});

describe('开工率 and 仅计认定项目', () => {
  it('when 2 of the 4 rows signed this year have started by E, then 开工率 is 0.5', () => {
    const rows = [...signed(2), ...signed(2, { 项目阶段: '签约', 开工日期: null })];
    expect(actual({ 口径: '开工率', 计分方式: '比率' }, rows)).toBe(0.5);
  });

  it('when no row was signed this year, then 开工率 is 1', () => {
    expect(actual({ 口径: '开工率', 计分方式: '比率' }, [])).toBe(1);
  });

  it.each([
    ['否', '签约项目数', 3], ['是', '签约项目数', 1], ['是', '超期未开工项目数', 0], ['是', '周上报及时率', 1],
  ])('when 仅计认定项目 is %s, then %s counts %d', (only, basis, expected) => {
    const rows = [project({ 认定状态: '已认定' }), project({ 认定状态: '未认定' }), project()];
    const scoring = basis === '周上报及时率' ? '比率' : basis === '签约项目数' ? '相对值' : '每项扣分';
    expect(actual({ 口径: basis, 计分方式: scoring }, rows, { 仅计认定项目: only })).toBe(expected);
  });

  it('when 仅计认定项目 is 是, then rows not recognised are no errors', () => {
    const out = assess({ method: [m({ 口径: '签约项目数', 计分方式: '相对值' })], ledgers: { 甲: [project()] }, settings: { 仅计认定项目: '是' } });
    expect(out.findings.filter((f) => f.level === '错误')).toEqual([]);
  });
});
