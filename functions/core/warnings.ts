/** 预警: overdue and stale projects, and units trailing the 序时进度 of a target. */
import type { AdminData } from './admin.js';
import { formatDay, type Day } from './dates.js';
import type { Project } from './ledger.js';
import { overdueAt, type Window } from './metrics.js';
import type { UnitScore } from './scoring.js';
import { isActive } from './vocabulary.js';

export interface Warning {
  readonly unit: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly kind: '超期未开工' | '长期未更新' | '序时落后';
  readonly detail: string;
  readonly level: '红' | '黄';
}

/**
 * Warnings for an assessed month. Staleness is judged at the earlier of today and E, so re-running a
 * past month does not call every project stale.
 */
export function warningsFor(admin: AdminData, counted: readonly Project[], scores: readonly UnitScore[], w: Window, today: Day): Warning[] {
  const out: Warning[] = [];
  const reference = Math.min(today, w.end);
  const { staleDays, overdueDays } = admin.settings;
  // Grouped once, in row order: filtering all rows per unit was 200 × 100,000 comparisons.
  const byUnit = new Map<string, Project[]>();
  for (const p of counted) {
    const list = byUnit.get(p.unit);
    if (list) list.push(p);
    else byUnit.set(p.unit, [p]);
  }
  const scoreOf = new Map<string, UnitScore>();
  for (const s of scores) if (!scoreOf.has(s.unit.name)) scoreOf.set(s.unit.name, s);
  for (const unit of admin.units) {
    const mine = byUnit.get(unit.name) ?? [];
    for (const p of overdueAt(mine, w)) {
      const days = w.end - (p.signDate ?? w.end);
      out.push({ unit: unit.name, projectId: p.id, projectName: p.name, kind: '超期未开工', level: '红',
        detail: `${formatDay(p.signDate ?? w.end)} 签约，至 ${formatDay(w.end)} 已 ${days} 天未开工（期限 ${overdueDays} 天）` });
    }
    for (const p of mine) {
      if (p.stage === undefined || !isActive(p.stage)) continue;
      if (p.updated === undefined) {
        out.push({ unit: unit.name, projectId: p.id, projectName: p.name, kind: '长期未更新', level: '黄', detail: '从未填写更新日期' });
      } else if (reference - p.updated > staleDays) {
        out.push({ unit: unit.name, projectId: p.id, projectName: p.name, kind: '长期未更新', level: '黄',
          detail: `最后更新于 ${formatDay(p.updated)}，已 ${reference - p.updated} 天（超过 ${staleDays} 天）` });
      }
    }
    const score = scoreOf.get(unit.name);
    for (const s of score?.scores ?? []) {
      // Every target-based indicator, at its own 序时进度ᵢ (v2).
      if (!admin.targetBased.has(s.indicator.name) || s.target === undefined) continue;
      const pace = s.pace ?? admin.settings.pace[w.period.month - 1] ?? w.period.month / 12;
      const progress = s.actual / s.target;
      const gap = (pace - progress) * 100;
      if (gap < 10 - 1e-9) continue;
      out.push({ unit: unit.name, projectId: '', projectName: '', kind: '序时落后', level: gap >= 30 - 1e-9 ? '红' : '黄',
        detail: `${s.indicator.name}完成年度目标的 ${(progress * 100).toFixed(1)}%，序时进度 ${(pace * 100).toFixed(1)}%，落后 ${gap.toFixed(1)} 个百分点` });
    }
  }
  return out;
}
