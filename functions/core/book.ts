/**
 * Building a ledger's tabs from a plain description: what `init`, the demo and the tests start from.
 * The default 考评办法 follows the seeds: 到位资金 and 签约 against targets, big projects, starts,
 * 履约率 and weekly reporting, with bonus points for key investors and deductions for overdue starts.
 */
import type { Cell } from './cells.js';
import {
  ADJUSTMENTS_TAB, SIGNOFF_TAB, LEDGER_LAYOUT, METHOD_TAB, SETTINGS_TAB, SYSTEM_TAB_NAMES, TARGETS_TAB_NAME, TARGETS_UNIT_COLUMN, UNITS_TAB,
  defaultLedgerTab, SETTING_ROWS, type ColumnSpec, type TabSpec,
} from './tabs.js';
import { scoringRule } from './scorings.js';

export interface UnitDef {
  readonly name: string;
  readonly group: string;
  readonly leaderEmails?: string;
  readonly liaisonEmails?: string;
  readonly tab?: string;
  readonly robotGroup?: string;
}

/** A 考评办法 row: 指标名称, 口径, 计分方式, 分值, 封顶, 适用组别, 说明. */
export type MethodRow = readonly [string, string, string, number, Cell?, string?, string?];

/** A v2 考评办法 row keyed by header (指标名称, 口径, 筛选, 计分方式, 分值, 封顶, 计分参数, 适用组别, 序时进度, 说明). */
export type MethodRecord = Readonly<Record<string, Cell>>;

const V1_METHOD_HEADERS = ['指标名称', '口径', '计分方式', '分值', '封顶', '适用组别', '说明'] as const;

/** A 考评办法 row as a record keyed by header, whichever form it was given in. */
export function methodRecord(row: MethodRow | MethodRecord): MethodRecord {
  if (!Array.isArray(row)) return row as MethodRecord;
  const tuple = row as MethodRow;
  return Object.fromEntries(V1_METHOD_HEADERS.map((h, i) => [h, i === 5 ? tuple[i] || null : tuple[i] ?? null]));
}

export interface BookDef {
  /** 参数 rows beyond the defaults, or overriding them: name → value. */
  readonly settings: Readonly<Record<string, Cell>>;
  readonly units: readonly UnitDef[];
  readonly method: readonly (MethodRow | MethodRecord)[];
  /** unit → indicator name → annual target. */
  readonly targets: Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  /** 单位名称, 月份, 分值, 事由, 认定单位. */
  readonly adjustments?: readonly (readonly Cell[])[];
  /** unit → rows keyed by ledger header (e.g. "项目编号"). */
  readonly ledgers?: Readonly<Record<string, readonly Readonly<Record<string, Cell>>[]>>;
  /**
   * Which optional (v2) columns the ledger and 考评办法 tabs get: 'all' (what `init` creates), or 'used'
   * (default: only those a row fills, so a v1 book keeps its v1 layout and cell addresses).
   */
  readonly columns?: 'all' | 'used';
  /** Extra tabs as they are (e.g. a 周报记录 history). */
  readonly extra?: Readonly<Record<string, Cell[][]>>;
}

export const DEFAULT_METHOD: readonly MethodRow[] = [
  ['到位资金', '到位资金', '目标完成率', 30, '120%', '', '1月至考核月累计到位资金，按年度目标和序时进度计算完成率。'],
  ['签约项目数', '签约项目数', '目标完成率', 15, '120%', '', '年内新签约项目个数。'],
  ['签约金额', '签约金额', '目标完成率', 15, '120%', '', '年内新签约项目合同投资额。'],
  ['亿元以上项目', '亿元以上签约项目数', '相对值', 10, '', '', '合同投资额 1 亿元以上的签约项目个数，与组内最高者相比。'],
  ['开工项目数', '开工项目数', '目标完成率', 10, '120%', '', '年内新开工项目个数。'],
  ['履约率', '履约率', '比率', 10, '', '', '签约满期限的项目中已开工的比例。'],
  ['周上报及时率', '周上报及时率', '比率', 5, '', '', '按时完成周上报的周数占比。'],
  ['投产项目数', '投产项目数', '相对值', 5, '', '县市组,开发区组', '年内投产项目个数，与组内最高者相比。'],
  ['重点企业签约', '重点企业签约数', '每项加分', 1, 3, '', '世界500强、中国500强、央企、国企、行业龙头签约，每个加 1 分，最多 3 分。'],
  ['超期未开工', '超期未开工项目数', '每项扣分', 1, 5, '', '签约超过期限仍未开工，每个扣 1 分，最多扣 5 分。'],
];

/** The 参数 rows of a new ledger, in order, with the contract's defaults. */
export function defaultSettings(year: number, city: string): [string, Cell][] {
  return SETTING_ROWS.map((r) => [r.name, r.initial(year, city)]);
}

const headers = (spec: TabSpec): string[] => spec.columns.map((c) => c.header);

/** Every tab of a ledger, as grids (header first), in the order a new workbook gets them. */
export function bookTabs(def: BookDef): Map<string, Cell[][]> {
  const tabs = new Map<string, Cell[][]>();
  const settings = new Map<string, Cell>(defaultSettings(0, '').map(([k, v]) => [k, v]));
  for (const [k, v] of Object.entries(def.settings)) settings.set(k, v);
  tabs.set(SETTINGS_TAB.name, [headers(SETTINGS_TAB), ...[...settings].map(([k, v]) => [k, v])]);
  tabs.set(UNITS_TAB.name, [
    headers(UNITS_TAB),
    ...def.units.map((u) => [u.name, u.group, u.leaderEmails ?? null, u.liaisonEmails ?? null, u.tab ?? null, u.robotGroup ?? null]),
  ]);
  const records = def.method.map(methodRecord);
  // 目标完成率 needs a column; any other indicator gets one when the book gives it targets (target-based, v2).
  const given = new Set(Object.values(def.targets).flatMap((t) => Object.keys(t)));
  const targetNames = records.filter((m) => scoringRule(String(m['计分方式'] ?? ''))?.target === 'required' || given.has(String(m['指标名称']))).map((m) => String(m['指标名称']));
  tabs.set(TARGETS_TAB_NAME, [
    [TARGETS_UNIT_COLUMN.header, ...targetNames],
    ...def.units.map((u) => [u.name, ...targetNames.map((n) => def.targets[u.name]?.[n] ?? null)]),
  ]);
  const used = (rows: readonly Readonly<Record<string, Cell>>[]) => (spec: ColumnSpec) =>
    !spec.optional || def.columns === 'all' || rows.some((r) => r[spec.header] !== undefined && r[spec.header] !== null && r[spec.header] !== '');
  const methodHeaders = METHOD_TAB.columns.filter(used(records)).map((c) => c.header);
  tabs.set(METHOD_TAB.name, [methodHeaders, ...records.map((m) => methodHeaders.map((h) => m[h] ?? null))]);
  tabs.set(ADJUSTMENTS_TAB.name, [headers(ADJUSTMENTS_TAB), ...(def.adjustments ?? []).map((r) => [...r])]);
  tabs.set(SIGNOFF_TAB.name, [headers(SIGNOFF_TAB)]);
  const ledgerHeaders = LEDGER_LAYOUT.filter(used(Object.values(def.ledgers ?? {}).flat())).map((c) => c.header);
  for (const u of def.units) {
    const rows = def.ledgers?.[u.name] ?? [];
    tabs.set(u.tab ?? defaultLedgerTab(u.name), [ledgerHeaders, ...rows.map((r) => ledgerHeaders.map((h) => r[h] ?? null))]);
  }
  for (const [name, grid] of Object.entries(def.extra ?? {})) tabs.set(name, grid);
  return tabs;
}

/** Names of the tabs `bookTabs` makes, plus the system tabs, for provisioning. */
export function allTabNames(def: BookDef): string[] {
  return [...bookTabs(def).keys(), ...SYSTEM_TAB_NAMES.filter((n) => !(def.extra && n in def.extra))];
}
