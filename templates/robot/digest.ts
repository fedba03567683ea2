/**
 * A robot digest: the few lines of a report a leader reads in a work group, as Markdown. Built from the
 * same report models as the mail, so the figures agree; fitted per robot, because DingTalk and WeCom
 * allow different sizes. Every typed name goes through `mdText`; no HTML, no colour tags.
 */
import { fitMarkdown, mdText } from '../../functions/channels/markdown.js';
import type { RobotMessage } from '../../functions/channels/robot.js';
import type { RankedUnit } from '../model/index.js';
import { changeText } from '../html/marks.js';
import { pts } from '../html/format.js';

/** A digest before fitting: most important lines first, so a cut loses the least. */
export interface DigestSource {
  /** The send log's report key, the same as the mail's. */
  readonly key: string;
  /** One line, shown by DingTalk in the chat list. */
  readonly title: string;
  readonly lines: readonly string[];
  /**
   * A shorter form for when `lines` do not fit (a large city): every section kept, long lists cut to
   * their ends. Tried before cutting anything at the end.
   */
  readonly compact?: readonly string[];
  /** Where the full report is: always the last line. */
  readonly pointer: string;
}

/** The digest cut to what the robot accepts, at a line boundary, still ending with the pointer. */
export function fitDigest(source: DigestSource, fits: (markdown: string) => boolean): RobotMessage {
  const full = [...source.lines, '', source.pointer].join('\n');
  const lines = fits(full) || !source.compact ? source.lines : source.compact;
  const markdown = fitMarkdown([...lines, '', source.pointer], fits, `……篇幅所限，以下从略。${source.pointer}`);
  return { key: source.key, title: source.title.replace(/\s+/g, ' ').trim(), markdown };
}

/** "1. 温县 **95.50** 分 ↑2 优秀" — one ranked unit as an ordered-list line. */
export function rankLine(u: RankedUnit, highlight = false): string {
  const name = highlight ? `**${mdText(u.name)}**` : mdText(u.name);
  const change = changeText(u.change);
  return `${u.groupRank}. ${name} ${pts(u.total)} 分${change === '' ? '' : ` ${change}`} ${mdText(u.grade)}`;
}

/**
 * "红灯 3 条、黄灯 2 条", or undefined when there is no warning. Words, not coloured emoji: they read
 * the same in every client and in a phone's notification preview.
 */
export function lightsLine(red: number, yellow: number): string | undefined {
  if (red + yellow === 0) return undefined;
  return [red > 0 ? `红灯 ${red} 条` : '', yellow > 0 ? `黄灯 ${yellow} 条` : ''].filter(Boolean).join('、');
}

/**
 * A bold section heading and the blank line after it: without it a following line would join the
 * heading's paragraph. `####` headings are kept for the title; robots render them large.
 */
export function section(text: string): string[] {
  return [`**${text}**`, ''];
}
