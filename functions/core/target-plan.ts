/**
 * `targets`: from the ledger's tabs and last year's 得分明细, the proposed split of a city total and the
 * 目标任务 cells to fill. Pure; a request that cannot be served comes back as problems, never thrown.
 */
import { scoringRule } from './scorings.js';
import { a1, cellText, isBlank, normalizeHeader, toHalfWidth, type Cell, type Grid } from './cells.js';
import { parseAdmin, type AdminData } from './admin.js';
import { decodeAmount, decodeNumber } from './codecs.js';
import type { CellEdit } from './rollover.js';
import { appliesTo } from './scoring.js';
import { recordsOf } from './system-records.js';
import { SCORE_DETAIL_TAB, TARGETS_TAB_NAME, TARGETS_UNIT_COLUMN } from './tabs.js';
import { splitTarget, type SplitLine } from './target-split.js';
// Through the index: the 口径 table has moved between files as the contract grew (a cycle ESM resolves at call time).
import { basisUnit } from './index.js';

type Indicator = AdminData['method'][number];

export const TARGET_BASES = ['上年实际', '平均'] as const;

export interface TargetRequest {
  /** Tabs of the ledger whose 目标任务 is filled. */
  readonly tabs: ReadonlyMap<string, Grid>;
  /** 得分明细 of last year's ledger (OLD, default the ledger itself). */
  readonly history: Grid | undefined;
  readonly indicator: string;
  /** As typed: `120亿`, `1200000`, `30`. */
  readonly total: string;
  readonly basis: string | undefined;
  readonly round: string | undefined;
  readonly replace: boolean;
}

export interface TargetLine extends SplitLine {
  readonly group: string;
  /** Last year's 实际值; undefined when 得分明细 has no row for the unit. */
  readonly lastYear: number | undefined;
  /** What 目标任务 holds now (as typed), '' when blank. */
  readonly existing: string;
  /** True when this unit's cell is written. */
  readonly write: boolean;
}

export type TargetPlan =
  | {
      readonly ok: true;
      readonly indicator: Indicator;
      readonly unit: string;
      readonly total: number;
      readonly step: number;
      /** The month of 得分明细 the basis comes from ('' for 平均). */
      readonly month: string;
      readonly equal: boolean;
      readonly remainder: number;
      readonly lines: readonly TargetLine[];
      /** Cells of 目标任务 to write (1-based rows, 0-based columns): only blank ones unless --replace. */
      readonly edits: readonly CellEdit[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

const fail = (...problems: string[]): TargetPlan => ({ ok: false, problems });

export function planTargets(request: TargetRequest): TargetPlan {
  const admin = parseAdmin(request.tabs);
  const name = toHalfWidth(request.indicator).trim();
  const targetsGrid = request.tabs.get(TARGETS_TAB_NAME);
  if (!targetsGrid) return fail(`缺少“${TARGETS_TAB_NAME}”页：请先恢复该页（第 1 行为 单位名称 和各指标名称）。`);
  const header = targetsGrid[0] ?? [];
  const column = header.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
  const indicator = admin.method.find((m) => normalizeHeader(m.name) === normalizeHeader(name));
  if (!indicator) return fail(`“考评办法”页没有名为“${name}”的指标：--indicator 请填写其中的指标名称，如 ${admin.method.map((m) => m.name).slice(0, 3).join('、')}。`);
  const unit = basisUnit(indicator.basis);
  if (unit === '%' || (scoringRule(indicator.scoring)?.target !== 'required' && column < 0)) {
    return fail(`“${name}”不按目标计分（计分方式 ${indicator.scoring}，口径 ${indicator.basis}），不需要分解目标：请选择“目标任务”页有列、或按目标完成率计分的指标。`);
  }
  const isCount = unit === '个';
  const total = isCount ? decodeNumber(request.total) : decodeAmount(request.total);
  if (!total.ok || total.value === undefined || total.value <= 0 || (isCount && !Number.isInteger(total.value))) {
    return fail(`--total “${request.total}”不是有效的${isCount ? '个数' : '金额'}：${isCount ? '请填写正整数，如 30' : '请填写以万元为单位的金额，如 1200000 或 120亿'}。`);
  }
  const round = request.round === undefined ? { ok: true as const, value: isCount ? 1 : 100 } : decodeNumber(request.round);
  if (!round.ok || round.value === undefined || round.value <= 0) return fail(`--round “${request.round ?? ''}”不是正数：请填写取整单位，如 100（万元）或 1（个）。`);
  const basis = request.basis === undefined ? '上年实际' : toHalfWidth(request.basis).trim();
  if (!(TARGET_BASES as readonly string[]).includes(basis)) return fail(`--basis “${basis}”无法识别：请填写 ${TARGET_BASES.join(' 或 ')}。`);
  const units = admin.units.filter((u) => appliesTo(indicator, u.group));
  const history = lastYearActuals(request.history, indicator.name);
  if (basis === '上年实际' && !history) {
    return fail(`“${SCORE_DETAIL_TAB.name}”页没有“${indicator.name}”的考核结果，无法按上年实际分解：结转后的新台账请用 --from 上年台账 指定上一年的台账，或用 --basis 平均。`);
  }
  const split = splitTarget({
    units: units.map((u) => ({ name: u.name, basis: history?.actuals.get(u.name) ?? 0 })),
    total: total.value, step: round.value, equal: basis === '平均',
  });
  if (!split.ok) return fail(`${split.problem}：${split.fix}。`);

  const edits: CellEdit[] = [];
  const at = column >= 0 ? column : Math.max(header.length, 1);
  if (column < 0) edits.push({ row: 1, column: at, value: indicator.name });
  const unitColumn = Math.max(0, header.findIndex((h) => normalizeHeader(h) === normalizeHeader(TARGETS_UNIT_COLUMN.header)));
  let nextRow = lastFilledRow(targetsGrid) + 1;
  const lines = split.lines.map((line, i): TargetLine => {
    const index = targetsGrid.findIndex((r, k) => k > 0 && normalizeHeader(r?.[unitColumn]) === normalizeHeader(line.name));
    const row = index > 0 ? index + 1 : nextRow++;
    if (index <= 0) edits.push({ row, column: unitColumn, value: line.name });
    const existing: Cell = index > 0 ? targetsGrid[index]?.[at] : undefined;
    const write = isBlank(existing) || request.replace;
    if (write) edits.push({ row, column: at, value: line.target });
    return { ...line, group: units[i]?.group ?? '', lastYear: history?.actuals.get(line.name), existing: cellText(existing), write };
  });
  return { ok: true, indicator, unit, total: total.value, step: round.value, month: basis === '平均' ? '' : history?.month ?? '', equal: split.equal, remainder: split.remainder, lines, edits };
}

/** 实际值 per unit in the latest month of 得分明细 that has rows for the indicator. */
export function lastYearActuals(grid: Grid | undefined, indicator: string): { month: string; actuals: Map<string, number> } | undefined {
  const rows = recordsOf(grid).filter((get) => normalizeHeader(get('指标名称')) === normalizeHeader(indicator));
  const months = rows.map((get) => cellText(get('月份')).trim()).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  const month = months[months.length - 1];
  if (month === undefined) return undefined;
  const actuals = new Map<string, number>();
  for (const get of rows) {
    if (cellText(get('月份')).trim() !== month) continue;
    const value = decodeNumber(get('实际值'));
    actuals.set(cellText(get('单位名称')).trim(), value.ok && value.value !== undefined ? value.value : 0);
  }
  return { month, actuals };
}

function lastFilledRow(grid: Grid): number {
  for (let i = grid.length - 1; i >= 0; i--) if ((grid[i] ?? []).some((c) => !isBlank(c))) return i + 1;
  return 1;
}

/** The A1 address of an edit, for messages. */
export function editAddress(edit: CellEdit): string {
  return a1(edit.column, edit.row);
}
