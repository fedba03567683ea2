/** The ranking table with its bar chart: one row per unit, 总分 as a bar, 较上月 as an arrow. */
import type { RankedUnit, UnitLight } from '../model/index.js';
import { valueBar } from '../html/bars.js';
import { cellHtml } from '../html/escape.js';
import { pts } from '../html/format.js';
import { table } from '../html/layout.js';
import { changeHtml, changeText, lightHtml } from '../html/marks.js';
import { COLOR } from '../html/theme.js';
import { t } from './text.js';

/** Full bar width in points: 100, or the best total when bonus points push it higher. */
export function barScale(units: readonly RankedUnit[]): number {
  return Math.max(100, ...units.map((u) => u.total));
}

export interface RankingExtras {
  /** The bulletin's 红黄绿 per unit: adds a 灯 column. */
  readonly lights?: ReadonlyMap<string, UnitLight> | undefined;
  /** Bars of 总分 (default true); a bulletin of hundreds of units drops them to stay under Gmail's limit. */
  readonly bars?: boolean;
}

/**
 * The ranking of one group as an HTML table with bars: 组内名次, 总分, 较上月, 全市排名 and 等次; `me`
 * highlights the reader's own unit.
 */
export function rankingHtml(units: readonly RankedUnit[], scale: number, me?: string, extra: RankingExtras = {}): string {
  const { lights, bars = true } = extra;
  const last = Math.max(...units.map((u) => u.groupRank));
  const rows = units.map((u) => {
    const color = units.length > 1 && u.groupRank === last ? COLOR.bad : u.groupRank === 1 ? COLOR.good : COLOR.bar;
    return remembered(htmlRows, u, `${color}|${scale}|${bars}|${lights ? lights.get(u.name)?.color ?? '-' : ''}`, () => {
      const light = lights?.get(u.name);
      // 等次 is in its own column; where 一票否决 / 降一档 changed it, the reason goes under the name.
      const note = u.gradeNote ? `<br><span style="font-size:11px;color:${COLOR.bad}">等次 ${cellHtml(u.grade)}（${cellHtml(u.gradeNote)}）</span>` : '';
      return [
        // A unit name must not break into one character per line on a phone: the bar gives way instead.
        String(u.groupRank), `<span style="white-space:nowrap">${cellHtml(u.name)}</span>${note}`, pts(u.total), ...(bars ? [valueBar(u.total, scale, color)] : []), changeHtml(u.change), String(u.cityRank), cellHtml(u.grade),
        ...(lights ? [light ? lightHtml(light.color) : ''] : []),
      ];
    });
  });
  const highlight = me === undefined ? undefined : units.findIndex((u) => u.name === me);
  // The bar gets what is left: on a 375 px phone the unit name and the seven short columns need the room.
  return table(
    [
      { label: '名次', width: '28' }, { label: '单位' }, { label: '总分', align: 'right', width: '40' },
      ...(bars ? [{ label: '', width: '20%' }] : []), { label: '较上月', align: 'center', width: '36' }, { label: '全市', align: 'center', width: '28' },
      { label: '等次', align: 'center', width: '30' }, ...(lights ? [{ label: '灯', align: 'center' as const, width: '18' }] : []),
    ],
    rows,
    highlight === undefined || highlight < 0 ? {} : { highlight },
  );
}

/** The ranking of one group as text lines: "1. 乙县 94.50 分 ↑1 全市第 2 名 优秀 绿灯". */
export function rankingText(units: readonly RankedUnit[], lights?: ReadonlyMap<string, UnitLight>): string[] {
  return units.map((u) => {
    const light = lights?.get(u.name);
    return remembered(textRows, u, light ? `${light.color}|${light.reason}` : '', () => {
      const lamp = light ? `  ${light.color}灯${light.reason ? `（${t(light.reason)}）` : ''}` : '';
      return `${u.groupRank}. ${t(u.name)}  ${pts(u.total)} 分  ${changeText(u.change) || '  '}  全市第 ${u.cityRank} 名  ${t(u.grade)}${u.gradeNote ? `（${t(u.gradeNote)}）` : ''}${lamp}`;
    });
  });
}

/**
 * A group's ranking appears in each of its units' reports (200 a month, up to ~70 rows each), the same
 * rows but for which one is highlighted (done by the table, not the row). A row is therefore made once
 * per unit and look (every input of the row is in the key or is the unit itself) and then reused. The
 * model's units are never changed once built, so a row cannot go stale; keyed weakly, rows go with them.
 */
const htmlRows = new WeakMap<RankedUnit, Map<string, readonly string[]>>();
const textRows = new WeakMap<RankedUnit, Map<string, string>>();

function remembered<T>(store: WeakMap<RankedUnit, Map<string, T>>, unit: RankedUnit, key: string, make: () => T): T {
  let looks = store.get(unit);
  if (!looks) store.set(unit, (looks = new Map()));
  let row = looks.get(key);
  if (row === undefined) looks.set(key, (row = make()));
  return row;
}
