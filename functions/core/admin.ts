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
  ADJUSTMENTS_TAB, METHOD_TAB, SETTINGS_TAB, TARGETS_TAB_NAME, TARGETS_UNIT_COLUMN, UNITS_TAB, defaultLedgerTab,
} from './tabs.js';
import {
  AMOUNT_BASES, BASES, DEFAULT_CHAINS, LEVEL_ERROR, LEVEL_REMINDER, RATE_BASES, SCORINGS, type Basis, type Level, type Scoring,
} from './vocabulary.js';
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
  /** 发文单位 of the 通报 (its red header and 落款); default `{城市}招商引资工作领导小组办公室`. */
  readonly issuer: string;
  /** 期号 of the January 通报; month m's is 期号 + m − 1 (default 1: the issue is the month). */
  readonly firstIssue: number;
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

export interface Indicator {
  readonly name: string;
  readonly basis: Basis;
  readonly scoring: Scoring;
  readonly points: number;
  /** Ratio cap for 目标完成率/比率, points cap for 每项加分/扣分; undefined = none. */
  readonly cap: number | undefined;
  /** undefined = every group. */
  readonly groups: readonly string[] | undefined;
  readonly description: string;
}

export interface Adjustment {
  readonly unit: string;
  readonly month: Period;
  readonly points: number;
  readonly reason: string;
  readonly by: string;
}

export interface AdminData {
  readonly settings: Settings;
  readonly units: readonly Unit[];
  readonly method: readonly Indicator[];
  /** unit → indicator name → annual target (only positive targets). */
  readonly targets: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly adjustments: readonly Adjustment[];
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
  const method = parseMethod(need(METHOD_TAB.name), report, structure);
  const targets = parseTargets(need(TARGETS_TAB_NAME), units, method, report, structure);
  if (tabs.has(METHOD_TAB.name) && method.length === 0) {
    structure.push({ tab: METHOD_TAB.name, message: `“${METHOD_TAB.name}”页没有一条可用的指标：请至少填写一行（指标名称、口径、计分方式、分值），可参考 npm run init 生成的默认考评办法。` });
  }
  const adjustments = parseAdjustments(tabs.get(ADJUSTMENTS_TAB.name) ?? [[]], units, report, structure, tabs.has(ADJUSTMENTS_TAB.name));
  if (!tabs.has(ADJUSTMENTS_TAB.name)) {
    structure.push({ tab: ADJUSTMENTS_TAB.name, message: `缺少“${ADJUSTMENTS_TAB.name}”页：请新建该页，表头为 ${ADJUSTMENTS_TAB.columns.map((c) => c.header).join('、')}（没有加减分时保留空表即可）。` });
  }
  return { settings, units, method, targets, adjustments, findings, structure };
}

const SETTING_NAMES = ['年度', '城市', '超期未开工天数', '长期未更新天数', '周上报截止', '序时进度', '通报收件人', '管理员邮箱', '等次', '产业链', '发文单位', '期号'] as const;

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
  const wholeNumber = (key: string, fallback: number, fix = `请填写天数，如 ${fallback}`): number => {
    const entry = get(key);
    if (!entry || isBlank(entry.cell)) return fallback;
    const decoded = decodeNumber(entry.cell);
    if (decoded.ok && decoded.value !== undefined && Number.isInteger(decoded.value) && decoded.value > 0) return decoded.value;
    report(LEVEL_ERROR, tab, entry.at, key, entry.cell, `不是正整数，暂按默认值 ${fallback} 计算`, fix);
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
    issuer: cellText(get('发文单位')?.cell ?? '').trim() || `${city}招商引资工作领导小组办公室`,
    firstIssue: wholeNumber('期号', 1, '请填写 1 月通报的期号（正整数），如 1；留空则期号等于月份'),
  };
}

function defaultPace(): number[] {
  return Array.from({ length: 12 }, (_, i) => (i + 1) / 12);
}

function parsePace(entry: { cell: Cell; at: string } | undefined, report: FindingSink): number[] {
  if (!entry || isBlank(entry.cell)) return defaultPace();
  const parts = splitList(cellText(entry.cell));
  const fix = '请填写 12 个逗号分隔、逐月不减的累计百分比，如 5%,12%,20%,28%,36%,45%,53%,62%,71%,80%,90%,100%；留空则按每月 1/12';
  const anyPercent = parts.some((part) => part.endsWith('%'));
  const numbers = parts.map((part) => {
    const decoded = decodeNumber(anyPercent && !part.endsWith('%') ? `${part}%` : part);
    return decoded.ok && decoded.value !== undefined ? decoded.value : Number.NaN;
  });
  const fractions = anyPercent || numbers.every((n) => n <= 1) ? numbers : numbers.map((n) => n / 100);
  const valid =
    fractions.length === 12 &&
    fractions.every((n, i) => Number.isFinite(n) && n > 0 && n <= 1 && (i === 0 || n >= (fractions[i - 1] ?? 0)));
  if (valid) return fractions;
  report(LEVEL_ERROR, SETTINGS_TAB.name, entry.at, '序时进度', entry.cell, '不是 12 个逐月不减、介于 0 和 100% 之间的累计进度，暂按每月 1/12 计算', fix);
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

function parseMethod(grid: Grid, report: FindingSink, structure: StructureProblem[]): Indicator[] {
  const tab = METHOD_TAB.name;
  const table = locateTable(tab, grid, METHOD_TAB.columns, ['description']);
  if (grid.length > 0) structure.push(...table.problems);
  const colOf = (key: string) => table.columns.get(key) ?? 0;
  const method: Indicator[] = [];
  for (const { row, cells } of table.rows) {
    const at = (key: string) => a1(colOf(key), row);
    const raw = (key: string) => cellAt(cells, table.columns, key);
    const name = textOf(raw('name'));
    const skip = (key: string, field: string, problem: string, fix: string) =>
      report(LEVEL_ERROR, tab, at(key), field, raw(key), `${problem}，指标“${name || '（未命名）'}”暂不计分`, fix);
    if (name === '') { skip('name', '指标名称', '指标名称未填写', '请填写指标名称'); continue; }
    if (method.some((m) => m.name === name)) { skip('name', '指标名称', '指标名称重复', '每个指标名称只能出现一次'); continue; }
    const basis = textOf(raw('basis')).replace(/\s/g, '') as Basis;
    if (!BASES.includes(basis)) { skip('basis', '口径', '口径不在可选范围内', `请填写：${BASES.join('、')}`); continue; }
    const scoring = textOf(raw('scoring')).replace(/\s/g, '') as Scoring;
    if (!SCORINGS.includes(scoring)) { skip('scoring', '计分方式', '计分方式不在可选范围内', `请填写：${SCORINGS.join('、')}`); continue; }
    const isRate = RATE_BASES.includes(basis);
    if (scoring === '比率' && !isRate) { skip('scoring', '计分方式', `“比率”只适用于履约率、周上报及时率，而口径是“${basis}”`, '请改用目标完成率、相对值或每项加分/扣分'); continue; }
    if (scoring !== '比率' && isRate) { skip('scoring', '计分方式', `口径“${basis}”是比率，只能用“比率”计分`, '请把计分方式改为“比率”'); continue; }
    if ((scoring === '每项加分' || scoring === '每项扣分') && AMOUNT_BASES.includes(basis)) {
      skip('scoring', '计分方式', `“${scoring}”按项目个数计分，不适用于金额口径“${basis}”`, '请改用目标完成率或相对值'); continue;
    }
    const points = decodeNumber(raw('points'));
    if (!points.ok || points.value === undefined || points.value < 0) { skip('points', '分值', '分值必须是非负数字', '请填写分值，如 30；扣分项也填正数'); continue; }
    const capDecoded = decodeNumber(raw('cap'));
    if (!capDecoded.ok || (capDecoded.value !== undefined && capDecoded.value <= 0)) {
      skip('cap', '封顶', '封顶必须是正数或留空', '目标完成率写 1.2 或 120%，每项加减分写最多分数，不封顶则留空'); continue;
    }
    let cap = capDecoded.value;
    // "封顶 120" on a ratio is surely meant as 120%: accept it, and say so.
    if (cap !== undefined && (scoring === '目标完成率' || scoring === '比率') && cap > 10) {
      report(LEVEL_REMINDER, tab, at('cap'), '封顶', raw('cap'), `按 ${cap}% 理解`, '完成率封顶请写成 1.2 或 120%');
      cap = cap / 100;
    }
    const groupsText = textOf(raw('groups'));
    method.push({
      name, basis, scoring, points: points.value, cap,
      groups: groupsText === '' ? undefined : splitList(groupsText),
      description: textOf(raw('description')),
    });
  }
  return method;
}

function parseTargets(grid: Grid, units: readonly Unit[], method: readonly Indicator[], report: FindingSink, structure: StructureProblem[]): Map<string, Map<string, number>> {
  const tab = TARGETS_TAB_NAME;
  const targets = new Map<string, Map<string, number>>();
  if (grid.length === 0) return targets;
  const table = locateTable(tab, grid, [TARGETS_UNIT_COLUMN]);
  structure.push(...table.problems);
  const header = grid[0] ?? [];
  const targetIndicators = method.filter((m) => m.scoring === '目标完成率');
  const columnOf = new Map<string, number>();
  header.forEach((cell, i) => columnOf.set(normalizeHeader(cell), i));
  for (const indicator of targetIndicators) {
    if (!columnOf.has(normalizeHeader(indicator.name))) {
      structure.push({ tab, message: `“${tab}”页缺少“${indicator.name}”列：考评办法中该指标按目标完成率计分，请在第 1 行加上这一列并填写各单位年度目标。` });
    }
  }
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
      const decoded: Decoded<number> = AMOUNT_BASES.includes(indicator.basis) ? decodeAmount(cell) : decodeNumber(cell);
      if (decoded.ok && decoded.value !== undefined && decoded.value > 0) {
        unitTargets.set(indicator.name, decoded.value);
        continue;
      }
      const where = entry ? a1(col, entry.row) : a1(unitCol, 1);
      const problem = !entry ? `没有“${unit.name}”这一行，${indicator.name}目标缺失` : decoded.ok ? `“${unit.name}”的“${indicator.name}”年度目标不是正数` : `“${unit.name}”的“${indicator.name}”年度目标${decoded.problem}`;
      report(LEVEL_ERROR, tab, where, indicator.name, cell, `${problem}，该指标得 0 分`, `请填写大于 0 的年度目标（${AMOUNT_BASES.includes(indicator.basis) ? '万元' : '个'}）`);
    }
  }
  return targets;
}

function parseAdjustments(grid: Grid, units: readonly Unit[], report: FindingSink, structure: StructureProblem[], present: boolean): Adjustment[] {
  const tab = ADJUSTMENTS_TAB.name;
  const table = locateTable(tab, grid, ADJUSTMENTS_TAB.columns, ['by']);
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
    const points = decodeNumber(raw('points'));
    if (!points.ok || points.value === undefined) {
      report(LEVEL_ERROR, tab, at('points'), '分值', raw('points'), '不是数字，本行不计分', '加分填正数，扣分填负数，如 -2');
      continue;
    }
    const reason = textOf(raw('reason'));
    if (reason === '') report(LEVEL_REMINDER, tab, at('reason'), '事由', '', '加减分没有填写事由', '请写明加减分的依据，报告中会显示');
    adjustments.push({ unit, month, points: points.value, reason, by: textOf(raw('by')) });
  }
  return adjustments;
}
