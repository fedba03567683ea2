/**
 * The frame of every message: a 600 px table that shrinks to a phone's width, inline styles only (Gmail
 * keeps them, Outlook renders tables with Word), and building blocks for sections, tables and notes.
 */
import { escapeHtml, oneLine } from './escape.js';
import { COLOR, FONT_STACK } from './theme.js';

export interface PageParts {
  /** Plain text: the <title> and the red heading. */
  readonly title: string;
  /** Plain text under the heading (period, sender, time). */
  readonly subtitle: string;
  /** Plain text shown by mail clients next to the subject (hidden in the body). */
  readonly preheader: string;
  /** Section rows made with {@link section}; already HTML. */
  readonly body: string;
  /** Plain text of the footer. */
  readonly footer: string;
  /** A 公文 head: 发文单位 in red and 期号 above the red rule, then the title in black, and a 落款 at the end. */
  readonly masthead?: { readonly issuer: string; readonly issue: string; readonly date: string };
}

/** A whole HTML document. */
export function page(parts: PageParts): string {
  const title = escapeHtml(oneLine(parts.title));
  return '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="x-apple-disable-message-reformatting">'
    // Colours carry meaning (red = behind): ask clients not to invert them in dark mode.
    + '<meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light">'
    + `<title>${title}</title>`
    // Word (Outlook) does not inherit a table's font into its cells: give it YaHei everywhere.
    + "<!--[if mso]><style>table,td,th,div,p,span,b{font-family:'Microsoft YaHei',SimSun,sans-serif!important}"
    + '.b td{font-size:0;line-height:0;mso-line-height-rule:exactly}</style><![endif]-->'
    + `</head><body style="margin:0;padding:0;background:${COLOR.page}">`
    + `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(parts.preheader)}</div>`
    + `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${COLOR.page}"><tr><td align="center" style="padding:10px 4px">`
    + '<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->'
    + `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="max-width:600px;font-family:${FONT_STACK};color:${COLOR.ink};font-size:14px;line-height:1.6">`
    + (parts.masthead ? mastheadHtml(parts.masthead, title, parts.subtitle) : titleHtml(title, parts.subtitle))
    + parts.body
    + (parts.masthead ? `<tr><td align="right" style="padding:18px 14px 10px">${escapeHtml(parts.masthead.issuer)}<br>${escapeHtml(parts.masthead.date)}</td></tr>` : '')
    + `<tr><td style="padding:14px;font-size:12px;color:${COLOR.muted};border-top:1px solid ${COLOR.line}">${escapeHtml(parts.footer)}</td></tr>`
    + '</table><!--[if mso]></td></tr></table><![endif]--></td></tr></table></body></html>';
}

const RULE = `<tr><td style="padding:0 14px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td height="3" bgcolor="${COLOR.red}" style="font-size:0;line-height:0">&nbsp;</td></tr></table></td></tr>`;

/** The usual head: the title in red over the red rule. */
function titleHtml(title: string, subtitle: string): string {
  return `<tr><td align="center" style="padding:20px 14px 0"><div style="font-size:21px;line-height:1.4;font-weight:bold;color:${COLOR.red}">${title}</div>`
    + `<div style="font-size:12px;color:${COLOR.muted};padding:4px 0 10px">${escapeHtml(subtitle)}</div></td></tr>` + RULE;
}

/** The 公文 head: 发文单位 in red (19 px: a 16-character office name fits one line at 375 px), 期号, the red rule, then the title in black. */
function mastheadHtml(m: NonNullable<PageParts['masthead']>, title: string, subtitle: string): string {
  return `<tr><td align="center" style="padding:22px 14px 0"><div style="font-size:19px;line-height:1.4;font-weight:bold;color:${COLOR.red}">${escapeHtml(m.issuer)}</div>`
    + `<div style="font-size:14px;padding:6px 0 8px">${escapeHtml(m.issue)}</div></td></tr>` + RULE
    + `<tr><td align="center" style="padding:14px 14px 0"><div style="font-size:19px;line-height:1.4;font-weight:bold">${title}</div>`
    + `<div style="font-size:12px;color:${COLOR.muted};padding:4px 0 6px">${escapeHtml(subtitle)}</div></td></tr>`;
}

/** A numbered section: "一、全市总体情况" and its content (HTML). */
export function section(heading: string, content: string): string {
  return `<tr><td style="padding:16px 14px 2px"><div style="font-size:16px;font-weight:bold;color:${COLOR.red}">${escapeHtml(heading)}</div></td></tr>`
    + `<tr><td style="padding:2px 14px 6px">${content}</td></tr>`;
}

/** A block without a heading (content already HTML), e.g. an opening paragraph. */
export function block(content: string): string {
  return `<tr><td style="padding:14px 14px 2px">${content}</td></tr>`;
}

/** A small grey line of explanation (text). */
export function note(text: string): string {
  return `<div style="font-size:12px;color:${COLOR.muted};padding:4px 0">${escapeHtml(text)}</div>`;
}

/** A paragraph of already-escaped HTML. */
export function para(html: string): string {
  return `<div style="padding:3px 0">${html}</div>`;
}

/** A sub-heading inside a section (text). */
export function subheading(text: string): string {
  return `<div style="font-size:14px;font-weight:bold;padding:8px 0 2px">${escapeHtml(text)}</div>`;
}

export interface Column {
  readonly label: string;
  readonly align?: 'left' | 'center' | 'right';
  /** e.g. "30" (px) or "40%". */
  readonly width?: string;
}

export interface TableOptions {
  /** Index of a row to highlight (the reader's own unit). */
  readonly highlight?: number;
  readonly fontSize?: number;
}

/**
 * A data table; `rows` hold HTML cells, already escaped. Zebra rows by bgcolor (borders on rows do not
 * survive Word); cellpadding instead of per-cell padding keeps 200 rows small.
 */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const align = (c: Column | undefined) => (c?.align && c.align !== 'left' ? ` align="${c.align}"` : '');
  const head = columns
    .map((c) => `<th align="${c.align ?? 'left'}"${c.width ? ` width="${c.width}"` : ''} style="font-weight:bold;font-size:12px;color:${COLOR.muted}">${escapeHtml(c.label)}</th>`)
    .join('');
  const body = rows
    .map((cells, i) => {
      const bg = i === options.highlight ? ` bgcolor="${COLOR.highlight}" style="font-weight:bold"` : i % 2 === 1 ? ` bgcolor="${COLOR.zebra}"` : '';
      return `<tr${bg}>${cells.map((cell, j) => `<td${align(columns[j])}>${cell}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table role="presentation" width="100%" cellpadding="4" cellspacing="0" border="0" style="font-size:${options.fontSize ?? 13}px;line-height:1.4">`
    + `<tr bgcolor="${COLOR.head}">${head}</tr>${body}</table>`;
}

/** Figure cards, two per row so they fit a phone: label, big value, and a line under it (all HTML). */
export function cards(items: readonly { label: string; value: string; below: string }[]): string {
  let rows = '';
  for (let i = 0; i < items.length; i += 2) {
    const pair = items.slice(i, i + 2);
    rows += '<tr>' + pair.map((c) => `<td width="50%" valign="top" style="padding:5px">`
      + `<table role="presentation" width="100%" cellpadding="8" cellspacing="0" border="0" bgcolor="${COLOR.zebra}" style="border:1px solid ${COLOR.line}"><tr><td>`
      + `<div style="font-size:12px;color:${COLOR.muted}">${c.label}</div>`
      + `<div style="font-size:20px;font-weight:bold;line-height:1.3">${c.value}</div>${c.below}</td></tr></table></td>`).join('')
      + (pair.length === 1 ? '<td width="50%"></td>' : '') + '</tr>';
  }
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${rows}</table>`;
}

/** Coloured inline text (content already HTML). */
export function colored(html: string, color: string, bold = false): string {
  return bold ? `<b style="color:${color}">${html}</b>` : `<span style="color:${color}">${html}</span>`;
}

/** Grey small inline text (content already HTML). */
export function small(html: string): string {
  return `<span style="font-size:12px;color:${COLOR.muted}">${html}</span>`;
}
