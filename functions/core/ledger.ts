/**
 * Reading every unit's ledger tab: each row through the row schema, then the rules that need more than
 * one row (duplicate 项目编号, one project in two units) or the last run (stage went backwards), and the
 * reminders. Returns projects and findings; never throws.
 */
import { a1, cellText, isBlank, type Cell, type Grid, toHalfWidth } from './cells.js';
import type { AdminData, Unit } from './admin.js';
import { formatDay, shanghaiParts, type Day } from './dates.js';
import type { Finding, StructureProblem } from './findings.js';
import { HEADER_OF, ledgerRowSchema, rowCodecs, type DecodedRow, type RuleParams } from './ledger-row.js';
import { jsonStringArray } from './json-strings.js';
import { locateTable, type ColumnMap } from './table.js';
import { CHECK_COLUMN, LEDGER_COLUMNS, MONTH_KEYS, optionalKeys } from './tabs.js';
import { LEVEL_ERROR, LEVEL_REMINDER, isActive, stageRank, type CompanyType, type Currency, type FundSource, type Level, type Recognition, type Stage } from './vocabulary.js';

/** A ledger row, decoded. Fields that were blank or invalid are undefined. */
export interface Project {
  readonly unit: string;
  readonly tab: string;
  /** 1-based sheet row. */
  readonly row: number;
  readonly id: string;
  readonly name: string;
  readonly investor: string | undefined;
  readonly investorPlace: string | undefined;
  /** v2 资金来源; undefined when blank (or the tab has no such column). */
  readonly source: FundSource | undefined;
  /** v2 币种: blank reads as 人民币. */
  readonly currency: Currency;
  /** v2 认定状态: blank reads as 未认定. */
  readonly recognition: Recognition;
  readonly chain: string | undefined;
  readonly method: string | undefined;
  readonly companyTypes: readonly CompanyType[];
  readonly stage: Stage | undefined;
  readonly totalInvestment: number | undefined;
  readonly contractAmount: number | undefined;
  readonly signDate: Day | undefined;
  readonly startDate: Day | undefined;
  readonly productionDate: Day | undefined;
  /** Amounts are in 万元: a 美元 row's amounts × 参数.美元汇率, unrounded. */
  readonly priorArrived: number | undefined;
  /** 到位 of months 1–12 in 万元, 0 where blank. */
  readonly arrived: readonly number[];
  /** 到位 of months 1–12 as typed, in the row's 币种 (万美元 on a 美元 row). */
  readonly arrivedTyped: readonly number[];
  readonly leader: string | undefined;
  readonly progress: string | undefined;
  readonly problems: string | undefined;
  readonly updated: Day | undefined;
  /** False when the row has any 错误: it is left out of the assessment. */
  readonly counted: boolean;
  /**
   * The row's cells as read and where each field is: for the snapshot and for quoting values. Empty in
   * the projects of a {@link releaseRowCells} call (every `checkBook` outcome): see there why.
   */
  readonly cells: readonly Cell[];
  readonly columns: ColumnMap;
}

/**
 * Display text of every ledger column, in {@link SNAPSHOT_HEADERS} order: what the snapshot keeps of a row.
 * The v2 columns come last and are left off while all blank, so a v1 row's snapshot is unchanged.
 */
export function projectTexts(project: Project): string[] {
  const { cells } = project;
  // A released project would give blank texts, a 快照 that silently lost the row: fail loudly instead.
  if (cells === RELEASED) throw new Error(`projectTexts: the cells of ${project.tab} row ${project.row} were released after the check`);
  const at = snapshotPositions(project.columns);
  // Where the texts end is found first, so no array is made only to be cut short (a v1 tab has no v2 columns).
  let end = at.length;
  while (end > V1_COLUMN_COUNT && cellText(cells[at[end - 1] ?? -1]) === '') end--;
  const texts: string[] = [];
  for (let i = 0; i < end; i++) texts.push(cellText(cells[at[i] ?? -1]));
  return texts;
}

/** The cells of a project after {@link releaseRowCells}: one shared empty row. */
const RELEASED: readonly Cell[] = Object.freeze([]);

/**
 * Lets go of each project's row cells, once the 快照 is taken and every finding is made (the last uses of
 * the cells). Why: the cells are the ledger grid's own rows and texts (some 65 MB for 100,000 rows), and a
 * project lives on through reports, mail and the write, so the grids could never be freed while it held
 * them. Nothing after the check reads them (scores, warnings, reports and 周报 use the decoded fields);
 * {@link projectTexts} throws on a released project rather than give an empty row.
 * The projects are the caller's own, fresh from {@link readLedger}, and not yet handed to anyone else.
 */
export function releaseRowCells(projects: readonly Project[]): void {
  for (const p of projects) (p as { cells: readonly Cell[] }).cells = RELEASED;
}

/** The 快照 内容 of a project: its {@link projectTexts} as a JSON array. */
export function snapshotJson(project: Project): string {
  return jsonStringArray(projectTexts(project));
}

/** Each tab's snapshot column positions, found once per tab rather than once per row. */
const positions = new WeakMap<ColumnMap, readonly number[]>();

function snapshotPositions(columns: ColumnMap): readonly number[] {
  let at = positions.get(columns);
  if (!at) {
    at = SNAPSHOT_COLUMNS.map((column) => columns.get(column.key) ?? -1);
    positions.set(columns, at);
  }
  return at;
}

const DATA_COLUMNS = LEDGER_COLUMNS.filter((c) => c.key !== CHECK_COLUMN);
const SNAPSHOT_COLUMNS = [...DATA_COLUMNS.filter((c) => !c.optional), ...DATA_COLUMNS.filter((c) => c.optional)];
const V1_COLUMN_COUNT = DATA_COLUMNS.filter((c) => !c.optional).length;

/** The ledger headers a snapshot's 内容 array follows. */
export const SNAPSHOT_HEADERS: readonly string[] = SNAPSHOT_COLUMNS.map((c) => c.header);

/** Last recorded stage of each project, from 快照: key `${unit}\u0000${id}`. */
export type PreviousStages = ReadonlyMap<string, Stage>;

export interface LedgerInput {
  readonly tabs: ReadonlyMap<string, Grid>;
  readonly admin: AdminData;
  readonly now: Date;
  readonly previousStages?: PreviousStages;
}

export interface LedgerResult {
  readonly projects: readonly Project[];
  readonly findings: readonly Finding[];
  readonly structure: readonly StructureProblem[];
  /** Where each unit tab's columns are, for writing the 校验 column. */
  readonly layouts: ReadonlyMap<string, ColumnMap>;
}

/** Key of a project in maps keyed by unit and 项目编号. */
export function projectKey(unit: string, id: string): string {
  return `${unit}\u0000${id}`;
}

/** Validates and decodes every unit's ledger tab. */
export function readLedger(input: LedgerInput): LedgerResult {
  const { admin, now } = input;
  const today = shanghaiParts(now);
  const year = admin.settings.year;
  const openMonths = today.year > year ? 12 : today.year < year ? 0 : today.month;
  const usdRate = admin.settings.usdRate;
  const findings: Finding[] = [];
  const structure: StructureProblem[] = [];
  const projects: Project[] = [];
  const layouts = new Map<string, ColumnMap>();
  const flagged = new Set<Project>();
  const codecContext = { chains: admin.settings.chains, today: today.dayNumber, openMonths };
  const codecs = rowCodecs(codecContext);

  for (const unit of admin.units) {
    const grid = input.tabs.get(unit.tab);
    if (!grid) {
      structure.push({ tab: unit.tab, message: `缺少单位“${unit.name}”的台账页“${unit.tab}”：请新建该页（npm run init 可补建），或在“单位”页的“台账页名”中填写实际页名。` });
      continue;
    }
    const table = locateTable(unit.tab, grid, LEDGER_COLUMNS, [CHECK_COLUMN, ...optionalKeys(LEDGER_COLUMNS)]);
    if (table.problems.length > 0) {
      structure.push(...table.problems);
      continue;
    }
    layouts.set(unit.tab, table.columns);
    const hasSource = table.columns.has('source');
    if (admin.usesSource && !hasSource) findings.push(missingSourceColumn(unit, grid));
    const context = { ...codecContext, sourceRequired: admin.usesSource && hasSource };
    const parser = ledgerRowSchema(context, table.columns, codecs);
    const dataAt = DATA_COLUMNS.map((c) => table.columns.get(c.key) ?? -1);
    const sink: Sink = { unit, columns: table.columns, findings };
    for (const { row, cells } of table.rows) {
      if (allBlank(cells, dataAt)) continue; // a row holding nothing but a stale 校验 text
      const parsed = parser.parse(cells);
      // A 美元 row cannot be converted to 万元 without 参数.美元汇率: it is an 错误 on the row until set.
      const noRate = parsed.row.currency === '美元' && usdRate === undefined;
      const project = toProject(unit, row, parsed.row, cells, table.columns, parsed.issues.length === 0 && !noRate, usdRate);
      for (const issue of parsed.issues) {
        const key = String(issue.path[0] ?? 'id');
        add(sink, project, LEVEL_ERROR, key, issue.message, (issue as { params?: RuleParams }).params?.fix ?? '');
      }
      if (noRate) add(sink, project, LEVEL_ERROR, 'currency', '本行按美元填报，但参数页的“美元汇率”未填写，无法折算为万元', '请市招商局在参数页填写美元汇率（1 万美元折合的万元数，如 7.1）');
      remind(project, sink, admin, today.dayNumber, input.previousStages);
      projects.push(project);
    }
  }
  crossUnitRules(projects, layouts, input.tabs, findings, flagged);
  const finalProjects = flagged.size === 0 ? projects : projects.map((p) => (flagged.has(p) ? { ...p, counted: false } : p));
  return { projects: finalProjects, findings: sortFindings(findings, admin.units), structure, layouts };
}

/** Where one tab's findings go: its unit and column layout, and the run's list. */
interface Sink {
  readonly unit: Unit;
  readonly columns: ColumnMap;
  readonly findings: Finding[];
}

/** The cell of a field in a project's row (undefined when the tab has no such column). */
function cellOf(project: Project, key: string): Cell {
  return project.cells[project.columns.get(key) ?? -1];
}

/** True when every data column of the row is blank. */
function allBlank(cells: readonly Cell[], dataAt: readonly number[]): boolean {
  for (const at of dataAt) if (!isBlank(cells[at])) return false;
  return true;
}

/** Records a finding on a project's cell. */
function add(sink: Sink, project: Project, level: Level, key: string, problem: string, fix: string): void {
  const { unit, columns } = sink;
  sink.findings.push({
    level, tab: unit.tab, cell: a1(columns.get(key) ?? 0, project.row), field: HEADER_OF.get(key) ?? key,
    value: cellText(cellOf(project, key)), problem, fix, unit: unit.name, projectId: project.id, row: project.row,
  });
}

/** One 错误 on the header row of a tab that lacks 资金来源 while the method uses it: where to add it. */
function missingSourceColumn(unit: Unit, grid: Grid): Finding {
  const header = grid[0] ?? [];
  let free = header.length;
  while (free > 0 && isBlank(header[free - 1])) free--;
  return {
    level: LEVEL_ERROR, tab: unit.tab, cell: a1(free, 1), field: '资金来源', value: '', unit: unit.name, projectId: '', row: 1,
    problem: '考评办法按资金来源计分，但本页没有“资金来源”列，本页项目都按资金来源空白统计',
    fix: '请在第 1 行加一列，表头写“资金来源”（建议放在“投资方所在地”之后），签约及以后的项目填写：市内、市外省内、省外境内、境外',
  };
}

/** A decoded field: undefined for blank and for invalid (null). */
function given<T>(x: T | null | undefined): T | undefined {
  return x === null ? undefined : x;
}

function toProject(unit: Unit, row: number, d: DecodedRow, cells: readonly Cell[], columns: ColumnMap, counted: boolean, usdRate: number | undefined): Project {
  const values = d as unknown as Record<string, number | null | undefined>;
  const currency = given(d.currency) ?? '人民币';
  // A 美元 row's amounts are 万美元; every 万元 figure is that × 美元汇率, unrounded.
  const factor = currency === '美元' ? usdRate ?? 1 : 1;
  const typed: number[] = [];
  for (const key of MONTH_KEYS) typed.push(values[key] ?? 0);
  return {
    unit: unit.name, tab: unit.tab, row,
    id: given(d.id) ?? rawText(cells, columns, 'id'), name: given(d.name) ?? rawText(cells, columns, 'name'),
    investor: given(d.investor), investorPlace: given(d.investorPlace), source: given(d.source), currency, recognition: given(d.recognition) ?? '未认定',
    chain: given(d.chain), method: given(d.method), companyTypes: given(d.companyTypes) ?? [],
    stage: given(d.stage), totalInvestment: inWan(given(d.totalInvestment), factor), contractAmount: inWan(given(d.contractAmount), factor),
    signDate: given(d.signDate), startDate: given(d.startDate), productionDate: given(d.productionDate),
    priorArrived: inWan(given(d.priorArrived), factor), arrived: factor === 1 ? typed : typed.map((x) => x * factor), arrivedTyped: typed,
    leader: given(d.leader), progress: given(d.progress), problems: given(d.problems), updated: given(d.updated),
    counted, cells, columns,
  };
}

/** An amount in the row's 币种 in 万元: × 美元汇率 on a 美元 row. */
function inWan(x: number | undefined, factor: number): number | undefined {
  return x === undefined || factor === 1 ? x : x * factor;
}

/** A field's cell as typed, trimmed: the id or name of a row whose cell did not decode. */
function rawText(cells: readonly Cell[], columns: ColumnMap, key: string): string {
  return cellText(cells[columns.get(key) ?? -1]).trim();
}

/** Amount fields checked for a unit typed wrong, with the month's index (−1 for the others). */
const AMOUNT_FIELDS = ['totalInvestment', 'contractAmount', 'priorArrived', ...MONTH_KEYS].map((key) => ({ key, month: MONTH_KEYS.indexOf(key) }));
const LOOKS_LIKE_YUAN = 10_000_000; // 1000 亿元: more than any county project; surely typed in 元

function remind(project: Project, sink: Sink, admin: AdminData, today: Day, previous?: PreviousStages): void {
  const { stage } = project;
  if (stage !== undefined && isActive(stage)) {
    if (project.progress === undefined && isBlank(cellOf(project, 'progress'))) {
      add(sink, project, LEVEL_REMINDER, 'progress', '在推项目的进展情况为空', '请简要写明本周最新进展，如 已完成土地摘牌，正在办理施工许可');
    }
    if (project.updated === undefined && isBlank(cellOf(project, 'updated'))) {
      add(sink, project, LEVEL_REMINDER, 'updated', '更新日期未填写', '每次更新本行时请填写当天日期');
    } else if (project.updated !== undefined && today - project.updated > admin.settings.staleDays) {
      // Worded by date, not by a day count, so the message (and 校验结果) stays the same day after day
      // until the row is updated: a run rewrites only what really changed.
      add(sink, project, LEVEL_REMINDER, 'updated', `自 ${formatDay(project.updated)} 起未更新，已超过 ${admin.settings.staleDays} 天`, '请核实项目最新进展并更新本行和更新日期');
    }
  }
  for (const { key, month } of AMOUNT_FIELDS) {
    const value = month >= 0 ? project.arrived[month] : (project as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'number') continue;
    const typed = cellOf(project, key);
    const plain = typeof typed === 'number' || (typeof typed === 'string' && !/[万亿元]/.test(typed));
    if (!plain) continue;
    if (value >= LOOKS_LIKE_YUAN) {
      add(sink, project, LEVEL_REMINDER, key, `金额达 ${formatWan(value)} 万元，疑似按“元”填报`, '本表金额单位是万元：80000000 元应填 8000；如确实无误可忽略');
    } else if ((key === 'totalInvestment' || key === 'contractAmount') && value > 0 && value < 10) {
      add(sink, project, LEVEL_REMINDER, key, `金额仅 ${value} 万元，疑似按“亿元”填报`, `本表金额单位是万元：${value} 亿元应填 ${value * 10_000}，或写成“${value}亿”`);
    }
  }
  let months = 0; // summed before adding priorArrived: the order of floating-point additions is part of the figure
  for (const x of project.arrived) months += x;
  const arrivedTotal = (project.priorArrived ?? 0) + months;
  if (project.contractAmount !== undefined && arrivedTotal > project.contractAmount) {
    const last = MONTH_KEYS.map((key, i) => ({ key, value: project.arrived[i] ?? 0 })).filter((m) => m.value > 0).pop();
    add(sink, project, LEVEL_REMINDER, last?.key ?? 'contractAmount', `累计到位 ${formatWan(arrivedTotal)} 万元，超过合同投资额 ${formatWan(project.contractAmount)} 万元`, '请核对各月到位资金和合同投资额（单位均为万元）');
  }
  const before = previous && previous.size > 0 ? previous.get(projectKey(project.unit, project.id)) : undefined;
  if (stage !== undefined && before !== undefined) {
    const now = stageRank(stage);
    const then = stageRank(before);
    if (now !== undefined && then !== undefined && now < then) {
      add(sink, project, LEVEL_REMINDER, 'stage', `项目阶段由上次的“${before}”退回到“${stage}”`, '如是误填请改回；如项目确实倒退，请在“存在问题”中说明原因');
    }
  }
}

function crossUnitRules(projects: readonly Project[], layouts: ReadonlyMap<string, ColumnMap>, tabs: ReadonlyMap<string, Grid>, findings: Finding[], flagged: Set<Project>): void {
  // A group is a lone project until a second one shares its key: 100,000 one-row arrays were most of the
  // garbage here. Maps keep keys in the order first seen, and so the groups.
  const byId = new Map<string, Project | Project[]>();
  const byNameInvestor = new Map<string, number>(); // name and investor → index in sameProject
  const sameProject: (Project | Project[])[] = [];
  for (const p of projects) {
    if (p.id !== '') {
      const id = comparableId(p.id);
      const seen = byId.get(id);
      if (seen === undefined) byId.set(id, p);
      else if (Array.isArray(seen)) seen.push(p);
      else byId.set(id, [seen, p]);
    }
    if (p.name !== '' && p.investor) {
      // One joined key: names and investors are nearly all distinct, so a map per name would cost more.
      const key = `${p.name.replace(/\s/g, '')}\u0000${p.investor.replace(/\s/g, '')}`;
      const at = byNameInvestor.get(key);
      if (at === undefined) {
        byNameInvestor.set(key, sameProject.length);
        sameProject.push(p);
      } else {
        const seen = sameProject[at] as Project | Project[];
        if (Array.isArray(seen)) seen.push(p);
        else sameProject[at] = [seen, p];
      }
    }
  }
  const report = (level: Level, p: Project, key: string, problem: string, fix: string) => {
    const columns = layouts.get(p.tab) ?? new Map<string, number>();
    const at = columns.get(key) ?? 0;
    const value = tabs.get(p.tab)?.[p.row - 1]?.[at];
    findings.push({ level, tab: p.tab, cell: a1(at, p.row), field: HEADER_OF.get(key) ?? key, value: cellText(value), problem, fix, unit: p.unit, projectId: p.id, row: p.row });
  };
  for (const [id, group] of byId) {
    if (!Array.isArray(group)) continue;
    for (const p of group) {
      const others = group.filter((o) => o !== p).map((o) => `${o.tab} 第 ${o.row} 行`).join('、');
      // Ids that only look alike once normalised: say so, or the clerk sees two different-looking texts.
      const normalised = group.some((o) => o.id !== id) ? `（比较前已去掉不可见字符（如零宽空格）并把全角字符转为半角，${[...new Set(group.map((o) => `“${visibleId(o.id)}”`))].join('、')} 视为同一编号）` : '';
      report(LEVEL_ERROR, p, 'id', `项目编号“${id}”重复，另见 ${others}${normalised}`, '项目编号全市唯一：请与相关单位核对，给其中一个项目换一个新编号；编号中不要粘贴不可见字符');
      flagged.add(p);
    }
  }
  for (const group of sameProject) {
    if (!Array.isArray(group)) continue;
    const units = new Set(group.map((p) => p.unit));
    if (units.size < 2) continue;
    for (const p of group) {
      const others = group.filter((o) => o.unit !== p.unit).map((o) => `${o.unit}（${o.tab} 第 ${o.row} 行）`).join('、');
      report(LEVEL_REMINDER, p, 'name', `同一项目（项目名称和投资方相同）也在 ${others} 的台账中`, '同一项目只能由一个单位填报：请与对方单位协商，由实际落地的单位保留');
    }
  }
}

/**
 * 项目编号 as compared for uniqueness: zero-width and other invisible characters removed (they arrive by
 * copy and paste and make two identical-looking ids differ), full-width forms turned half-width.
 */
export function comparableId(id: string): string {
  return isPlainAscii(id) ? id : toHalfWidth(id.replace(INVISIBLE, '')).trim();
}

/**
 * True when every character is printable ASCII other than the space (U+0021–U+007E), as nearly every
 * 项目编号 is. Why: such an id is its own comparable form — the invisible characters (U+00AD and up), the
 * full-width forms (U+3000, U+FF01 and up) and the whitespace `trim` removes (U+0020 and below, U+00A0 and
 * up) all lie outside that range — so 100,000 ids skip a regular-expression replace, a scan and a trim.
 * test/core/id-normalise.test.ts checks it against the general form over many generated ids.
 */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The id with each invisible character shown as [U+XXXX], so a message can point at it. */
function visibleId(id: string): string {
  return id.replace(INVISIBLE, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

function sortFindings(findings: Finding[], units: readonly Unit[]): Finding[] {
  const order = new Map(units.map((u, i) => [u.tab, i]));
  // Each finding's sort keys found once, not in every comparison (10,000 findings: some 280,000 comparisons).
  const keyed = findings.map((f) => ({ f, tab: order.get(f.tab) ?? 0, column: f.cell.replace(/\d+$/, '') }));
  keyed.sort((a, b) =>
    a.tab - b.tab || a.f.row - b.f.row ||
    a.column.length - b.column.length || a.column.localeCompare(b.column));
  for (let i = 0; i < keyed.length; i++) findings[i] = (keyed[i] as { f: Finding }).f;
  return findings;
}

/** 12,345.6 — toLocaleString is too slow for a hot path of 100,000 rows. */
export function formatWan(value: number): string {
  const [whole, fraction] = String(Math.round(value * 100) / 100).split('.');
  return `${(whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

