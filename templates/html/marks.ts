/** Small signs shared by HTML and text: 较上月 arrows, warning levels, tones. */
import { colored } from './layout.js';
import { COLOR } from './theme.js';

/** 较上月 as text: "↑2", "↓1", "—" (no change), "" (no ranking last month). */
export function changeText(change: number | undefined): string {
  if (change === undefined) return '';
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '—';
}

/** 较上月 in colour: up green, down red, level grey. */
export function changeHtml(change: number | undefined): string {
  if (change === undefined) return '';
  const color = change > 0 ? COLOR.good : change < 0 ? COLOR.bad : COLOR.muted;
  return colored(changeText(change), color, change !== 0);
}

/** A 红/黄 warning level as a coloured dot and word. */
export function levelHtml(level: '红' | '黄'): string {
  return colored(level === '红' ? '● 红' : '● 黄', level === '红' ? COLOR.bad : COLOR.warn, true);
}

/** Colour of a score's share of what was possible. */
export function scoreColor(score: number, possible: number): string {
  if (possible <= 0) return score < 0 ? COLOR.bad : COLOR.good;
  const share = score / possible;
  return share >= 0.9 ? COLOR.good : share >= 0.6 ? COLOR.bar : share >= 0.3 ? COLOR.warn : COLOR.bad;
}

/** A unit's 红黄绿 light as a coloured dot (the legend under the table says what each colour means). */
export function lightHtml(color: '红' | '黄' | '绿'): string {
  return colored('●', color === '红' ? COLOR.bad : color === '黄' ? COLOR.warn : COLOR.good, true);
}
