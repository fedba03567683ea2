/**
 * Reading the 排名 tab back as a history of months. The core's readRankingRecords keeps only 组内排名;
 * trends need 总分, 全市排名 and 等次 too. Lenient like every system-tab reader: a row it cannot
 * understand is skipped.
 */
import {
  RANKING_LEAD, RANKING_TAIL, cellText, formatPeriod, parsePeriod, recordsOf, type Cell, type Grid, type Period,
} from '../../functions/core/index.js';

/** One unit's row of 排名 in one month. */
export interface RankingRow {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly period: Period;
  readonly unit: string;
  readonly group: string;
  /** Indicator name → score, for the indicator columns present in that row. */
  readonly scores: ReadonlyMap<string, number>;
  readonly adjustment: number | undefined;
  readonly total: number | undefined;
  readonly groupRank: number | undefined;
  readonly cityRank: number | undefined;
  readonly change: number | undefined;
  readonly grade: string;
}

function numberOf(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  const text = cellText(cell).trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function periodOf(cell: Cell): Period | undefined {
  if (cell instanceof Date) return { year: cell.getUTCFullYear(), month: cell.getUTCMonth() + 1 };
  return parsePeriod(cellText(cell));
}

const FIXED = new Set<string>([...RANKING_LEAD, ...RANKING_TAIL]);

/** Every month's rows of a 排名 grid (header first), oldest month first. */
export function readRankingHistory(grid: Grid | undefined): RankingRow[] {
  const header = (grid?.[0] ?? []).map((c) => cellText(c).trim());
  const indicatorNames = header.filter((h) => h !== '' && !FIXED.has(h));
  const out: RankingRow[] = [];
  for (const get of recordsOf(grid)) {
    const period = periodOf(get('月份'));
    const unit = cellText(get('单位名称')).trim();
    if (!period || unit === '') continue;
    const scores = new Map<string, number>();
    for (const name of indicatorNames) {
      const value = numberOf(get(name));
      if (value !== undefined) scores.set(name, value);
    }
    const rank = (h: string) => {
      const n = numberOf(get(h));
      return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
    };
    out.push({
      month: formatPeriod(period), period, unit, group: cellText(get('考核组别')).trim(), scores,
      adjustment: numberOf(get('加减分')), total: numberOf(get('总分')),
      groupRank: rank('组内排名'), cityRank: rank('全市排名'), change: numberOf(get('较上月')), grade: cellText(get('等次')).trim(),
    });
  }
  return out.sort((a, b) => a.month.localeCompare(b.month));
}

/** A unit's rows of one year up to and including a month, keyed by month number (1–12). */
export function unitYear(history: readonly RankingRow[], unit: string, upTo: Period): Map<number, RankingRow> {
  const out = new Map<number, RankingRow>();
  for (const row of history) {
    if (row.unit === unit && row.period.year === upTo.year && row.period.month <= upTo.month) out.set(row.period.month, row);
  }
  return out;
}

/** The row of a unit in a month, if ranked then. */
export function rowAt(history: readonly RankingRow[], unit: string, period: Period): RankingRow | undefined {
  const month = formatPeriod(period);
  return history.find((r) => r.unit === unit && r.month === month);
}
