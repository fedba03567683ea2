/**
 * Grid builders for the v2 contract scenarios, written from /work/shared/ledger-contract.md alone.
 *
 * The scenarios build every tab as a plain grid (header in row 1) so that they depend on the
 * contract's headers and nothing else: the implementation's own book builder is not used, because
 * the point of these scenarios is to check it against the contract text.
 */
import type { Cell } from '../../functions/core/index.js';

export type Grid = readonly (readonly Cell[] | undefined)[];
export type Tabs = Map<string, Cell[][]>;

/** Unit ledger columns in the v2 creation order ("… 投资方所在地, 资金来源, 币种, 产业链, … 项目阶段, 认定状态, 总投资 …"). */
export const LEDGER_V2_HEADER: readonly string[] = [
  '项目编号', '项目名称', '投资方', '投资方所在地', '资金来源', '币种', '产业链', '招商方式', '企业类型', '项目阶段', '认定状态',
  '总投资(万元)', '合同投资额(万元)', '签约日期', '开工日期', '投产日期', '上年末累计到位(万元)',
  ...Array.from({ length: 12 }, (_, i) => `${i + 1}月到位(万元)`),
  '责任领导', '责任人', '进展情况', '存在问题', '更新日期', '校验',
];

/** 考评办法 v2 columns: 指标名称 | 口径 | 筛选 | 计分方式 | 分值 | 封顶 | 计分参数 | 适用组别 | 序时进度 | 说明. */
export const METHOD_V2_HEADER: readonly string[] = [
  '指标名称', '口径', '筛选', '计分方式', '分值', '封顶', '计分参数', '适用组别', '序时进度', '说明',
];

/** 加减分 v2 columns. */
export const ADJUSTMENTS_V2_HEADER: readonly string[] = ['单位名称', '月份', '分值', '事由', '认定单位', '类型'];

export const UNITS_HEADER: readonly string[] = ['单位名称', '考核组别', '负责人邮箱', '联络员邮箱', '台账页名'];

/** 得分明细 v2: the v1 columns, then 说明 last. */
export const DETAIL_V2_HEADER: readonly string[] = [
  '月份', '单位名称', '指标名称', '口径', '实际值', '年度目标', '序时目标', '完成率', '得分', '说明',
];

/** A unit tab: the given header (default: the full v2 header) and rows keyed by header name. */
export function ledgerGrid(rows: readonly Readonly<Record<string, Cell>>[], header: readonly string[] = LEDGER_V2_HEADER): Cell[][] {
  for (const r of rows) {
    const unknown = Object.keys(r).filter((k) => !header.includes(k));
    // a typo in a scenario key would silently drop a value and make the hand computation wrong
    if (unknown.length > 0) throw new Error(`scenario row ${String(r['项目编号'])} has keys outside the header: ${unknown.join(', ')}`);
  }
  return [[...header], ...rows.map((r) => header.map((h) => r[h] ?? null))];
}

/** A header row, then the rows as given. */
export function plainGrid(header: readonly string[], rows: readonly (readonly Cell[])[]): Cell[][] {
  return [[...header], ...rows.map((r) => [...r])];
}

/** 参数 as two columns, 参数 | 值. */
export function settingsGrid(settings: Readonly<Record<string, Cell>>): Cell[][] {
  return [['参数', '值'], ...Object.entries(settings).map(([k, v]) => [k, v])];
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A1 address of a header's column on a 1-based sheet row. */
export function a1(header: readonly string[], field: string, row: number): string {
  const at = header.indexOf(field);
  if (at < 0) throw new Error(`no column ${field}`);
  return `${columnLetters(at + 1)}${row}`;
}

/** Blank cells (undefined, '') read as null; -0 reads as 0 (a spreadsheet shows both as 0). */
export function norm(v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

/**
 * An output grid as records keyed by its (trimmed) header; a grid that was not written reads as no records,
 * so that one unusable book fails the tests that look at it, not the whole file at import time.
 */
export function records(grid: Grid | undefined): Record<string, unknown>[] {
  if (grid === undefined) return [];
  const [header, ...rows] = grid;
  const names = (header ?? []).map((h) => String(h).trim());
  return rows
    .filter((r): r is readonly Cell[] => r !== undefined && r.some((c) => c !== null && c !== undefined && c !== ''))
    .map((r) => Object.fromEntries(names.map((n, i) => [n, norm(r[i])])));
}

/** The header row of an output grid, trimmed. */
export function headerOf(grid: Grid | undefined): string[] {
  return ((grid ?? [])[0] ?? []).map((h) => String(h).trim());
}

/** 校验结果's 单元格 split into tab and A1 ("台账-甲县!E5" → ["台账-甲县", "E5"]). */
export function splitCell(cell: unknown): [string, string] {
  const text = String(cell ?? '');
  const at = text.lastIndexOf('!');
  return at < 0 ? ['', text] : [text.slice(0, at).replace(/^'|'$/g, ''), text.slice(at + 1)];
}

/** The 1-based row of an A1 address ("AB12" → 12). */
export function rowOfA1(address: string): number {
  return Number(address.replace(/^\$?[A-Z]+\$?/, ''));
}
