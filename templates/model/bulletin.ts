/** 月度通报: the whole city on one screen, for the city's leaders. */
import { basisUnit, type MonthOutcome, type Period, type Warning } from '../../functions/core/index.js';
import type { ValueUnit } from '../html/format.js';
import { achievedText, excludedRows, groupRankings, indicatorLines, sortWarnings, type ExcludedRow, type GroupRanking, type IndicatorLine, type RankedUnit } from './common.js';
import { weeklyStanding, type MonthContext } from './context.js';
import { cityFigures, paceOf, type CityFigure } from './figures.js';
import type { RankingRow } from './history.js';
import { unitLight, type UnitLight } from './light.js';

/** A unit named at the top or the bottom of its group, and why, in words derived from its score. */
export interface CallOut {
  readonly unit: RankedUnit;
  readonly reason: string;
}

/** One unit's progress on the first 目标完成率 indicator (usually 到位资金), against 序时进度. */
export interface UnitPaceRow {
  readonly unit: string;
  readonly group: string;
  readonly actual: number;
  readonly target: number;
  /** actual ÷ annual target. */
  readonly progress: number;
}

export interface UnitPace {
  readonly indicator: string;
  readonly valueUnit: ValueUnit;
  /** Slowest first: the units a leader must ask about come first. */
  readonly rows: readonly UnitPaceRow[];
}

/** 预警 of one unit, counted. */
export interface WarningUnitRow {
  readonly unit: string;
  readonly group: string;
  readonly overdue: number;
  readonly stale: number;
  /** 序时落后 warnings (one per lagging indicator). */
  readonly behind: number;
  readonly red: number;
  readonly yellow: number;
}

/** A unit with rows left out for 错误 or a missed weekly report. */
export interface QualityRow {
  readonly unit: string;
  readonly group: string;
  readonly errorRows: number;
  readonly missedWeeks: number | undefined;
  readonly weeklyRate: number | undefined;
}

/** Everything a 月度通报 shows. */
export interface BulletinModel {
  readonly city: string;
  /** 发文单位: the red header and the 落款. */
  readonly issuer: string;
  /** 期号: 参数.期号 + month − 1. */
  readonly issue: number;
  readonly period: Period;
  readonly pace: number;
  readonly generatedAt: Date;
  readonly to: readonly string[];
  readonly unitCount: number;
  readonly figures: readonly CityFigure[];
  readonly unitPace: UnitPace | undefined;
  readonly groups: readonly GroupRanking[];
  /** 红黄绿 per unit name (see light.ts). */
  readonly lights: ReadonlyMap<string, UnitLight>;
  readonly leaders: readonly CallOut[];
  readonly laggards: readonly CallOut[];
  readonly risers: readonly RankedUnit[];
  readonly fallers: readonly RankedUnit[];
  readonly warningTotals: readonly { kind: Warning['kind']; red: number; yellow: number }[];
  readonly warningUnits: readonly WarningUnitRow[];
  readonly quality: readonly QualityRow[];
  /** For the workbook. */
  readonly indicatorNames: readonly string[];
  readonly details: readonly { unit: string; group: string; lines: readonly IndicatorLine[]; adjustment: number }[];
  readonly warnings: readonly Warning[];
  readonly excluded: readonly ExcludedRow[];
}

/** The 月度通报 of an assessed month. `history` is 排名 read back (this month and earlier ones). */
export function bulletinModel(outcome: MonthOutcome, history: readonly RankingRow[], generatedAt: Date, context: MonthContext = {}): BulletinModel {
  const { admin, period, scores } = outcome;
  const counted = outcome.ledger.projects.filter((p) => p.counted);
  const groups = groupRankings(scores, history, period);
  const linesOf = new Map(scores.map((s) => [s.unit.name, indicatorLines(s)]));
  const all = groups.flatMap((g) => g.units);
  const byCity = [...all].sort((a, b) => a.cityRank - b.cityRank);

  const leaders: CallOut[] = [];
  const laggards: CallOut[] = [];
  for (const g of groups) {
    if (g.units.length < 2) continue;
    const best = g.units[0];
    const worst = g.units[g.units.length - 1];
    if (best) for (const u of g.units.filter((x) => x.groupRank === best.groupRank)) leaders.push({ unit: u, reason: strengthOf(u, linesOf.get(u.name) ?? []) });
    if (worst && worst.groupRank !== best?.groupRank) {
      for (const u of g.units.filter((x) => x.groupRank === worst.groupRank)) laggards.push({ unit: u, reason: weaknessOf(u, linesOf.get(u.name) ?? []) });
    }
  }
  const lastInCity = byCity[byCity.length - 1];
  if (lastInCity && all.length > 1 && !laggards.some((c) => c.unit.name === lastInCity.name)) {
    laggards.push({ unit: lastInCity, reason: weaknessOf(lastInCity, linesOf.get(lastInCity.name) ?? []) });
  }

  const moved = all.filter((u) => u.change !== undefined && u.change !== 0);
  const risers = moved.filter((u) => (u.change ?? 0) > 0).sort((a, b) => (b.change ?? 0) - (a.change ?? 0) || a.cityRank - b.cityRank).slice(0, 3);
  const fallers = moved.filter((u) => (u.change ?? 0) < 0).sort((a, b) => (a.change ?? 0) - (b.change ?? 0) || a.cityRank - b.cityRank).slice(0, 3);

  const paceIndicator = admin.method.find((m) => m.scoring === '目标完成率');
  const unitPace: UnitPace | undefined = paceIndicator && {
    indicator: paceIndicator.name,
    valueUnit: basisUnit(paceIndicator.basis),
    rows: scores
      .map((s) => ({ s, line: s.scores.find((x) => x.indicator.name === paceIndicator.name) }))
      .filter((x) => x.line?.target !== undefined)
      .map(({ s, line }) => ({ unit: s.unit.name, group: s.unit.group, actual: line?.actual ?? 0, target: line?.target ?? 1, progress: (line?.actual ?? 0) / (line?.target ?? 1) }))
      .sort((a, b) => a.progress - b.progress),
  };

  const warnings = sortWarnings(outcome.warnings);
  const kinds: Warning['kind'][] = ['超期未开工', '长期未更新', '序时落后'];
  const warningTotals = kinds.map((kind) => ({
    kind, red: warnings.filter((w) => w.kind === kind && w.level === '红').length, yellow: warnings.filter((w) => w.kind === kind && w.level === '黄').length,
  }));
  const warningUnits = scores
    .map((s): WarningUnitRow => {
      const mine = warnings.filter((w) => w.unit === s.unit.name);
      return {
        unit: s.unit.name, group: s.unit.group, overdue: mine.filter((w) => w.kind === '超期未开工').length,
        stale: mine.filter((w) => w.kind === '长期未更新').length, behind: mine.filter((w) => w.kind === '序时落后').length,
        red: mine.filter((w) => w.level === '红').length, yellow: mine.filter((w) => w.level === '黄').length,
      };
    })
    .filter((r) => r.red + r.yellow > 0)
    .sort((a, b) => b.red - a.red || b.red + b.yellow - (a.red + a.yellow));

  const excluded = scores.flatMap((s) => excludedRows(outcome.excluded, outcome.findings, s.unit.name));
  const quality = scores
    .map((s): QualityRow => {
      const weekly = weeklyStanding(s, period, context);
      return { unit: s.unit.name, group: s.unit.group, errorRows: excluded.filter((e) => e.unit === s.unit.name).length, missedWeeks: weekly.missedThisMonth, weeklyRate: weekly.rate };
    })
    .filter((q) => q.errorRows > 0 || (q.missedWeeks ?? 0) > 0 || (q.missedWeeks === undefined && q.weeklyRate !== undefined && q.weeklyRate < 1))
    .sort((a, b) => b.errorRows - a.errorRows || (b.missedWeeks ?? 0) - (a.missedWeeks ?? 0) || (a.weeklyRate ?? 1) - (b.weeklyRate ?? 1));

  return {
    city: admin.settings.city, issuer: admin.settings.issuer, issue: admin.settings.firstIssue + period.month - 1, period, pace: paceOf(admin, period.month), generatedAt, to: [...admin.settings.bulletinTo],
    unitCount: scores.length, figures: cityFigures(admin, counted, period), unitPace, groups,
    lights: new Map(scores.map((s) => [s.unit.name, unitLight(s.unit.name, warnings)])), leaders, laggards, risers, fallers,
    warningTotals, warningUnits, quality,
    indicatorNames: admin.method.map((m) => m.name),
    details: [...scores].sort((a, b) => a.cityRank - b.cityRank).map((s) => ({ unit: s.unit.name, group: s.unit.group, lines: linesOf.get(s.unit.name) ?? [], adjustment: s.adjustment })),
    warnings, excluded,
  };
}

/** "总分 94.50，到位资金完成序时目标的 130.0%" — the best-scoring indicator relative to what it could give. */
export function strengthOf(unit: RankedUnit, lines: readonly IndicatorLine[]): string {
  const best = [...lines].filter((l) => l.possible > 0).sort((a, b) => b.score / b.possible - a.score / a.possible)[0];
  const moved = unit.change !== undefined && unit.change > 0 ? `，较上月上升 ${unit.change} 位` : '';
  return `总分 ${unit.total.toFixed(2)}${moved}${best ? `；${achievedText(best)}` : ''}`;
}

/** "总分 45.00，主要失分：履约率 30.00 分、到位资金 16.00 分" — the indicators that lost the most. */
export function weaknessOf(unit: RankedUnit, lines: readonly IndicatorLine[]): string {
  const worst = [...lines].filter((l) => l.lost > 0).sort((a, b) => b.lost - a.lost).slice(0, 2);
  const moved = unit.change !== undefined && unit.change < 0 ? `，较上月下降 ${-unit.change} 位` : '';
  const lost = worst.length === 0 ? '' : `；主要失分：${worst.map((l) => `${l.name} ${l.lost.toFixed(2)} 分`).join('、')}`;
  return `总分 ${unit.total.toFixed(2)}${moved}${lost}`;
}
