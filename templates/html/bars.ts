/**
 * Charts as HTML table bars: coloured cells with percentage widths. They need no image and no font,
 * show in Gmail, in Outlook (Word renders td widths and bgcolor) and on a 375 px phone.
 */
import { COLOR, paceColor } from './theme.js';

/** A stretch of a bar: its share of the width (0–1) and its colour. */
export interface Segment {
  readonly share: number;
  readonly color: string;
}

/** Integer percentages summing to 100 (largest remainder). */
function percentages(shares: readonly number[]): number[] {
  const total = shares.reduce((a, b) => a + Math.max(0, b), 0) || 1;
  const raw = shares.map((s) => (Math.max(0, s) / total) * 100);
  const out = raw.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/**
 * A horizontal bar of `height` px made of segments. `markAt` (0–1) draws a dark 2 px line at that
 * position, as the left border of the segment starting there (or the right border of the last one).
 */
export function bar(segments: readonly Segment[], height = 10, markAt?: number): string {
  const widths = percentages(segments.map((s) => s.share));
  const cells: { w: number; color: string; start: number }[] = [];
  let at = 0;
  segments.forEach((s, i) => {
    const w = widths[i] ?? 0;
    if (w > 0) cells.push({ w, color: s.color, start: at });
    at += w;
  });
  let markIndex = -1;
  let markSide: 'left' | 'right' = 'left';
  if (markAt !== undefined && cells.length > 0) {
    const target = Math.round(Math.min(1, Math.max(0, markAt)) * 100);
    markIndex = cells.findIndex((c) => c.start >= target && c.start > 0);
    if (markIndex < 0 || target >= 100) {
      markIndex = cells.length - 1;
      markSide = 'right';
    }
  }
  const tds = cells
    .map((c, i) => {
      const mark = i === markIndex ? ` style="border-${markSide}:2px solid ${COLOR.marker}"` : '';
      // The last cell takes what is left: no width needed. Empty cells keep their height in browsers;
      // Word gets font-size 0 for class "b" from the page head so it does not make them a line tall.
      // The first cell's height sets the row's.
      const width = i === cells.length - 1 && cells.length > 1 ? '' : ` width="${c.w}%"`;
      return `<td${width}${i === 0 ? ` height="${height}"` : ''} bgcolor="${c.color}"${mark}></td>`;
    })
    .join('');
  return `<table class="b" width="100%" cellpadding="0" cellspacing="0"><tr>${tds}</tr></table>`;
}

/** A value against a scale: filled share and grey track. */
export function valueBar(value: number, max: number, color: string = COLOR.bar, height = 10): string {
  const share = max <= 0 ? 0 : Math.min(1, Math.max(0, value / max));
  return bar([{ share, color }, { share: 1 - share, color: COLOR.track }], height);
}

/**
 * A bullet bar: progress of the annual target (full width = 100%) with a dark line at 序时进度. The fill
 * is coloured by how far it trails the pace.
 */
export function paceBar(progress: number, pace: number, height = 12): string {
  const color = paceColor(progress, pace);
  const p = Math.min(1, Math.max(0, progress));
  const m = Math.min(1, Math.max(0, pace));
  const segments = p < m
    ? [{ share: p, color }, { share: m - p, color: COLOR.track }, { share: 1 - m, color: COLOR.track }]
    : [{ share: m, color }, { share: p - m, color }, { share: 1 - p, color: COLOR.track }];
  return bar(segments, height, m);
}
