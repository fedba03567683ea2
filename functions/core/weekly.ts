/** 周报记录: did each unit update every active project in the week before a deadline? */
import type { Unit } from './admin.js';
import { shanghaiToday } from './dates.js';
import type { Project } from './ledger.js';
import { isActive } from './vocabulary.js';

export interface WeeklyVerdict {
  readonly deadline: Date;
  readonly unit: string;
  readonly onTime: boolean;
  readonly updated: number;
  readonly due: number;
  /** Active projects not updated in the week, for the reminder. */
  readonly missing: readonly Project[];
}

/**
 * On time when every active row (not 终止, not 达效) has 更新日期 within the 7 days before the deadline:
 * the deadline's own date and the six days before it. A row whose stage cannot be read counts as active.
 */
export function weeklyVerdicts(units: readonly Unit[], projects: readonly Project[], deadline: Date): WeeklyVerdict[] {
  const last = shanghaiToday(deadline);
  const first = last - 6;
  return units.map((unit) => {
    const active = projects.filter((p) => p.unit === unit.name && (p.stage === undefined || isActive(p.stage)));
    const missing = active.filter((p) => p.updated === undefined || p.updated < first || p.updated > last);
    return { deadline, unit: unit.name, onTime: missing.length === 0, updated: active.length - missing.length, due: active.length, missing };
  });
}
