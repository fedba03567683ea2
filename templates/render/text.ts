/** Plain-text parts: the same content as the HTML, as lines a phone shows without layout. */
import { oneLine } from '../html/escape.js';

/** The title block: title, subtitle, a rule. */
export function textTitle(title: string, subtitle: string): string[] {
  return [oneLine(title), oneLine(subtitle), '='.repeat(32), ''];
}

/** A section: heading, its lines, a blank line. */
export function textSection(heading: string, lines: readonly string[]): string[] {
  return [heading, ...lines.map((l) => (l === '' ? '' : `  ${l}`)), ''];
}

/** Joins the parts with CRLF-free LF line ends; typed names are kept on one line. */
export function textOf(lines: readonly string[]): string {
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** A typed name on one line, for text. */
export const t = oneLine;
