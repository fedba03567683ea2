/**
 * The tabs a rollover replaces whole: 目标任务 with every unit and indicator column and blank targets,
 * and the system tabs as their header row alone, except 快照 (the carried projects) and 运行记录 (one
 * 年度结转 row).
 */
import { scoringRule } from './scorings.js';
import { isBlank, normalizeHeader, type Cell, type Grid } from './cells.js';
import type { AdminData, Unit } from './admin.js';
import type { OutputGrid } from './outputs.js';
import {
  CHANGES_TAB, CHECK_RESULTS_TAB, RANKING_TAB_NAME, RUN_LOG_TAB, SCORE_DETAIL_TAB, SEND_LOG_TAB, SNAPSHOT_TAB, SYSTEM_TAB_NAMES,
  TARGETS_UNIT_COLUMN, WARNINGS_TAB, WEEKLY_TAB, rankingHeaders, type TabSpec,
} from './tabs.js';

type Indicator = AdminData['method'][number];

/** The job name of a rollover in 运行记录. */
export const ROLLOVER_JOB = '年度结转';

/** The 运行ID of the rollover into a year: one per new ledger. */
export function rolloverRunId(toYear: number): string {
  return `${ROLLOVER_JOB}:${toYear}#1`;
}

function firstRow(grid: Grid | undefined): Cell[] | undefined {
  const header = grid?.[0];
  return header && header.some((c) => !isBlank(c)) ? [...header] : undefined;
}

/** Row 1 as the user has it, or the contract's header when the tab has none. */
export function headerOr(grid: Grid | undefined, fallback: readonly string[]): Cell[] {
  return firstRow(grid) ?? [...fallback];
}

/**
 * 目标任务 of the new year: the old header kept as typed (extra columns too), a column added for any
 * indicator whose 计分方式 requires a target (目标完成率) and lacks one, and one row per unit of 单位 with every target blank.
 */
export function rolloverTargets(old: Grid | undefined, units: readonly Unit[], method: readonly Indicator[]): OutputGrid {
  const header = firstRow(old) ?? [TARGETS_UNIT_COLUMN.header];
  const have = new Set(header.map(normalizeHeader));
  for (const m of method) {
    if (scoringRule(m.scoring)?.target === 'required' && !have.has(normalizeHeader(m.name))) header.push(m.name);
  }
  const unitAt = Math.max(0, header.findIndex((h) => normalizeHeader(h) === normalizeHeader(TARGETS_UNIT_COLUMN.header)));
  return [header, ...units.map((u) => header.map((_, i) => (i === unitAt ? u.name : null)))];
}

const SPECS: readonly TabSpec[] = [CHECK_RESULTS_TAB, SCORE_DETAIL_TAB, WARNINGS_TAB, WEEKLY_TAB, SNAPSHOT_TAB, CHANGES_TAB, SEND_LOG_TAB, RUN_LOG_TAB];

/** Every system tab of the new ledger, name → grid. */
export function rolloverSystemTabs(
  tabs: ReadonlyMap<string, Grid>, indicatorNames: readonly string[], snapshot: readonly Cell[][],
  run: { readonly toYear: number; readonly time: string; readonly note: string },
): [string, OutputGrid][] {
  return SYSTEM_TAB_NAMES.map((name): [string, OutputGrid] => {
    const spec = SPECS.find((s) => s.name === name);
    const standard = name === RANKING_TAB_NAME ? rankingHeaders(indicatorNames) : (spec?.columns.map((c) => c.header) ?? []);
    // 快照 and 运行记录 get rows in the contract's column order, so their header is the contract's.
    if (name === SNAPSHOT_TAB.name) return [name, [standard, ...snapshot.map((r) => [...r])]];
    if (name === RUN_LOG_TAB.name) return [name, [standard, [rolloverRunId(run.toYear), ROLLOVER_JOB, run.time, run.time, '完成', run.note]]];
    return [name, [firstRow(tabs.get(name)) ?? standard]];
  });
}
