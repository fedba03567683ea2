/**
 * The city bureau's tabs: 参数, 单位, 目标任务, 考评办法, 加减分 → typed settings, with findings for
 * their own problems. A bad setting falls back to its default (and says so); a missing tab is structural.
 */
import { a1, cellText, normalizeHeader, toHalfWidth, type Cell, type Grid } from './cells.js';
import { decodeAmount, decodeNumber, decodeText, type Decoded } from './codecs.js';
import { parsePeriod, type Period } from './dates.js';
import type { Finding, FindingSink, StructureProblem } from './findings.js';
import { cellAt, locateTable } from './table.js';
import {
  ADJUSTMENTS_TAB, METHOD_TAB, SETTINGS_TAB, TARGETS_TAB_NAME, TARGETS_UNIT_COLUMN, UNITS_TAB, defaultLedgerTab, optionalKeys,
} from './tabs.js';
import { LEVEL_ERROR, LEVEL_REMINDER } from './vocabulary.js';
import { adjustmentKind, ADJUSTMENT_KINDS, type AdjustmentKindName } from './adjustment-kinds.js';
import { basisRule, basisUnit, isAmountBasis, isRateBasis } from './bases.js';
import { parseMethod, type Indicator } from './method.js';
import { scoringRule, targetScorings } from './scorings.js';
import { namedCell, parseEmails, parseSettings, settingCell, type NamedCell, type Settings } from './settings.js';

export type { NamedCell };

export interface Unit {
  readonly name: string;
  readonly group: string;
  readonly leaderEmails: readonly string[];
  readonly liaisonEmails: readonly string[];
  readonly tab: string;
  /** Row in 单位, for messages. */
  readonly row: number;
  /** 工作群: the robot group that gets this unit's report digest. */
  readonly robotGroup: NamedCell | undefined;
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

function parseUnits(grid: Grid, report: FindingSink, structure: StructureProblem[]): Unit[] {
  const tab = UNITS_TAB.name;
  const table = locateTable(tab, grid, UNITS_TAB.columns, ['tab', ...optionalKeys(UNITS_TAB.columns)]);
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
      robotGroup: namedCell(cellAt(cells, table.columns, 'robotGroup'), a1(colOf('robotGroup'), row)),
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
      report(LEVEL_REMINDER, tab, a1(col, 1), indicator.name, header[col], `“${indicator.name}”按${indicator.scoring}计分${isRateBasis(indicator.basis) ? '、口径是比率' : ''}，不按年度目标考核，这一列不起作用`, `可删除这一列；要按目标考核，请改用${targetScorings()}`);
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
