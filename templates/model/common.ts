/** Pieces every report model shares: indicator lines, group rankings, rows left out of the assessment. */
import {
  LEVEL_ERROR, basisUnit, previousPeriod,
  type Basis, type Finding, type IndicatorScore, type Period, type Project, type Scoring, type UnitScore, type Warning,
} from '../../functions/core/index.js';
import type { ValueUnit } from '../html/format.js';
import { groupedBy, keyOf } from './grouped.js';
import { rowAt, type RankingRow } from './history.js';

/** One indicator of one unit's score: what it measured, what it could give, what it gave, what was lost. */
export interface IndicatorLine {
  readonly name: string;
  readonly basis: Basis;
  readonly scoring: Scoring;
  readonly description: string;
  readonly valueUnit: ValueUnit;
  readonly actual: number;
  readonly target: number | undefined;
  readonly paceTarget: number | undefined;
  readonly completion: number | undefined;
  readonly score: number;
  /** The most the indicator could give (0 for a 每项扣分 row). */
  readonly possible: number;
  /** Points not obtained (or deducted): possible − score, never negative. */
  readonly lost: number;
  /** Why, in a sentence derived from the numbers, e.g. "完成序时目标的 80.0%". */
  readonly note: string;
  /** How the points arose, from the core (得分明细 说明), e.g. "完成率 86.4%，落在 80% 档，得 15 分". */
  readonly explanation: string;
}

/** One unit in a ranking. */
export interface RankedUnit {
  readonly name: string;
  readonly group: string;
  readonly total: number;
  readonly groupRank: number;
  readonly cityRank: number;
  /** 较上月: positive = moved up; undefined when last month has no ranking. */
  readonly change: number | undefined;
  readonly grade: string;
  /** Last month's 总分 from 排名, when there is one. */
  readonly previousTotal: number | undefined;
  readonly groupSize: number;
  /** v2: why 等次 is not the one 总分 earns (“降一档：事由”), '' when it is. */
  readonly gradeNote?: string;
}

/** A 考核组别 and its units, best first. */
export interface GroupRanking {
  readonly group: string;
  readonly units: readonly RankedUnit[];
}

/** One problem of a row left out of the assessment: where, what, how to fix. */
export interface CellProblem {
  /** `台账-温县!K4`. */
  readonly cell: string;
  readonly field: string;
  readonly value: string;
  readonly problem: string;
  readonly fix: string;
}

/** A ledger row with 错误: 未计入考核的项目. */
export interface ExcludedRow {
  readonly unit: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly tab: string;
  readonly row: number;
  readonly problems: readonly CellProblem[];
}

/** A unit's score as lines, in 考评办法 order. */
export function indicatorLines(score: UnitScore): IndicatorLine[] {
  return score.scores.map((s) => {
    const lost = Math.max(0, Math.round((s.possible - s.score) * 100) / 100);
    return {
      name: s.indicator.name, basis: s.indicator.basis, scoring: s.indicator.scoring, description: s.indicator.description,
      valueUnit: basisUnit(s.indicator.basis), actual: s.actual, target: s.target, paceTarget: s.paceTarget,
      completion: s.completion, score: s.score, possible: s.possible, lost, note: noteOf(s), explanation: s.note ?? '',
    };
  });
}

function noteOf(s: IndicatorScore): string {
  const p = (x: number) => `${(x * 100).toFixed(1)}%`;
  const { points, cap } = s.indicator;
  switch (s.indicator.scoring) {
    case '目标完成率':
      return s.target === undefined ? '未设年度目标，本项不得分（请市招商局在“目标任务”页补填）' : `完成序时目标的 ${p(s.completion ?? 0)}`;
    case '比率':
      return s.actual >= (cap ?? 1) ? '已得满分' : `达到 ${p(cap ?? 1)} 得满分`;
    case '相对值':
      return `为组内最高值的 ${p(s.completion ?? 0)}`;
    case '每项加分':
      return s.actual === 0 ? '本期无加分项目' : `每项加 ${points} 分${cap === undefined ? '' : `，最多 ${cap} 分`}`;
    case '每项扣分':
      return s.actual === 0 ? '无扣分' : `每项扣 ${points} 分${cap === undefined ? '' : `，最多扣 ${cap} 分`}`;
    default:
      // v2 计分方式 explain themselves in the core's registry.
      return s.note ?? '';
  }
}

/** What a unit achieved on an indicator, named: "到位资金完成序时目标的 80.0%", "履约率 50.0%", "重点企业签约 2 项". */
export function achievedText(l: IndicatorLine): string {
  if (l.scoring === '比率') return `${l.name} ${(l.actual * 100).toFixed(1)}%`;
  if (l.scoring === '每项加分' || l.scoring === '每项扣分') return `${l.name} ${l.actual} 项`;
  if (l.scoring === '目标完成率' && l.target === undefined) return `${l.name}未设年度目标`;
  return `${l.name}${l.note}`;
}

/** Rankings per 考核组别 (groups in order of first appearance in 单位), with last month's 总分. */
export function groupRankings(scores: readonly UnitScore[], history: readonly RankingRow[], period: Period): GroupRanking[] {
  const previous = previousPeriod(period);
  const groups = [...new Set(scores.map((s) => s.unit.group))];
  return groups.map((group) => {
    const mine = scores.filter((s) => s.unit.group === group);
    const units = [...mine]
      .sort((a, b) => a.groupRank - b.groupRank || a.unit.row - b.unit.row)
      .map((s): RankedUnit => ({
        name: s.unit.name, group, total: s.total, groupRank: s.groupRank, cityRank: s.cityRank, change: s.change, grade: s.grade, gradeNote: s.gradeNote ?? '',
        previousTotal: period.month === 1 ? undefined : rowAt(history, s.unit.name, previous)?.total, groupSize: mine.length,
      }));
    return { group, units };
  });
}

/** Rows of a unit left out of the assessment, each with its 错误 findings. */
export function excludedRows(excluded: readonly Project[], findings: readonly Finding[], unit: string): ExcludedRow[] {
  const errors = groupedBy(findings, 'error-by-row', (f) => (f.level === LEVEL_ERROR ? keyOf(f.unit, f.tab, f.row) : undefined));
  return (groupedBy(excluded, 'unit', (p) => p.unit).get(unit) ?? [])
    .map((p) => ({
      unit, projectId: p.id, projectName: p.name, tab: p.tab, row: p.row,
      problems: (errors.get(keyOf(unit, p.tab, p.row)) ?? [])
        .map((f) => ({ cell: `${f.tab}!${f.cell}`, field: f.field, value: f.value, problem: f.problem, fix: f.fix })),
    }));
}

/** Project warnings first (red before yellow), then unit warnings, for one unit or all. */
export function sortWarnings(warnings: readonly Warning[]): Warning[] {
  const rank = (w: Warning) => (w.level === '红' ? 0 : 1);
  return [...warnings].sort((a, b) => rank(a) - rank(b));
}

