/** Colours and the font stack of every message. One place, so all five reports look like one product. */

/** System CJK fonts only: nothing to download, and Outlook (Word) gets YaHei through the head style. */
export const FONT_STACK = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif";

export const COLOR = {
  red: '#b71c1c',
  ink: '#1f2937',
  muted: '#6b7280',
  line: '#e5e7eb',
  page: '#f2f3f5',
  zebra: '#f8f9fb',
  head: '#f1f3f6',
  highlight: '#fff4e0',
  track: '#e8ebf0',
  bar: '#3b6fb6',
  good: '#2f855a',
  bad: '#c53030',
  warn: '#c98a0b',
  marker: '#111827',
} as const;

/** Colour of progress against 序时进度: on pace green, slightly behind blue, behind amber, far behind red. */
export function paceColor(progress: number, pace: number): string {
  const gap = (pace - progress) * 100;
  if (gap <= 0) return COLOR.good;
  if (gap < 10) return COLOR.bar;
  return gap < 30 ? COLOR.warn : COLOR.bad;
}
