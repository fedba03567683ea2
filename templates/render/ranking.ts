/** The ranking table with its bar chart: one row per unit, 总分 as a bar, 较上月 as an arrow. */
import type { RankedUnit } from '../model/index.js';
import { valueBar } from '../html/bars.js';
import { cellHtml } from '../html/escape.js';
import { pts } from '../html/format.js';
import { table } from '../html/layout.js';
import { changeHtml, changeText } from '../html/marks.js';
import { COLOR } from '../html/theme.js';
import { t } from './text.js';

/** Full bar width in points: 100, or the best total when bonus points push it higher. */
export function barScale(units: readonly RankedUnit[]): number {
  return Math.max(100, ...units.map((u) => u.total));
}

/** The ranking of one group as an HTML table with bars; `me` highlights the reader's own unit. */
export function rankingHtml(units: readonly RankedUnit[], scale: number, me?: string): string {
  const last = Math.max(...units.map((u) => u.groupRank));
  const rows = units.map((u) => {
    const color = units.length > 1 && u.groupRank === last ? COLOR.bad : u.groupRank === 1 ? COLOR.good : COLOR.bar;
    // 等次 is shown only where 一票否决 / 降一档 changed it: the reader must see why it differs from 总分.
    const name = u.gradeNote ? `${cellHtml(u.name)}<br><span style="font-size:11px;color:${COLOR.bad}">等次 ${cellHtml(u.grade)}（${cellHtml(u.gradeNote)}）</span>` : cellHtml(u.name);
    return [String(u.groupRank), name, pts(u.total), valueBar(u.total, scale, color), changeHtml(u.change)];
  });
  const highlight = me === undefined ? undefined : units.findIndex((u) => u.name === me);
  // No 等次 column: on a 375 px phone the unit name needs the room (等次 is in the workbook).
  return table(
    [
      { label: '名次', width: '28' }, { label: '单位' }, { label: '总分', align: 'right', width: '44' },
      { label: '', width: '34%' }, { label: '较上月', align: 'center', width: '40' },
    ],
    rows,
    highlight === undefined || highlight < 0 ? {} : { highlight },
  );
}

/** The ranking of one group as text lines: "1. 乙县 94.50 分 ↑1 优秀". */
export function rankingText(units: readonly RankedUnit[]): string[] {
  return units.map((u) => `${u.groupRank}. ${t(u.name)}  ${pts(u.total)} 分  ${changeText(u.change) || '  '}  ${t(u.grade)}${u.gradeNote ? `（${t(u.gradeNote)}）` : ''}`);
}
