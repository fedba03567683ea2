/**
 * Cell styles the system needs (header, number formats, 级别 tints, the 校验 colours), added to the
 * workbook's styles part by appending to its lists, so every index a staff cell uses keeps its meaning.
 * A style already present from an earlier run (same serialized element) is reused: the part does not
 * grow run after run, and it is left byte-identical when nothing new was needed.
 */

/** What a system cell looks like. Colours are ARGB hex. */
export interface StyleSpec {
  readonly bold?: boolean;
  readonly color?: string;
  readonly size?: number;
  readonly fill?: string;
  readonly numFmt?: string;
  readonly wrap?: boolean;
  readonly center?: boolean;
}

/** The styles part being patched; `style` returns the `s` index for a spec. */
export interface StyleBook {
  style(spec: StyleSpec): number;
  /** The new part text, or undefined when nothing was added. */
  result(): string | undefined;
}

/** Built-in number format ids (ECMA-376 §18.8.30) the system uses, so no custom entry is needed. */
const BUILTIN: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

interface Section {
  /** Element name of the list ("fonts") and of its children ("font"). */
  readonly list: string;
  readonly child: string;
}

const FONTS: Section = { list: 'fonts', child: 'font' };
const FILLS: Section = { list: 'fills', child: 'fill' };
const XFS: Section = { list: 'cellXfs', child: 'xf' };
const NUMFMTS: Section = { list: 'numFmts', child: 'numFmt' };

/** Opens a styles part for patching; an absent or unrecognizable part yields the default style only. */
export function openStyleBook(original: string | undefined): StyleBook {
  let text = original ?? '';
  let changed = false;
  const cache = new Map<string, number>();
  const usable = /<(?:\w+:)?cellXfs\b/.test(text) && /<(?:\w+:)?fonts\b/.test(text) && /<(?:\w+:)?fills\b/.test(text);
  const prefix = /<(\w+:)?styleSheet\b/.exec(text)?.[1] ?? '';

  /** Index of `element` in a list, appending it when missing. */
  const ensure = (section: Section, element: string): number => {
    const range = listRange(text, section, prefix);
    if (!range) return 0;
    const body = text.slice(range.bodyStart, range.bodyEnd);
    const at = body.indexOf(element);
    if (at >= 0) return countChildren(body.slice(0, at), section.child);
    const index = countChildren(body, section.child);
    const head = text.slice(range.start, range.bodyStart).replace(/\scount="\d+"/, ` count="${index + 1}"`);
    text = text.slice(0, range.start) + head + body + element + text.slice(range.bodyEnd);
    changed = true;
    return index;
  };

  const numFmtId = (code: string): number => {
    const builtin = BUILTIN[code];
    if (builtin !== undefined) return builtin;
    const escaped = code.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const existing = new RegExp(`<(?:\\w+:)?numFmt\\s+numFmtId="(\\d+)"\\s+formatCode="${escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(text);
    if (existing) return Number(existing[1]);
    const ids = [...text.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    const id = Math.max(163, ...ids) + 1;
    text = text.replace(new RegExp(`<${prefix}numFmts\\b([^>]*?)/>`), `<${prefix}numFmts$1></${prefix}numFmts>`);
    if (!listRange(text, NUMFMTS, prefix)) {
      // numFmts comes first in the styleSheet sequence: right before fonts.
      const fonts = new RegExp(`<${prefix}fonts\\b`).exec(text);
      if (!fonts) return 0;
      text = `${text.slice(0, fonts.index)}<${prefix}numFmts count="0"></${prefix}numFmts>${text.slice(fonts.index)}`;
    }
    ensure(NUMFMTS, `<${prefix}numFmt numFmtId="${id}" formatCode="${escaped}"/>`);
    return id;
  };

  return {
    style(spec) {
      if (!usable) return 0;
      const key = JSON.stringify(spec);
      const known = cache.get(key);
      if (known !== undefined) return known;
      const p = prefix;
      const font = spec.bold || spec.color || spec.size
        ? ensure(FONTS, `<${p}font>${spec.bold ? `<${p}b/>` : ''}<${p}sz val="${spec.size ?? 11}"/>${spec.color ? `<${p}color rgb="${spec.color}"/>` : ''}<${p}name val="Microsoft YaHei"/><${p}family val="2"/><${p}charset val="134"/></${p}font>`)
        : 0;
      const fill = spec.fill ? ensure(FILLS, `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${spec.fill}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`) : 0;
      const numFmt = spec.numFmt ? numFmtId(spec.numFmt) : 0;
      const alignment = spec.wrap || spec.center
        ? `<${p}alignment${spec.center ? ' horizontal="center"' : ''} vertical="${spec.center ? 'center' : 'top'}"${spec.wrap ? ' wrapText="1"' : ''}/>`
        : '';
      const xf = `<${p}xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${alignment ? ' applyAlignment="1">' + alignment + `</${p}xf>` : '/>'}`;
      const index = ensure(XFS, xf);
      cache.set(key, index);
      return index;
    },
    result: () => (changed ? text : undefined),
  };
}

/** Where a list's children are: from its opening tag to its closing tag. */
function listRange(text: string, section: Section, prefix: string): { start: number; bodyStart: number; bodyEnd: number } | undefined {
  const open = new RegExp(`<${prefix}${section.list}\\b[^>]*?(/?)>`).exec(text);
  if (!open) return undefined;
  const start = open.index;
  // A self-closing list has nothing to append to (numFmts is expanded before use; an empty fills or
  // cellXfs is invalid anyway): the default style is used.
  if (open[1] === '/') return undefined;
  const close = text.indexOf(`</${prefix}${section.list}>`, start);
  if (close < 0) return undefined;
  return { start, bodyStart: start + open[0].length, bodyEnd: close };
}

/** Children opened in a stretch of a list body (their own children have other names). */
function countChildren(body: string, child: string): number {
  return body.match(new RegExp(`<(?:\\w+:)?${child}[\\s/>]`, 'g'))?.length ?? 0;
}
