/** 周上报提醒: sent the day before the weekly deadline to units with 错误 rows or rows not yet updated. */
import { a1, formatDay, type Unit, type WeekOutcome } from '../../functions/core/index.js';
import { excludedRows, type ExcludedRow } from './common.js';

/** An active row whose 更新日期 is not within the 7 days before the deadline. */
export interface StaleRow {
  readonly projectId: string;
  readonly projectName: string;
  readonly stage: string;
  readonly row: number;
  /** `YYYY-MM-DD`, or undefined when never filled. */
  readonly lastUpdated: string | undefined;
  /** The 更新日期 cell to fill, e.g. `台账-温县!AE4`. */
  readonly cell: string;
  readonly tab: string;
  /** A1 address of that cell, e.g. `AE4` ("" when the column is unknown). */
  readonly address: string;
}

export interface WeeklyReminderModel {
  readonly city: string;
  readonly unit: Unit;
  readonly to: readonly string[];
  readonly deadline: Date;
  readonly generatedAt: Date;
  /** Active rows due this week, and how many are already updated. */
  readonly due: number;
  readonly updated: number;
  readonly errorRows: readonly ExcludedRow[];
  readonly staleRows: readonly StaleRow[];
}

/**
 * One model per unit that needs a reminder (a 错误 row, or an active row not updated in the week of
 * `outcome.deadline`), in 单位 order. Units with nothing to fix get none.
 */
export function weeklyReminderModels(outcome: WeekOutcome, generatedAt: Date): WeeklyReminderModel[] {
  if (outcome.structure.length > 0) return [];
  const { admin, ledger } = outcome;
  const bad = ledger.projects.filter((p) => !p.counted);
  const out: WeeklyReminderModel[] = [];
  for (const unit of admin.units) {
    const verdict = outcome.verdicts.find((v) => v.unit === unit.name);
    const errorRows = excludedRows(bad, outcome.findings, unit.name);
    const column = ledger.layouts.get(unit.tab)?.get('updated');
    const staleRows = (verdict?.missing ?? []).map((p): StaleRow => ({
      projectId: p.id, projectName: p.name, stage: p.stage ?? '', row: p.row,
      lastUpdated: p.updated === undefined ? undefined : formatDay(p.updated),
      cell: column === undefined ? `${unit.tab} 第 ${p.row} 行` : `${unit.tab}!${a1(column, p.row)}`,
      tab: unit.tab, address: column === undefined ? '' : a1(column, p.row),
    }));
    if (errorRows.length === 0 && staleRows.length === 0) continue;
    out.push({
      city: admin.settings.city, unit, to: [...unit.liaisonEmails], deadline: outcome.deadline, generatedAt,
      due: verdict?.due ?? 0, updated: verdict?.updated ?? 0, errorRows, staleRows,
    });
  }
  return out;
}
