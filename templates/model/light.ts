/**
 * The 红黄绿 light a leader reads first, one per unit, derived from its 预警 of the month:
 * 红 — some 目标完成率 indicator trails 序时进度 by 30 points or more (a 红 序时落后);
 * 黄 — some trails by 10 points or more (a 黄 序时落后);
 * 绿 — every target indicator is within 10 points of the pace.
 * The thresholds are the contract's 序时落后 rule, so light and 预警 never disagree. Project warnings
 * (超期未开工, 长期未更新) are about rows, not the unit's pace: they have their own table and are
 * named in the reason only when the unit is lit anyway.
 */
import type { Warning } from '../../functions/core/index.js';

export type LightColor = '红' | '黄' | '绿';

export interface UnitLight {
  readonly color: LightColor;
  /** Why, in words: "到位资金落后序时 32.1 个百分点；超期未开工 2 个"; empty for 绿. */
  readonly reason: string;
}

/** The legend printed under every table that shows lights; one sentence per colour. */
export const LIGHT_LEGEND = '红灯：有目标任务指标落后序时进度 30 个百分点以上；黄灯：有目标任务指标落后序时进度 10 个百分点以上；绿灯：各目标任务指标均在序时进度 10 个百分点以内（超期未开工等项目预警见预警情况）。';

/** The light of one unit from the month's warnings (all units' warnings may be passed). */
export function unitLight(unit: string, warnings: readonly Warning[]): UnitLight {
  const mine = warnings.filter((w) => w.unit === unit);
  const behind = mine.filter((w) => w.kind === '序时落后');
  const overdue = mine.filter((w) => w.kind === '超期未开工').length;
  const reasons = behind.map((w) => gapText(w.detail));
  if (overdue > 0) reasons.push(`超期未开工 ${overdue} 个`);
  const color: LightColor = behind.some((w) => w.level === '红') ? '红' : behind.length > 0 ? '黄' : '绿';
  return { color, reason: color === '绿' ? '' : reasons.join('；') };
}

/** "到位资金完成年度目标的 20.0%，序时进度 55.0%，落后 35.0 个百分点" → "到位资金落后序时 35.0 个百分点". */
function gapText(detail: string): string {
  const m = /^(.*?)完成年度目标的.*落后 ([\d.]+) 个百分点$/.exec(detail);
  return m ? `${m[1]}落后序时 ${m[2]} 个百分点` : detail;
}
