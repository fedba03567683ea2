/**
 * Reading back the text of a PDF that pdfkit wrote, the way a viewer's copy/search does: content streams
 * are inflated, each text run's glyph ids are mapped through its font's ToUnicode CMap. Enough for our
 * own files (Type0 fonts, hex strings in TJ arrays), so the tests need no poppler on the machine.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

/** Every `n 0 obj … endobj` with its dictionary text and its (inflated) stream. */
export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2] ?? '';
    const at = body.indexOf('stream');
    if (at < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index + m[0].indexOf(body) + at + 'stream'.length + (body[at + 6] === '\r' ? 2 : 1);
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    out.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return out;
}

/** ToUnicode CMap: glyph id → text. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src ?? '0', 16), utf16(dst ?? ''));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const a = parseInt(lo ?? '0', 16);
      const b = parseInt(hi ?? '0', 16);
      if ((rest ?? '').startsWith('[')) {
        [...(rest ?? '').matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(a + i, utf16(d[1] ?? '')));
      } else {
        const base = parseInt((rest ?? '<0>').slice(1, -1), 16);
        for (let g = a; g <= b; g++) map.set(g, String.fromCharCode(base + g - a));
      }
    }
  }
  return map;
}

/** The text of every page, one line per text run; a wide gap in a TJ array reads as a space. */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const cmapOfFont = new Map<string, Map<number, string>>();
  for (const [, o] of objects) {
    for (const [, name, ref] of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(ref));
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '')?.[1];
      const cmap = toUnicode === undefined ? undefined : objects.get(Number(toUnicode))?.stream;
      if (name && cmap && !cmapOfFont.has(name)) cmapOfFont.set(name, parseCmap(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const [, o] of objects) {
    const content = o.stream?.toString('latin1') ?? '';
    if (!content.includes(' Tf')) continue;
    let cmap = new Map<number, string>();
    for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\] TJ/g)) {
      if (m[1]) {
        cmap = cmapOfFont.get(m[1]) ?? new Map();
        continue;
      }
      let line = '';
      for (const part of (m[2] ?? '').matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) line += (part[1].match(/.{4}/g) ?? []).map((h) => cmap.get(parseInt(h, 16)) ?? '\uFFFD').join('');
        else if (Number(part[2]) < -200) line += ' ';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** How many glyphs drawn are glyph 0 (.notdef, the empty box of a character the font lacks). */
export function notdefGlyphs(pdf: Buffer): number {
  let count = 0;
  for (const [, o] of pdfObjects(pdf)) {
    const content = o.stream?.toString('latin1') ?? '';
    if (!content.includes(' TJ')) continue;
    for (const m of content.matchAll(/<([0-9a-fA-F]*)>/g)) count += ((m[1] ?? '').match(/.{4}/g) ?? []).filter((g) => g === '0000').length;
  }
  return count;
}
