/** Small helpers to build ledgers in tests. */
import { bookTabs, checkBook, type BookDef, type Cell, type Finding } from '../../functions/core/index.js';

/** A complete, valid row at stage 开工, to vary field by field. */
export function goodRow(over: Record<string, Cell> = {}): Record<string, Cell> {
  return {
    项目编号: 'P-1', 项目名称: '电池项目', 投资方: '某某新能源有限公司', 投资方所在地: '广东深圳', 产业链: '新能源', 招商方式: '以商招商',
    企业类型: '民企', 项目阶段: '开工', '总投资(万元)': 20000, '合同投资额(万元)': 15000, 签约日期: '2026-02-10', 开工日期: '2026-04-01',
    '1月到位(万元)': 1000, 责任领导: '张三', 责任人: '李四', 进展情况: '主体施工', 更新日期: '2026-06-25', ...over,
  };
}

/** A one-unit city (温县) plus optional others. */
export function city(ledgers: Record<string, Record<string, Cell>[]>, extra: BookDef['extra'] = {}): BookDef {
  return {
    settings: { 年度: 2026, 城市: '测试市' },
    units: Object.keys(ledgers).map((name) => ({ name, group: '县市组' })),
    method: [['签约项目数', '签约项目数', '相对值', 10, '']],
    targets: {},
    ledgers,
    extra,
  };
}

export const NOW = new Date('2026-06-30T02:00:00Z'); // 2026-06-30 10:00 Shanghai

/** Findings of checking one row in 温县. */
export function findingsFor(row: Record<string, Cell>, now = NOW): Finding[] {
  return [...checkBook(bookTabs(city({ 温县: [row] })), now).findings];
}

/** Findings shortened to "cell field level problem". */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.cell} ${f.field} ${f.level} ${f.problem}`);
}
