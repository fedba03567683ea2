/**
 * 季度讲评 (March, June, September, December): how each unit moved over the quarter, and the points to
 * raise with it at the review meeting, every one derived from the numbers.
 */
import { basisUnit, type MonthOutcome, type Period } from '../../functions/core/index.js';
import type { ValueUnit } from '../html/format.js';
import { achievedText, excludedRows, groupRankings, indicatorLines, type RankedUnit } from './common.js';
import { weeklyStanding, type MonthContext } from './context.js';
import { cityFigureBetween, cityFigures, type CityFigure } from './figures.js';
import { rowAt, type RankingRow } from './history.js';

/** A unit's movement from the baseline month to the assessed month. */
export interface MovementRow {
  readonly unit: RankedUnit;
  readonly fromRank: number | undefined;
  readonly fromTotal: number | undefined;
  /** Places gained in the group over the quarter (positive = up). */
  readonly delta: number | undefined;
  readonly totalDelta: number | undefined;
}

/** 肯定 (credit), 督促 (press for action), 提醒 (reminder). */
export type Tone = '肯定' | '督促' | '提醒';

export interface TalkingPoint {
  readonly tone: Tone;
  readonly text: string;
}

export interface UnitPoints {
  readonly unit: RankedUnit;
  readonly points: readonly TalkingPoint[];
  /** Higher = raise first; used to keep the most pressing units when a message must be shortened. */
  readonly priority: number;
}

/** A quarter's own amount of a 口径 (not year to date). */
export interface QuarterFigure {
  readonly label: string;
  readonly valueUnit: ValueUnit;
  readonly value: number;
}

export interface QuarterlyModel {
  readonly city: string;
  readonly period: Period;
  /** 1–4. */
  readonly quarter: number;
  readonly generatedAt: Date;
  readonly to: readonly string[];
  /** The month movement is measured from: the previous quarter's last month, or January in Q1. */
  readonly baseline: Period;
  readonly quarterFigures: readonly QuarterFigure[];
  /** Year to date against target and 序时进度. */
  readonly figures: readonly CityFigure[];
  readonly groups: readonly { group: string; rows: readonly MovementRow[] }[];
  readonly risers: readonly MovementRow[];
  readonly fallers: readonly MovementRow[];
  /** In group order, best first within a group. */
  readonly points: readonly UnitPoints[];
}

const MAX_POINTS = 4;
const QUARTER_BASES = [
  { basis: '到位资金', label: '本季度到位资金' },
  { basis: '签约项目数', label: '本季度签约项目' },
  { basis: '签约金额', label: '本季度签约金额' },
  { basis: '开工项目数', label: '本季度开工项目' },
] as const;

/** True in the months that close a quarter. */
export function isQuarterEnd(month: number): boolean {
  return month % 3 === 0;
}

/** The 季度讲评 of a quarter-closing month; undefined in other months. */
export function quarterlyModel(outcome: MonthOutcome, history: readonly RankingRow[], generatedAt: Date, context: MonthContext = {}): QuarterlyModel | undefined {
  const { admin, period, scores } = outcome;
  if (!isQuarterEnd(period.month) || scores.length === 0) return undefined;
  const quarter = period.month / 3;
  const baseline: Period = { year: period.year, month: period.month === 3 ? 1 : period.month - 3 };
  const counted = outcome.ledger.projects.filter((p) => p.counted);
  const groups = groupRankings(scores, history, period).map((g) => ({
    group: g.group,
    rows: g.units.map((unit): MovementRow => {
      const before = rowAt(history, unit.name, baseline);
      const fromRank = before?.groupRank;
      return {
        unit, fromRank, fromTotal: before?.total,
        delta: fromRank === undefined ? undefined : fromRank - unit.groupRank,
        totalDelta: before?.total === undefined ? undefined : Math.round((unit.total - before.total) * 100) / 100,
      };
    }),
  }));
  const all = groups.flatMap((g) => g.rows);
  const risers = all.filter((r) => (r.delta ?? 0) > 0).sort((a, b) => (b.delta ?? 0) - (a.delta ?? 0)).slice(0, 3);
  const fallers = all.filter((r) => (r.delta ?? 0) < 0).sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0)).slice(0, 3);

  const points = all.map((row): UnitPoints => {
    const score = scores.find((s) => s.unit.name === row.unit.name);
    const points: (TalkingPoint & { weight: number })[] = [];
    const add = (tone: Tone, weight: number, text: string) => points.push({ tone, weight, text });
    const { unit } = row;
    const from = quarter === 1 ? '1月' : `${baseline.month}月`;
    if (row.delta !== undefined && row.fromRank !== undefined && row.delta <= -2) add('督促', 8, `组内排名由${from}的第 ${row.fromRank} 位降至第 ${unit.groupRank} 位，下降 ${-row.delta} 位`);
    if (row.delta !== undefined && row.fromRank !== undefined && row.delta >= 2) add('肯定', 3, `组内排名由${from}的第 ${row.fromRank} 位升至第 ${unit.groupRank} 位，进位 ${row.delta} 位`);
    if (unit.groupSize >= 2 && unit.groupRank === Math.max(...all.filter((r) => r.unit.group === unit.group).map((r) => r.unit.groupRank))) {
      add('督促', 10, `位列${unit.group}末位（总分 ${unit.total.toFixed(2)}），请在讲评会上作表态发言，说明原因和整改措施`);
    } else if (unit.groupSize >= 2 && unit.groupRank === 1) {
      add('肯定', 2, `位列${unit.group}第一（总分 ${unit.total.toFixed(2)}）`);
    }
    const lines = score ? indicatorLines(score) : [];
    const worst = lines.filter((l) => l.possible > 0 && l.lost >= l.possible * 0.2).sort((a, b) => b.lost - a.lost)[0];
    if (worst) add('督促', 6, `${worst.name}失分 ${worst.lost.toFixed(2)} 分（满分 ${worst.possible.toFixed(2)}，${achievedText(worst)}）`);
    const mine = outcome.warnings.filter((w) => w.unit === unit.name);
    // A lagging indicator already named by its lost points is not raised twice.
    for (const w of mine.filter((x) => x.kind === '序时落后' && !(worst && x.detail.startsWith(worst.name)))) add(w.level === '红' ? '督促' : '提醒', w.level === '红' ? 7 : 4, w.detail);
    const overdue = mine.filter((w) => w.kind === '超期未开工');
    if (overdue.length > 0) {
      const names = overdue.slice(0, 3).map((w) => `${w.projectName}（${w.projectId}）`).join('、');
      add('督促', 5, `超期未开工项目 ${overdue.length} 个：${names}${overdue.length > 3 ? ' 等' : ''}，请逐一明确开工时间`);
    }
    const stale = mine.filter((w) => w.kind === '长期未更新').length;
    if (stale > 0) add('提醒', 2, `${stale} 个在推项目超过 ${admin.settings.staleDays} 天未更新进展`);
    const bad = excludedRows(outcome.excluded, outcome.findings, unit.name).length;
    if (bad > 0) add('提醒', 3, `${bad} 个项目因填报错误未计入考核，请按单位月报所列单元格修改`);
    const weekly = score ? weeklyStanding(score, period, context) : undefined;
    if (weekly?.rate !== undefined && weekly.rate < 1) add('提醒', 2, `周上报及时率 ${(weekly.rate * 100).toFixed(1)}%`);
    const chosen = points.sort((a, b) => b.weight - a.weight).slice(0, MAX_POINTS);
    return {
      unit, points: chosen.map(({ tone, text }) => ({ tone, text })),
      priority: chosen.filter((p) => p.tone === '督促').reduce((sum, p) => sum + p.weight, 0),
    };
  });

  return {
    city: admin.settings.city, period, quarter, generatedAt, to: [...admin.settings.bulletinTo], baseline,
    quarterFigures: QUARTER_BASES.map(({ basis, label }) => ({
      label, valueUnit: basisUnit(basis), value: cityFigureBetween(admin, counted, period.year, period.month - 2, period.month, basis),
    })),
    figures: cityFigures(admin, counted, period).filter((f) => f.target !== undefined || f.basis === '履约率'),
    groups, risers, fallers, points,
  };
}
