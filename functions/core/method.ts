/**
 * 考评办法 v2: one row → one Indicator, or an 错误 naming the cell where the fix belongs (the row is then
 * left out of the method). Which combinations are allowed comes from the 口径 and 计分方式 registries.
 */
import { a1, cellText, isBlank, splitList, toHalfWidth, type Cell, type Grid } from './cells.js';
import { BASES, basisRule, basisUnit, isAmountBasis, isRateBasis, type Basis } from './bases.js';
import { decodeNumber, decodeText } from './codecs.js';
import type { FindingSink, StructureProblem } from './findings.js';
import { parseFilter, type Filter } from './filters.js';
import { PACE_FIX, parsePaceText } from './pace.js';
import { SCORINGS, SCORING_RULES, basesWord, capNote, scoringRule, type Scoring, type ScoringParams } from './scorings.js';
import { parseParams } from './scoring-params.js';
import { cellAt, locateTable } from './table.js';
import { METHOD_TAB, optionalKeys } from './tabs.js';
import { LEVEL_ERROR, LEVEL_REMINDER } from './vocabulary.js';

export interface Indicator {
  readonly name: string;
  readonly basis: Basis;
  readonly scoring: Scoring;
  /** 分值; with points per group, the largest of them (see {@link pointsFor}). */
  readonly points: number;
  /** Ratio cap for 目标完成率/比率, points cap for 每项加分/扣分; undefined = none. */
  readonly cap: number | undefined;
  /** undefined = every group. */
  readonly groups: readonly string[] | undefined;
  readonly description: string;
  /** v2 筛选; undefined = every row. */
  readonly filter?: Filter;
  /** v2 分值 per group (`县市组:20；城区组:15`). */
  readonly pointsByGroup?: ReadonlyMap<string, number>;
  /** v2 计分参数. */
  readonly params?: ScoringParams;
  /** v2 the row's own 序时进度 (12 fractions); undefined = 参数.序时进度. */
  readonly pace?: readonly number[];
}

/** 分值 of an indicator for a unit of `group`. */
export function pointsFor(indicator: Indicator, group: string): number {
  return indicator.pointsByGroup?.get(group) ?? indicator.points;
}

function textOf(cell: Cell): string {
  const decoded = decodeText(cell);
  return decoded.ok && decoded.value !== undefined ? toHalfWidth(decoded.value).trim() : '';
}

/** Parses 考评办法. `groups` are the 考核组别 of 单位 (for 分值 per group); `chains` is 参数.产业链. */
export function parseMethod(grid: Grid, groups: readonly string[], chains: readonly string[], report: FindingSink, structure: StructureProblem[]): Indicator[] {
  const tab = METHOD_TAB.name;
  const table = locateTable(tab, grid, METHOD_TAB.columns, ['description', ...optionalKeys(METHOD_TAB.columns)]);
  if (grid.length > 0) structure.push(...table.problems);
  // An optional (v2) column the tab lacks is named where it would be added: the first free column.
  const free = Math.max(-1, ...table.columns.values()) + 1;
  const colOf = (key: string) => table.columns.get(key) ?? free;
  const headerOf = (key: string) => METHOD_TAB.columns.find((c) => c.key === key)?.header ?? key;
  const method: Indicator[] = [];
  for (const { row, cells } of table.rows) {
    const at = (key: string) => a1(colOf(key), row);
    const raw = (key: string) => cellAt(cells, table.columns, key);
    const name = textOf(raw('name'));
    const skip = (key: string, field: string, problem: string, fix: string): undefined => {
      const add = table.columns.has(key) ? '' : `（本页还没有“${headerOf(key)}”列：请在第 1 行 ${a1(free, 1)} 加上表头“${headerOf(key)}”）`;
      report(LEVEL_ERROR, tab, at(key), field, raw(key), `${problem}，指标“${name || '（未命名）'}”暂不计分`, `${fix}${add}`);
      return undefined;
    };
    const indicator = parseRow();
    if (indicator) method.push(indicator);

    function parseRow(): Indicator | undefined {
      if (name === '') return skip('name', '指标名称', '指标名称未填写', '请填写指标名称');
      if (method.some((m) => m.name === name)) return skip('name', '指标名称', '指标名称重复', '每个指标名称只能出现一次');
      const basisText = textOf(raw('basis')).replace(/\s/g, '');
      const basisSpec = basisRule(basisText);
      if (!basisSpec) return skip('basis', '口径', '口径不在可选范围内', `请填写：${BASES.join('、')}`);
      const basis = basisText as Basis;
      const scoringText = textOf(raw('scoring')).replace(/\s/g, '');
      const rule = scoringRule(scoringText);
      if (!rule) return skip('scoring', '计分方式', '计分方式不在可选范围内', `请填写：${SCORINGS.join('、')}`);
      const scoring = scoringText as Scoring;
      const rate = isRateBasis(basis);
      const fits = rule.bases === 'any' || (rule.bases === 'rate' ? rate : rule.bases === 'notRate' ? !rate : !rate && !isAmountBasis(basis));
      if (!fits) {
        const allowed = SCORING_RULES.filter((r) => r.bases === 'any' || (r.bases === 'rate' ? rate : r.bases === 'notRate' ? !rate : !rate && !isAmountBasis(basis))).map((r) => r.name);
        return skip('scoring', '计分方式', `“${scoring}”只适用于${basesWord(rule)}，而口径“${basis}”的单位是${basisUnit(basis) === '%' ? '比率' : basisUnit(basis)}`, `口径“${basis}”可用：${allowed.join('、')}`);
      }
      const filterText = textOf(raw('filter'));
      let filter: Filter | undefined;
      if (filterText !== '') {
        if (!basisSpec.rowBased) return skip('filter', '筛选', `口径“${basis}”不按台账项目统计，不能筛选`, '请清空筛选单元格');
        const parsed = parseFilter(filterText, chains);
        if (!parsed.ok) return skip('filter', '筛选', parsed.problem, parsed.fix);
        filter = parsed.filter;
      }
      const groupsText = textOf(raw('groups'));
      const applies = groupsText === '' ? undefined : splitList(groupsText);
      const pointsParsed = parsePoints(raw('points'));
      if (!pointsParsed.ok) return skip('points', '分值', pointsParsed.problem, pointsParsed.fix);
      const { points, byGroup } = pointsParsed;
      if (byGroup) {
        const missing = (applies ?? groups).filter((g) => !byGroup.has(g));
        if (missing.length > 0) return skip('points', '分值', `分值没有写“${missing.join('、')}”的分数`, `请补上，如 ${[...byGroup.keys(), ...missing].map((g, i) => `${g}:${[...byGroup.values()][i] ?? 10}`).join('；')}；或在适用组别中去掉这些组`);
      }
      const cap = parseCap(rule.cap, scoring);
      if (cap === null) return undefined;
      const paramsParsed = parseParams(textOf(raw('params')), rule, basis);
      if (!paramsParsed.ok) return skip('params', '计分参数', paramsParsed.problem, paramsParsed.fix);
      const { kinds, ...params } = paramsParsed.params;
      // x is a fraction for rates and 目标完成率; an amount or count otherwise, unless 目标任务 makes it target-based.
      const fraction = rate || rule.target === 'required';
      if (fraction && kinds.includes('amount')) return skip('params', '计分参数', `“${name}”按${rate ? '比率' : '完成率'}计分，阈值不能写金额`, '阈值请写成百分数，如 门槛:60% 或 档位:100%=20/80%=15');
      if (!fraction && rule.target === 'forbidden' && kinds.includes('percent')) return skip('params', '计分参数', `口径“${basis}”按${basisUnit(basis)}计，阈值不能写百分数`, `阈值请写成${basisUnit(basis) === '个' ? '个数，如 门槛:5' : '金额，如 门槛:5000万'}`);
      if (params.tiers) {
        const top = Math.max(...params.tiers.map((t) => t.points));
        const lowGroup = byGroup ? [...byGroup].find(([g, p]) => (applies ?? groups).includes(g) && p < top) : points < top ? ['', points] as const : undefined;
        if (lowGroup) return skip('params', '计分参数', `档位最高得 ${top} 分，超过了${lowGroup[0] ? `“${lowGroup[0]}”的` : ''}分值 ${lowGroup[1]}`, '请把档位得分改为不超过分值，或调高分值');
      }
      const paceText = textOf(raw('pace'));
      let pace: number[] | undefined;
      if (paceText !== '') {
        pace = parsePaceText(paceText);
        if (!pace) return skip('pace', '序时进度', '不是 12 个逐月不减、介于 0 和 100% 之间的累计进度', `${PACE_FIX}；留空则按参数页的序时进度`);
      }
      return {
        name, basis, scoring, points, cap, groups: applies, description: textOf(raw('description')),
        ...(filter ? { filter } : {}), ...(byGroup ? { pointsByGroup: byGroup } : {}),
        ...(Object.keys(params).length > 0 ? { params } : {}), ...(pace ? { pace } : {}),
      };
    }

    /** The 封顶 as the rule reads it; null after reporting an unusable cell. */
    function parseCap(kind: 'ratio' | 'points' | 'unused' | 'blank', scoring: Scoring): number | undefined | null {
      const cell = raw('cap');
      if (kind === 'blank') {
        if (isBlank(cell)) return undefined;
        skip('cap', '封顶', `“${scoring}”不能封顶`, '请清空封顶单元格（最高分由分值或档位决定）');
        return null;
      }
      const decoded = decodeNumber(cell);
      if (!decoded.ok || (decoded.value !== undefined && decoded.value <= 0)) {
        skip('cap', '封顶', '封顶必须是正数或留空', `${capNote()}`);
        return null;
      }
      const cap = decoded.value;
      // "封顶 120" on a ratio is surely meant as 120%: accept it, and say so.
      if (cap !== undefined && kind === 'ratio' && cap > 10) {
        report(LEVEL_REMINDER, tab, at('cap'), '封顶', cell, `按 ${cap}% 理解`, '完成率封顶请写成 1.2 或 120%');
        return cap / 100;
      }
      return cap;
    }
  }
  return method;
}

type PointsParse = { ok: true; points: number; byGroup?: Map<string, number> } | { ok: false; problem: string; fix: string };

/** 分值: a non-negative number, or `组别:分值` pairs separated by `；` `;` `,` `，`. */
export function parsePoints(cell: Cell): PointsParse {
  const plain = decodeNumber(cell);
  if (plain.ok && plain.value !== undefined && plain.value >= 0) return { ok: true, points: plain.value };
  const fix = '请填写分值，如 30（扣分项也填正数）；各组分值不同时写 县市组:20；城区组:15';
  const text = toHalfWidth(cellText(cell)).trim();
  if (!/[:：]/.test(text)) return { ok: false, problem: '分值必须是非负数字', fix };
  const byGroup = new Map<string, number>();
  for (const part of text.split(/[;；,，]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[:：]\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return { ok: false, problem: `“${part}”不是“组别:分值”`, fix };
    byGroup.set((m[1] ?? '').trim(), Number(m[2]));
  }
  return { ok: true, points: Math.max(...byGroup.values()), byGroup };
}

