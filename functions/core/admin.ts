/**
 * The city bureau's tabs: 参数, 单位, 目标任务, 考评办法, 加减分 → typed settings, with findings for
 * their own problems. A bad setting falls back to its default (and says so); a missing tab is structural.
 */
import { a1, cellText, isBlank, normalizeHeader, splitList, toHalfWidth, type Cell, type Grid } from './cells.js';
import { decodeAmount, decodeNumber, decodeText, type Decoded } from './codecs.js';
import { parsePeriod, type Period } from './dates.js';
import type { Finding, StructureProblem } from './findings.js';
import { cellAt, locateTable } from './table.js';
import {
  ADJUSTMENTS_TAB, METHOD_TAB, SETTINGS_TAB, SETTING_ROWS, TARGETS_TAB_NAME, TARGETS_UNIT_COLUMN, UNITS_TAB, defaultLedgerTab, optionalKeys,
} from './tabs.js';
import { DEFAULT_CHAINS, LEVEL_ERROR, LEVEL_REMINDER, type Level } from './vocabulary.js';
import { adjustmentKind, ADJUSTMENT_KINDS, type AdjustmentKindName } from './adjustment-kinds.js';
import { basisRule, basisUnit, isAmountBasis, isRateBasis } from './bases.js';
import { parseMethod, type Indicator } from './method.js';
import { defaultPace, PACE_FIX, parsePaceText } from './pace.js';
import { scoringRule } from './scorings.js';
import { parseWeeklyDeadline, type WeeklyDeadline } from './weekly-deadline.js';

export interface Grade {
  readonly name: string;
  readonly min: number;
}

export interface Settings {
  readonly year: number;
  readonly city: string;
  readonly overdueDays: number;
  readonly staleDays: number;
  readonly weeklyDeadline: WeeklyDeadline;
  /** Cumulative share of the annual target due by the end of each month, 12 fractions. */
  readonly pace: readonly number[];
  readonly bulletinTo: readonly string[];
  readonly adminTo: readonly string[];
  /** Highest threshold first. */
  readonly grades: readonly Grade[];
  readonly chains: readonly string[];
  /** v2 美元汇率: 万元 per 万美元; undefined when not set. */
  readonly usdRate: number | undefined;
  /** v2 仅计认定项目: row-based 口径 count only 已认定 rows. */
  readonly recognisedOnly: boolean;
}

export interface Unit {
  readonly name: string;
  readonly group: string;
  readonly leaderEmails: readonly string[];
  readonly liaisonEmails: readonly string[];
  readonly tab: string;
  /** Row in 单位, for messages. */
  readonly row: number;
}

export interface Adjustment {
  readonly unit: string;
  readonly month: Period;
  readonly points: number;
  readonly reason: string;
  readonly by: string;
  /** v2 类型: 加减分 (blank), 一票否决 or 降一档. */
  readonly kind: AdjustmentKindName;
}

export interface AdminData {
  readonly settings: Settings;
  readonly units: readonly Unit[];
  readonly method: readonly Indicator[];
  /** unit → indicator name → annual target (only positive targets). */
  readonly targets: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly adjustments: readonly Adjustment[];
  /** Names of the target-based indicators (目标任务 has their column). */
  readonly targetBased: ReadonlySet<string>;
  /** True when the method uses 资金来源 (a usable row filters on it, or the 口径 实际利用外资). */
  readonly usesSource: boolean;
  readonly findings: readonly Finding[];
  readonly structure: readonly StructureProblem[];
}

export const DEFAULT_GRADES = '优秀:90,良好:80,一般:60,较差:0';

type FindingSink = (level: Level, tab: string, cell: string, field: string, value: Cell, problem: string, fix: string) => void;

function sinkInto(findings: Finding[], unit = ''): FindingSink {
  return (level, tab, cell, field, value, problem, fix) =>
    findings.push({ level, tab, cell, field, value: cellText(value), problem, fix, unit, projectId: '', row: Number(cell.replace(/^[A-Z]+/, '')) || 0 });
}

/** Parses the admin tabs. `tabs` maps tab name → grid; absent tabs are structure problems. */
export function parseAdmin(tabs: ReadonlyMap<string, Grid>): AdminData {
  const findings: Finding[] = [];
  const structure: StructureProblem[] = [];
  const report = sinkInto(findings);
  const need = (name: string): Grid => {
    const grid = tabs.get(name);
    if (grid) return grid;
    structure.push({ tab: name, message: `缺少“${name}”页：请恢复该页（可用 npm run init 生成的模板中的同名页），页名必须是“${name}”。` });
    return [];
  };
  const settings = parseSettings(need(SETTINGS_TAB.name), report);
  const unitsGrid = need(UNITS_TAB.name);
  const units = parseUnits(unitsGrid, report, structure);
  const method = parseMethod(need(METHOD_TAB.name), [...new Set(units.map((u) => u.group))], settings.chains, report, structure);
  const { targets, targetBased } = parseTargets(need(TARGETS_TAB_NAME), units, method, report, structure);
  const usesSource = method.some((m) => m.filter?.usesSource === true || basisRule(m.basis)?.usesSource === true);
  if (settings.usdRate === undefined && method.some((m) => basisUnit(m.basis) === '万美元')) {
    const at = settingCell(need(SETTINGS_TAB.name), '美元汇率');
    report(LEVEL_ERROR, SETTINGS_TAB.name, at.cell, '美元汇率', at.value, '考评办法有按万美元统计的指标，但美元汇率未填写，人民币项目无法折算，暂不计入', '请填写 1 万美元折合的万元数，如 7.1');
  }
  if (tabs.has(METHOD_TAB.name) && method.length === 0) {
    structure.push({ tab: METHOD_TAB.name, message: `“${METHOD_TAB.name}”页没有一条可用的指标：请至少填写一行（指标名称、口径、计分方式、分值），可参考 npm run init 生成的默认考评办法。` });
  }
  const adjustments = parseAdjustments(tabs.get(ADJUSTMENTS_TAB.name) ?? [[]], units, report, structure, tabs.has(ADJUSTMENTS_TAB.name));
  if (!tabs.has(ADJUSTMENTS_TAB.name)) {
    structure.push({ tab: ADJUSTMENTS_TAB.name, message: `缺少“${ADJUSTMENTS_TAB.name}”页：请新建该页，表头为 ${ADJUSTMENTS_TAB.columns.map((c) => c.header).join('、')}（没有加减分时保留空表即可）。` });
  }
  return { settings, units, method, targets, targetBased, usesSource, adjustments, findings, structure };
}

const SETTING_NAMES = SETTING_ROWS.map((r) => r.name);

/** Where a 参数 row's value is (B column of its row), or the tab's A1 when the row is missing. */
function settingCell(grid: Grid, name: string): { cell: string; value: Cell } {
  const i = grid.findIndex((row, r) => r > 0 && normalizeHeader(row?.[0]) === name);
  return i < 0 ? { cell: 'A1', value: undefined } : { cell: a1(1, i + 1), value: grid[i]?.[1] };
}

function parseSettings(grid: Grid, report: FindingSink): Settings {
  const tab = SETTINGS_TAB.name;
  const values = new Map<string, { cell: Cell; at: string }>();
  for (let i = 1; i < grid.length; i++) {
    const row = grid[i];
    if (!row || isBlank(row[0])) continue;
    const key = normalizeHeader(row[0]);
    if (!(SETTING_NAMES as readonly string[]).includes(key)) {
      report(LEVEL_REMINDER, tab, a1(0, i + 1), '参数', row[0], '不是系统认识的参数名，将被忽略', `可用的参数名：${SETTING_NAMES.join('、')}`);
      continue;
    }
    values.set(key, { cell: row[1], at: a1(1, i + 1) });
  }
  const get = (key: string) => values.get(key);
  const requiredText = (key: string, fallback: string, fix: string): string => {
    const entry = get(key);
    const text = entry ? cellText(entry.cell).trim() : '';
    if (text === '') report(LEVEL_ERROR, tab, entry?.at ?? 'A1', key, entry?.cell, `参数“${key}”未填写`, fix);
    return text === '' ? fallback : toHalfWidth(text);
  };
  const wholeNumber = (key: string, fallback: number): number => {
    const entry = get(key);
    if (!entry || isBlank(entry.cell)) return fallback;
    const decoded = decodeNumber(entry.cell);
    if (decoded.ok && decoded.value !== undefined && Number.isInteger(decoded.value) && decoded.value > 0) return decoded.value;
    report(LEVEL_ERROR, tab, entry.at, key, entry.cell, `不是正整数，暂按默认值 ${fallback} 计算`, `请填写天数，如 ${fallback}`);
    return fallback;
  };
  const yearText = requiredText('年度', '', '请在“值”列填写考核年度，如 2026');
  let year = Number(yearText);
  if (yearText !== '' && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    report(LEVEL_ERROR, tab, get('年度')?.at ?? 'B2', '年度', get('年度')?.cell, '不是有效年份', '请填写四位年份，如 2026');
  }
  if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) year = 0;
  const city = requiredText('城市', '本市', '请填写城市名称，如 焦作市，报告标题会用到');
  const deadlineEntry = get('周上报截止');
  let weeklyDeadline = parseWeeklyDeadline('周五 17:00')!;
  if (deadlineEntry && !isBlank(deadlineEntry.cell)) {
    const parsed = parseWeeklyDeadline(cellText(deadlineEntry.cell));
    if (parsed) weeklyDeadline = parsed;
    else report(LEVEL_ERROR, tab, deadlineEntry.at, '周上报截止', deadlineEntry.cell, '无法识别，暂按“周五 17:00”', '请写成“周五 17:00”的形式：星期用周一至周日，时间用 24 小时制');
  }
  return {
    year,
    city,
    overdueDays: wholeNumber('超期未开工天数', 180),
    staleDays: wholeNumber('长期未更新天数', 14),
    weeklyDeadline,
    pace: parsePace(get('序时进度'), report),
    bulletinTo: parseEmails(get('通报收件人'), '通报收件人', tab, report),
    adminTo: parseEmails(get('管理员邮箱'), '管理员邮箱', tab, report),
    grades: parseGrades(get('等次'), report),
    chains: parseChains(get('产业链')),
    usdRate: parseUsdRate(get('美元汇率'), report),
    recognisedOnly: parseYesNo(get('仅计认定项目'), '仅计认定项目', report),
  };
}

function parseUsdRate(entry: { cell: Cell; at: string } | undefined, report: FindingSink): number | undefined {
  if (!entry || isBlank(entry.cell)) return undefined;
  const decoded = decodeNumber(entry.cell);
  if (decoded.ok && decoded.value !== undefined && decoded.value > 0) return decoded.value;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry.at, '美元汇率', entry.cell, '不是正数，暂按未填写处理', '请填写 1 万美元折合的万元数，如 7.1');
  return undefined;
}

function parseYesNo(entry: { cell: Cell; at: string } | undefined, field: string, report: FindingSink): boolean {
  const text = entry ? toHalfWidth(cellText(entry.cell)).trim() : '';
  if (text === '' || text === '否') return false;
  if (text === '是') return true;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry?.at ?? 'A1', field, entry?.cell, '只能填“是”或“否”，暂按“否”处理', `请填写 是 或 否`);
  return false;
}

function parsePace(entry: { cell: Cell; at: string } | undefined, report: FindingSink): number[] {
  if (!entry || isBlank(entry.cell)) return defaultPace();
  const pace = parsePaceText(cellText(entry.cell));
  if (pace) return pace;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry.at, '序时进度', entry.cell, '不是 12 个逐月不减、介于 0 和 100% 之间的累计进度，暂按每月 1/12 计算', `${PACE_FIX}；留空则按每月 1/12`);
  return defaultPace();
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Email lists separated by `,` `;` `、` spaces or newlines (full-width too); bad addresses are errors. */
export function parseEmails(entry: { cell: Cell; at: string } | undefined, field: string, tab: string, report: FindingSink): string[] {
  if (!entry || isBlank(entry.cell)) return [];
  const good: string[] = [];
  for (const part of splitList(cellText(entry.cell))) {
    if (EMAIL.test(part)) {
      if (!good.includes(part.toLowerCase())) good.push(part.toLowerCase());
    } else {
      report(LEVEL_ERROR, tab, entry.at, field, entry.cell, `“${part}”不是有效的邮箱地址，不会给它发信`, '请写成 name@example.gov.cn 的形式，多个地址用逗号或顿号分隔');
    }
  }
  return good;
}

function parseGrades(entry: { cell: Cell; at: string } | undefined, report: FindingSink): Grade[] {
  const text = entry && !isBlank(entry.cell) ? cellText(entry.cell) : DEFAULT_GRADES;
  const grades: Grade[] = [];
  for (const part of toHalfWidth(text).split(/[,;、，；\n]+/)) {
    const m = /^\s*([^:]+?)\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) {
      report(LEVEL_ERROR, SETTINGS_TAB.name, entry?.at ?? 'B1', '等次', entry?.cell, `“${part}”无法识别，暂按默认等次`, `请写成“${DEFAULT_GRADES}”的形式`);
      return parseGrades(undefined, report);
    }
    grades.push({ name: m[1] ?? '', min: Number(m[2]) });
  }
  return grades.sort((a, b) => b.min - a.min);
}

function parseChains(entry: { cell: Cell; at: string } | undefined): string[] {
  if (!entry || isBlank(entry.cell)) return [...DEFAULT_CHAINS];
  const chains = toHalfWidth(cellText(entry.cell)).split(/[,;、，；\n]+/).map((s) => s.trim()).filter(Boolean);
  return chains.length > 0 ? [...new Set(chains)] : [...DEFAULT_CHAINS];
}

function parseUnits(grid: Grid, report: FindingSink, structure: StructureProblem[]): Unit[] {
  const tab = UNITS_TAB.name;
  const table = locateTable(tab, grid, UNITS_TAB.columns, ['tab']);
  if (grid.length > 0) structure.push(...table.problems);
  const units: Unit[] = [];
  const colOf = (key: string) => table.columns.get(key) ?? 0;
  for (const { row, cells } of table.rows) {
    const name = textOf(cellAt(cells, table.columns, 'name'));
    const group = textOf(cellAt(cells, table.columns, 'group'));
    if (name === '') {
      report(LEVEL_ERROR, tab, a1(colOf('name'), row), '单位名称', '', '单位名称未填写，本行被忽略', '请填写单位名称，或删除本行');
      continue;
    }
    if (units.some((u) => u.name === name)) {
      report(LEVEL_ERROR, tab, a1(colOf('name'), row), '单位名称', name, '单位名称重复，本行被忽略', '每个单位只保留一行');
      continue;
    }
    if (group === '') {
      report(LEVEL_ERROR, tab, a1(colOf('group'), row), '考核组别', '', `“${name}”的考核组别未填写，本单位不参加排名`, '请填写考核组别，如 县市组');
      continue;
    }
    const emails = (key: string, field: string) => parseEmails({ cell: cellAt(cells, table.columns, key), at: a1(colOf(key), row) }, field, tab, report);
    const tabName = textOf(cellAt(cells, table.columns, 'tab'));
    const ledgerTab = tabName === '' ? defaultLedgerTab(name) : tabName;
    const sharing = units.find((u) => u.tab === ledgerTab);
    if (sharing) {
      report(LEVEL_ERROR, tab, a1(colOf('tab'), row), '台账页名', ledgerTab, `与“${sharing.name}”的台账页相同，本单位不参加排名`, '每个单位要有自己的台账页：请填写不同的台账页名');
      continue;
    }
    units.push({
      name,
      group,
      leaderEmails: emails('leaderEmails', '负责人邮箱'),
      liaisonEmails: emails('liaisonEmails', '联络员邮箱'),
      tab: ledgerTab,
      row,
    });
  }
  return units;
}

function textOf(cell: Cell): string {
  const decoded = decodeText(cell);
  return decoded.ok && decoded.value !== undefined ? toHalfWidth(decoded.value).trim() : '';
}

/**
 * 目标任务: an indicator is target-based when this tab has a column headed with its name and its 计分方式
 * allows a target (v2); 目标完成率 requires one. Only positive targets are kept.
 */
function parseTargets(grid: Grid, units: readonly Unit[], method: readonly Indicator[], report: FindingSink, structure: StructureProblem[]): { targets: Map<string, Map<string, number>>; targetBased: Set<string> } {
  const tab = TARGETS_TAB_NAME;
  const targets = new Map<string, Map<string, number>>();
  const targetBased = new Set<string>();
  if (grid.length === 0) return { targets, targetBased };
  const table = locateTable(tab, grid, [TARGETS_UNIT_COLUMN]);
  structure.push(...table.problems);
  const header = grid[0] ?? [];
  const columnOf = new Map<string, number>();
  header.forEach((cell, i) => columnOf.set(normalizeHeader(cell), i));
  for (const indicator of method) {
    const rule = scoringRule(indicator.scoring);
    const col = columnOf.get(normalizeHeader(indicator.name));
    if (rule?.target === 'required' && col === undefined) {
      structure.push({ tab, message: `“${tab}”页缺少“${indicator.name}”列：考评办法中该指标按${indicator.scoring}计分，请在第 1 行加上这一列并填写各单位年度目标。` });
    } else if (col !== undefined && (rule?.target === 'forbidden' || isRateBasis(indicator.basis))) {
      report(LEVEL_REMINDER, tab, a1(col, 1), indicator.name, header[col], `“${indicator.name}”按${indicator.scoring}计分${isRateBasis(indicator.basis) ? '、口径是比率' : ''}，不按年度目标考核，这一列不起作用`, '可删除这一列；要按目标考核，请改用目标完成率、分档、功效系数、排名计分或相对值');
    } else if (col !== undefined) {
      targetBased.add(indicator.name);
    }
  }
  const targetIndicators = method.filter((m) => targetBased.has(m.name));
  const rowOf = new Map<string, { row: number; cells: readonly Cell[] }>();
  const unitCol = table.columns.get('unit') ?? 0;
  for (const entry of table.rows) {
    const name = textOf(entry.cells[unitCol]);
    if (name === '') continue;
    if (!units.some((u) => u.name === name)) {
      report(LEVEL_ERROR, tab, a1(unitCol, entry.row), '单位名称', name, '不是“单位”页中的单位，本行目标不起作用', '请与“单位”页的单位名称保持一致');
      continue;
    }
    rowOf.set(name, entry);
  }
  for (const unit of units) {
    const entry = rowOf.get(unit.name);
    const unitTargets = new Map<string, number>();
    targets.set(unit.name, unitTargets);
    for (const indicator of targetIndicators) {
      if (indicator.groups && !indicator.groups.includes(unit.group)) continue;
      const col = columnOf.get(normalizeHeader(indicator.name));
      if (col === undefined) continue;
      const cell = entry?.cells[col];
      const decoded: Decoded<number> = isAmountBasis(indicator.basis) ? decodeAmount(cell) : decodeNumber(cell);
      if (decoded.ok && decoded.value !== undefined && decoded.value > 0) {
        unitTargets.set(indicator.name, decoded.value);
        continue;
      }
      const where = entry ? a1(col, entry.row) : a1(unitCol, 1);
      const problem = !entry ? `没有“${unit.name}”这一行，${indicator.name}目标缺失` : decoded.ok ? `“${unit.name}”的“${indicator.name}”年度目标不是正数` : `“${unit.name}”的“${indicator.name}”年度目标${decoded.problem}`;
      report(LEVEL_ERROR, tab, where, indicator.name, cell, `${problem}，该指标得 0 分`, `请填写大于 0 的年度目标（${basisUnit(indicator.basis)}）`);
    }
  }
  return { targets, targetBased };
}

function parseAdjustments(grid: Grid, units: readonly Unit[], report: FindingSink, structure: StructureProblem[], present: boolean): Adjustment[] {
  const tab = ADJUSTMENTS_TAB.name;
  const table = locateTable(tab, grid, ADJUSTMENTS_TAB.columns, ['by', ...optionalKeys(ADJUSTMENTS_TAB.columns)]);
  if (present) structure.push(...table.problems);
  const colOf = (key: string) => table.columns.get(key) ?? 0;
  const adjustments: Adjustment[] = [];
  for (const { row, cells } of table.rows) {
    const raw = (key: string) => cellAt(cells, table.columns, key);
    const at = (key: string) => a1(colOf(key), row);
    const unit = textOf(raw('unit'));
    if (!units.some((u) => u.name === unit)) {
      report(LEVEL_ERROR, tab, at('unit'), '单位名称', raw('unit'), '不是“单位”页中的单位，本行不计分', '请与“单位”页的单位名称保持一致');
      continue;
    }
    const monthRaw = raw('month');
    const month = monthRaw instanceof Date ? { year: monthRaw.getUTCFullYear(), month: monthRaw.getUTCMonth() + 1 } : parsePeriod(toHalfWidth(cellText(monthRaw)));
    if (!month) {
      report(LEVEL_ERROR, tab, at('month'), '月份', monthRaw, '无法识别为月份，本行不计分', '请写成 2026-06 的形式');
      continue;
    }
    const kind = adjustmentKind(textOf(raw('kind')));
    if (!kind) {
      report(LEVEL_ERROR, tab, at('kind'), '类型', raw('kind'), '不是可识别的类型，本行不计', `请留空或填写：${ADJUSTMENT_KINDS.map((k) => k.name).join('、')}`);
      continue;
    }
    const points = decodeNumber(raw('points'));
    // 一票否决 and 降一档 ignore 分值: whatever is typed there does not matter.
    if (kind.addsPoints && (!points.ok || points.value === undefined)) {
      report(LEVEL_ERROR, tab, at('points'), '分值', raw('points'), '不是数字，本行不计分', '加分填正数，扣分填负数，如 -2');
      continue;
    }
    const reason = textOf(raw('reason'));
    if (reason === '') report(LEVEL_REMINDER, tab, at('reason'), '事由', '', kind.addsPoints ? '加减分没有填写事由' : `${kind.name}没有填写事由`, '请写明依据，报告中会显示');
    adjustments.push({ unit, month, points: kind.addsPoints && points.ok ? points.value ?? 0 : 0, reason, by: textOf(raw('by')), kind: kind.name as AdjustmentKindName });
  }
  return adjustments;
}
