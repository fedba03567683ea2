import { describe, expect, it } from 'vitest';
import { bookTabs, checkBook, columnLetter, findingMessage, LEDGER_COLUMNS, type Cell } from '../../functions/core/index.js';
import { NOW, brief, city, findingsFor, goodRow } from '../support/city.js';

const errors = (row: Record<string, Cell>) => brief(findingsFor(row).filter((f) => f.level === '错误'));
const reminders = (row: Record<string, Cell>) => brief(findingsFor(row).filter((f) => f.level === '提醒'));
const col = (header: string) => columnLetter(LEDGER_COLUMNS.findIndex((c) => c.header === header));

/** A valid row at a stage: fields of later stages cleared. */
function rowAt(stage: string, over: Record<string, Cell> = {}): Record<string, Cell> {
  const later: Record<string, Record<string, Cell>> = {
    洽谈: { 投资方: null, '合同投资额(万元)': null, 签约日期: null, 开工日期: null, '1月到位(万元)': null },
    签约: { 开工日期: null }, 落地: { 开工日期: null }, 开工: {}, 投产: { 投产日期: '2026-06-01' }, 达效: { 投产日期: '2026-06-01' },
  };
  return goodRow({ 项目阶段: stage, ...later[stage], ...over });
}

describe('a complete row', () => {
  it('when every field is right, then there is no finding at all', () => {
    expect(findingsFor(goodRow())).toEqual([]);
  });
});

describe('stage-required fields (错误)', () => {
  it.each([
    ['洽谈', '总投资(万元)'], ['洽谈', '责任领导'], ['签约', '投资方'], ['签约', '合同投资额(万元)'], ['签约', '签约日期'],
    ['开工', '开工日期'], ['投产', '投产日期'], ['达效', '投产日期'],
  ])('when stage is %s and %s is empty, then it is an error on that cell', (stage, header) => {
    const found = errors(rowAt(stage, { [header]: null }));
    expect(found).toEqual([`${col(header)}2 ${header} 错误 项目阶段为“${stage}”，${header}必须填写`]);
  });

  it.each([['项目编号'], ['项目名称'], ['产业链'], ['项目阶段']])('when %s is empty, then it is an error', (header) => {
    expect(errors(goodRow({ [header]: null })).some((f) => f.startsWith(`${col(header)}2 ${header} 错误`))).toBe(true);
  });

  it('when a 线索 row has only the basics, then it is fine', () => {
    const row = { 项目编号: 'X-1', 项目名称: '线索', 产业链: '其他', 项目阶段: '线索', 进展情况: '初次接触', 更新日期: '2026-06-29' };
    expect(findingsFor(row)).toEqual([]);
  });

  it('when a row is 终止 without a reason, then 存在问题 is required', () => {
    expect(errors(goodRow({ 项目阶段: '终止', 存在问题: null }))).toEqual([`${col('存在问题')}2 存在问题 错误 项目已终止，必须在“存在问题”中写明终止原因`]);
  });
});

describe('cross-field rules (错误)', () => {
  it('when 开工日期 is before 签约日期, then it is an error on 开工日期', () => {
    expect(errors(goodRow({ 开工日期: '2026-01-01' }))).toEqual([`K2 开工日期 错误 开工日期早于签约日期（2026-02-10）`.replace('K2', `${col('开工日期')}2`)]);
  });

  it('when 投产日期 is before 开工日期, then it is an error on 投产日期', () => {
    expect(errors(goodRow({ 项目阶段: '投产', 投产日期: '2026-03-01' }))).toEqual([`${col('投产日期')}2 投产日期 错误 投产日期早于开工日期（2026-04-01）`]);
  });

  it.each([
    ['洽谈', '签约日期', '2026-02-10'], ['签约', '开工日期', '2026-04-01'], ['落地', '开工日期', '2026-04-01'], ['开工', '投产日期', '2026-05-01'],
  ])('when a %s row has %s, then it is inconsistent', (stage, header, value) => {
    const found = errors(rowAt(stage, { [header]: value }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${header} 错误 项目阶段为“${stage}”，却填了${header}`);
  });

  it('when 合同投资额 exceeds 总投资, then it is an error on 合同投资额', () => {
    expect(errors(goodRow({ '合同投资额(万元)': 30000 }))).toEqual([`${col('合同投资额(万元)')}2 合同投资额(万元) 错误 合同投资额大于总投资（20000 万元）`]);
  });

  it('when a 到位 month has not begun, then it must be blank', () => {
    const found = errors(goodRow({ '7月到位(万元)': 100 }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('7月到位(万元) 错误 7月还没有到');
  });

  it('when a field is invalid, then the stage rule for it does not fire a second time', () => {
    expect(errors(goodRow({ 签约日期: '2026-02-30' }))).toEqual([`${col('签约日期')}2 签约日期 错误 日历上没有这一天`]);
  });

  it('when several fields are wrong, then every one is reported at once', () => {
    const found = errors(goodRow({ 产业链: '房地产', 签约日期: '2026-02-30', '合同投资额(万元)': 30000, 招商方式: '电话' }));
    expect(found.map((f) => f.split(' ')[1])).toEqual(['产业链', '招商方式', '合同投资额(万元)', '签约日期']);
  });

  it.each([['#REF!'], ['#N/A'], [{ error: '#VALUE!' }]])('when a cell holds the formula error %j, then it is an error naming the cell', (value) => {
    const found = findingsFor(goodRow({ '总投资(万元)': value as Cell }));
    expect(found).toHaveLength(1);
    expect(findingMessage(found[0]!)).toMatch(/^【台账-温县 I2 总投资\(万元\)】错误：单元格是公式错误 #(REF!|N\/A|VALUE!)，填报值“#/);
  });
});

describe('reminders (提醒) — the row still counts', () => {
  it('when 进展情况 is empty on an active row, then a reminder', () => {
    expect(reminders(goodRow({ 进展情况: null }))).toEqual([`${col('进展情况')}2 进展情况 提醒 在推项目的进展情况为空`]);
    expect(reminders(goodRow({ 项目阶段: '终止', 存在问题: '撤资', 进展情况: null }))).toEqual([]);
  });

  it('when 更新日期 is older than 长期未更新天数, then a reminder counting the days', () => {
    expect(reminders(goodRow({ 更新日期: '2026-06-01' }))).toEqual(['AE2 更新日期 提醒 自 2026-06-01 起未更新，已超过 14 天']);
    expect(reminders(goodRow({ 更新日期: '2026-06-16' }))).toEqual([]);
  });

  it('when the arrivals add up to more than 合同投资额, then a reminder on the last month filled', () => {
    expect(reminders(goodRow({ '1月到位(万元)': 10000, '3月到位(万元)': 6000 }))).toEqual([`Q2 3月到位(万元) 提醒 累计到位 16,000 万元，超过合同投资额 15,000 万元`]);
  });

  it.each([
    ['总投资(万元)', 500000000, '疑似按“元”填报'],
    ['总投资(万元)', 3, '疑似按“亿元”填报'],
  ])('when %s is %d, then a reminder that it looks like the wrong unit', (header, value, text) => {
    const over: Record<string, Cell> = { [header]: value, '合同投资额(万元)': value === 3 ? 2 : 15000 };
    const found = reminders(goodRow(over));
    expect(found.some((f) => f.includes(`${header} 提醒`) && f.includes(text))).toBe(true);
    expect(findingsFor(goodRow(over)).every((f) => f.level === '提醒')).toBe(true);
  });

  it('when the amount is written with its unit, then no wrong-unit reminder', () => {
    expect(reminders(goodRow({ '总投资(万元)': '3亿', '合同投资额(万元)': '2亿' }))).toEqual([]);
  });

  it('when the stage went backwards since the last run, then a reminder', () => {
    const snapshot = [['单位名称', '项目编号', '项目阶段', '内容', '记录时间'], ['温县', 'P-1', '投产', '{}', '2026-06-01 06:00']];
    const out = checkBook(bookTabs(city({ 温县: [goodRow()] }, { 快照: snapshot })), NOW);
    expect(brief(out.findings)).toEqual(['H2 项目阶段 提醒 项目阶段由上次的“投产”退回到“开工”']);
  });
});

describe('rules across units', () => {
  it('when two units use the same 项目编号, then both rows are errors naming the other, and neither counts', () => {
    const out = checkBook(bookTabs(city({ 温县: [goodRow()], 博爱县: [goodRow({ 项目名称: '别的项目', 投资方: '别的公司' })] })), NOW);
    expect(brief(out.findings)).toEqual([
      'A2 项目编号 错误 项目编号“P-1”重复，另见 台账-博爱县 第 2 行',
      'A2 项目编号 错误 项目编号“P-1”重复，另见 台账-温县 第 2 行',
    ]);
    expect(out.ledger.projects.map((p) => p.counted)).toEqual([false, false]);
  });

  it('when the same 项目名称 and 投资方 appear in two units, then a reminder on both', () => {
    const out = checkBook(bookTabs(city({ 温县: [goodRow()], 博爱县: [goodRow({ 项目编号: 'B-1' })] })), NOW);
    expect(brief(out.findings)).toEqual([
      'B2 项目名称 提醒 同一项目（项目名称和投资方相同）也在 博爱县（台账-博爱县 第 2 行） 的台账中',
      'B2 项目名称 提醒 同一项目（项目名称和投资方相同）也在 温县（台账-温县 第 2 行） 的台账中',
    ]);
    expect(out.ledger.projects.every((p) => p.counted)).toBe(true);
  });
});

describe('structure', () => {
  it('when a header is renamed, then a structure problem names the tab and the column, and headers match across full-width forms', () => {
    const tabs = bookTabs(city({ 温县: [goodRow()] }));
    const grid = tabs.get('台账-温县')!;
    grid[0] = grid[0]!.map((h) => (h === '总投资(万元)' ? ' 总投资（万元） ' : h === '签约日期' ? '签订日期' : h));
    const out = checkBook(tabs, NOW);
    expect(out.structure.map((s) => s.message)).toEqual(['“台账-温县”页第 1 行缺少“签约日期”列：请把被改名或删除的表头恢复为“签约日期”（列的位置可以调整）。']);
  });

  it('when a unit tab is missing, then a structure problem says which and how to fix it', () => {
    const tabs = bookTabs(city({ 温县: [goodRow()] }));
    tabs.delete('台账-温县');
    expect(checkBook(tabs, NOW).structure[0]?.message).toContain('缺少单位“温县”的台账页“台账-温县”');
  });

  it('when columns are moved and extra columns added, then the cells are still found at their real addresses', () => {
    const tabs = bookTabs(city({ 温县: [goodRow({ 签约日期: '2026-02-30' })] }));
    const grid = tabs.get('台账-温县')!.map((row) => ['备注', ...[...row].reverse()]);
    tabs.set('台账-温县', grid);
    const out = checkBook(tabs, NOW);
    const at = grid[0]!.indexOf('签约日期');
    expect(out.findings.map((f) => f.cell)).toEqual([`${String.fromCharCode(65 + at)}2`]);
  });
});

describe('the 校验 column', () => {
  it('when a row is clean, then ✓; when it has problems, then one line naming the fields, errors first', () => {
    const out = checkBook(bookTabs(city({ 温县: [goodRow(), goodRow({ 项目编号: 'P-2', 签约日期: '2026-02-30', 进展情况: null })] })), NOW);
    const texts = out.checks.get('台账-温县')!;
    expect(texts.get(2)).toBe('✓');
    expect(texts.get(3)).toBe('✗ 1 处错误：签约日期；⚠ 1 条提醒：进展情况 — 见“校验结果”');
  });
});
