/** City figures as cards with pace bars, as a sentence, and the per-unit pace chart. */
import type { CityFigure, UnitPace } from '../model/index.js';
import { paceBar } from '../html/bars.js';
import { cellHtml, escapeHtml } from '../html/escape.js';
import { groupDigits, pct, valueText, wan, yi, type ValueUnit } from '../html/format.js';
import { cards, colored, table } from '../html/layout.js';
import { COLOR, paceColor } from '../html/theme.js';
import { t } from './text.js';

/** A figure's value for a card: 亿元 for money, 个 for counts, % for rates. */
function bigValue(f: CityFigure): { value: string; unit: string } {
  if (f.valueUnit === '万元') return { value: yi(f.actual), unit: '亿元' };
  if (f.valueUnit === '%') return { value: (f.actual * 100).toFixed(1), unit: '%' };
  return { value: groupDigits(f.actual, 0), unit: '个' };
}

/** A target in the figure's display unit. */
export function targetText(value: number, unit: ValueUnit): string {
  return unit === '万元' ? `${yi(value)} 亿元` : unit === '%' ? pct(value) : `${groupDigits(value, 2)} 个`;
}

/** Gap to 序时进度 in words: "超序时 3.2 个百分点" / "低于序时 6.6 个百分点". */
export function gapText(progress: number, pace: number): string {
  const gap = (progress - pace) * 100;
  if (Math.abs(gap) < 0.05) return '与序时持平';
  return gap > 0 ? `超序时 ${gap.toFixed(1)} 个百分点` : `低于序时 ${(-gap).toFixed(1)} 个百分点`;
}

/** Cards of the headline figures; those with a target carry a pace bar. */
export function figureCards(figures: readonly CityFigure[]): string {
  return cards(figures.map((f) => {
    const { value, unit } = bigValue(f);
    const below = f.progress !== undefined && f.target !== undefined
      ? `<div style="padding:4px 0 2px">${paceBar(f.progress, f.pace, 8)}</div>`
        + `<div style="font-size:12px;color:${COLOR.muted}">年度目标 ${escapeHtml(targetText(f.target, f.valueUnit))}，完成 ${colored(pct(f.progress), paceColor(f.progress, f.pace), true)}</div>`
      : `<div style="font-size:12px;color:${COLOR.muted};padding-top:4px">${escapeHtml(f.detail || '未设年度目标')}</div>`;
    return { label: escapeHtml(f.label), value: `${value}<span style="font-size:13px;font-weight:normal"> ${unit}</span>`, below };
  }));
}

/** Figures as text lines. */
export function figureLines(figures: readonly CityFigure[]): string[] {
  return figures.map((f) => {
    const value = f.valueUnit === '万元' ? `${yi(f.actual)} 亿元` : valueText(f.actual, f.valueUnit);
    if (f.progress === undefined || f.target === undefined) return `${f.label}：${value}${f.detail ? `（${f.detail}）` : ''}`;
    return `${f.label}：${value}，年度目标 ${targetText(f.target, f.valueUnit)}，完成 ${pct(f.progress)}，序时进度 ${pct(f.pace)}，${gapText(f.progress, f.pace)}`;
  });
}

/** "截至6月底，全市到位资金 1.65 亿元，完成年度目标的 43.4%，低于序时 6.6 个百分点；…" */
export function figureSentence(figures: readonly CityFigure[], month: number): string {
  const get = (basis: string) => figures.find((f) => f.basis === basis);
  const parts: string[] = [];
  const money = get('到位资金');
  if (money) {
    parts.push(`全市到位资金 ${yi(money.actual)} 亿元${money.progress !== undefined ? `，完成年度目标的 ${pct(money.progress)}，${gapText(money.progress, money.pace)}` : ''}`);
  }
  const signed = get('签约项目数');
  const amount = get('签约金额');
  const big = get('亿元以上签约项目数');
  if (signed) parts.push(`新签约项目 ${signed.actual} 个${amount ? `、合同投资额 ${yi(amount.actual)} 亿元` : ''}${big ? `，其中亿元以上项目 ${big.actual} 个` : ''}`);
  const started = get('开工项目数');
  if (started) parts.push(`新开工项目 ${started.actual} 个`);
  const rate = get('履约率');
  if (rate) parts.push(`履约率 ${pct(rate.actual)}`);
  return `截至${month}月底，${parts.join('；')}。`;
}

/** The per-unit pace chart: unit, bullet bar, completion. */
export function unitPaceHtml(monthPace: number, rows: UnitPace['rows']): string {
  return table(
    [{ label: '单位', width: '28%' }, { label: `完成年度目标（竖线为序时进度 ${pct(monthPace)}）` }, { label: '完成', align: 'right', width: '50' }],
    rows.map((r) => [cellHtml(r.unit), paceBar(r.progress, monthPace, 10), colored(pct(r.progress), paceColor(r.progress, monthPace), true)]),
  );
}

/** The per-unit pace chart as text. */
export function unitPaceLines(pace: UnitPace, monthPace: number, rows: UnitPace['rows']): string[] {
  return rows.map((r) => `${t(r.unit)}：${pace.valueUnit === '万元' ? `${wan(r.actual)} / ${wan(r.target)} 万元` : `${r.actual} / ${r.target}`}，完成 ${pct(r.progress)}（${gapText(r.progress, monthPace)}）`);
}

