/** Small v2 cities for the v2 rule tests: one method row, a few units, rows described by what matters. */
import { assessMonth, bookTabs, type BookDef, type Cell, type MonthOutcome } from '../../functions/core/index.js';
import { goodRow } from '../support/city.js';

export const JUNE = { year: 2026, month: 6 } as const;
export const AFTER_JUNE = new Date('2026-07-01T02:00:00Z');

let serial = 0;
/** A valid 开工 row (signed 2026-02-10, started 2026-04-01, 1月到位 1000 万元), varied by `over`. */
export function project(over: Record<string, Cell> = {}): Record<string, Cell> {
  serial += 1;
  return goodRow({ 项目编号: `V2-${serial}`, 项目名称: `项目${serial}`, ...over });
}

/** `n` signed projects without money, for count 口径. */
export function signed(n: number, over: Record<string, Cell> = {}): Record<string, Cell>[] {
  return Array.from({ length: n }, () => project({ '1月到位(万元)': null, ...over }));
}

export interface V2City {
  readonly method: BookDef['method'];
  /** unit → group; default all 县市组. */
  readonly groups?: Readonly<Record<string, string>>;
  readonly ledgers: Readonly<Record<string, readonly Record<string, Cell>[]>>;
  readonly targets?: BookDef['targets'];
  readonly settings?: Readonly<Record<string, Cell>>;
  readonly adjustments?: BookDef['adjustments'];
  /** 'all': every v2 column, as `init` makes them (default: only those a row fills). */
  readonly columns?: 'all';
}

export function v2Book(city: V2City): BookDef {
  return {
    settings: { 年度: 2026, 城市: '测试市', ...city.settings },
    units: Object.keys(city.ledgers).map((name) => ({ name, group: city.groups?.[name] ?? '县市组' })),
    method: city.method,
    targets: city.targets ?? {},
    ledgers: city.ledgers,
    ...(city.adjustments ? { adjustments: city.adjustments } : {}),
    ...(city.columns ? { columns: city.columns } : {}),
  };
}

/** Assesses June 2026. */
export function assess(city: V2City): MonthOutcome {
  return assessMonth(bookTabs(v2Book(city)), JUNE, AFTER_JUNE);
}

/** unit → score of the first indicator. */
export function scoresOf(out: MonthOutcome, indicator?: string): Record<string, number> {
  return Object.fromEntries(out.scores.map((s) => [s.unit.name, (indicator ? s.scores.find((x) => x.indicator.name === indicator) : s.scores[0])?.score ?? Number.NaN]));
}

/** unit → 说明 of the first indicator's 得分明细 row. */
export function notesOf(out: MonthOutcome): Record<string, string> {
  const [header, ...rows] = out.writes.get('得分明细') ?? [];
  const at = (header ?? []).indexOf('说明');
  return Object.fromEntries(rows.map((r) => [String(r[1]), String(r[at] ?? '')]));
}

/** Admin and ledger 错误 as "tab!cell field: problem". */
export function errorsOf(out: MonthOutcome): string[] {
  return out.findings.filter((f) => f.level === '错误').map((f) => `${f.tab}!${f.cell} ${f.field}：${f.problem}`);
}
