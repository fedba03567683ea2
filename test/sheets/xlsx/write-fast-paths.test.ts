/**
 * The write's fast paths against the general ones they stand in for, over generated inputs: the 校验
 * patch over a part's bytes (read as latin1) against the patch over its decoded text; the allocation-free
 * cell scan against the regular expressions it replaced; system-sheet chunks against the cells' XML made
 * one by one; compression in the thread pool against zlib's own inflate and CRC.
 */
import fc from 'fast-check';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../functions/core/index.js';
import { columnLetter } from '../../../functions/core/cells.js';
import { nextCell, patchCheckColumn, patchCheckColumnBytes, patchText, refColumn, type CellTag } from '../../../sheets/xlsx/check-column.js';
import { LIMITS } from '../../../sheets/xlsx/limits.js';
import { createPartDeflater, entryBytes } from '../../../sheets/xlsx/part-compress.js';
import { columnIndex } from '../../../sheets/xlsx/sheet-reader.js';
import { cellXml, systemSheetChunks } from '../../../sheets/xlsx/system-sheet.js';
import { openStyleBook } from '../../../sheets/xlsx/styles-patch.js';
import type { ZipEntry } from '../../../sheets/xlsx/zip-package.js';

/** Text as staff type it: CJK, astral characters, XML specials, spaces of both kinds. */
const staffText = fc.array(fc.constantFrom('项目', '电池', '𠀋', 'a', ' ', '\u3000', '&', '<', '>', '"', '\n', 'é', '5'), { maxLength: 6 }).map((parts) => parts.join(''));

/** A cell element, the way different writers spell them (with or without r, self-closing, formulas). */
const cellElement = (prefix: string) => fc.record({
  ref: fc.boolean(),
  column: fc.integer({ min: 0, max: 6 }),
  kind: fc.constantFrom('value', 'inline', 'formula', 'empty', 'open-empty'),
  text: staffText,
  style: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
}).map(({ ref, column, kind, text, style }) => (row: number) => {
  const attrs = `${ref ? ` r="${columnLetter(column)}${row}"` : ''}${style ? ` s="${style}"` : ''}`;
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const p = prefix;
  switch (kind) {
    case 'value': return `<${p}c${attrs}><${p}v>${row * 7}</${p}v></${p}c>`;
    case 'inline': return `<${p}c${attrs} t="inlineStr"><${p}is><${p}t>${esc}</${p}t></${p}is></${p}c>`;
    case 'formula': return `<${p}c${attrs}><${p}f>A${row}*2</${p}f><${p}v>1</${p}v></${p}c>`;
    case 'empty': return `<${p}c${attrs}/>`;
    default: return `<${p}c${attrs}></${p}c>`;
  }
});

/** A worksheet part: rows in order (some missing, some self-closing, some with spans), CJK everywhere. */
const worksheet = fc.constantFrom('', 'x:').chain((prefix) => fc.record({
  prefix: fc.constant(prefix),
  dimension: fc.boolean(),
  cols: fc.boolean(),
  rows: fc.array(fc.record({
    gap: fc.integer({ min: 1, max: 2 }),
    spans: fc.boolean(),
    selfClosing: fc.boolean(),
    cells: fc.array(cellElement(prefix), { maxLength: 5 }),
  }), { maxLength: 8 }),
})).map(({ prefix: p, dimension, cols, rows }) => {
  let row = 0;
  const body = rows.map((r) => {
    row += r.gap;
    const attrs = ` r="${row}"${r.spans ? ' spans="1:5"' : ''}`;
    return r.selfClosing ? `<${p}row${attrs}/>` : `<${p}row${attrs}>${r.cells.map((cell) => cell(row)).join('')}</${p}row>`;
  }).join('');
  return `<?xml version="1.0"?><${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="m">${dimension ? `<${p}dimension ref="A1:C3"/>` : ''}`
    + `${cols ? `<${p}cols><${p}col min="1" max="2" width="9"/></${p}cols>` : ''}<${p}sheetData>${body}</${p}sheetData><${p}pageMargins left="0.7"/></${p}worksheet>`;
});

const checkTexts = fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom('✓', '⚠ 1 条提醒：项目名称 — 见“校验结果”', '✗ 2 处错误：产业链、签约日期', 'a&b')), { maxLength: 10 });

describe('the 校验 patch over bytes', () => {
  it('when a part is patched as bytes, then the bytes are those of the patched text', () => {
    fc.assert(fc.property(worksheet, checkTexts, fc.integer({ min: 0, max: 6 }), fc.option(fc.constantFrom('校验', '校验 '), { nil: undefined }), (xml, texts, column, header) => {
      const patch = { column, texts: new Map(texts), styleOf: (t: string) => t.length % 5, date1904: false, ...(header ? { header } : {}) };
      const text = patchCheckColumn(xml, patch);
      const bytes = patchCheckColumnBytes(Buffer.from(xml, 'utf8'), patch);
      expect(bytes.bytes.toString('utf8')).toBe(text.xml);
      expect(bytes.removedFormula).toBe(text.removedFormula);
    }), { numRuns: 400 });
  });

  it('when nothing changes, then the very same bytes come back (the part is copied, not re-deflated)', () => {
    const xml = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>', 'utf8');
    expect(patchCheckColumnBytes(xml, { column: 1, texts: new Map(), styleOf: () => 0, date1904: false }).bytes).toBe(xml);
  });
});

/** A worksheet whose rows keep their cells in column order, as SpreadsheetML requires (refs on some cells only). */
const orderedWorksheet = fc.constantFrom('', 'x:').chain((prefix) => fc.array(fc.record({
  gap: fc.integer({ min: 1, max: 2 }),
  cells: fc.uniqueArray(fc.integer({ min: 0, max: 8 }), { maxLength: 6 }).map((columns) => columns.sort((a, b) => a - b)),
  refs: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  kinds: fc.array(fc.constantFrom('value', 'formula', 'empty', 'rich'), { minLength: 6, maxLength: 6 }),
}), { maxLength: 8 }).map((rows) => {
  const p = prefix;
  let row = 0;
  const body = rows.map((r) => {
    row += r.gap;
    const cells = r.cells.map((column, i) => {
      // A cell without r must sit right after the previous one to keep the order: give it r when it does not.
      const ref = r.refs[i] || (i === 0 ? column !== 0 : column !== (r.cells[i - 1] ?? -2) + 1) ? ` r="${columnLetter(column)}${row}"` : '';
      switch (r.kinds[i]) {
        case 'formula': return `<${p}c${ref}><${p}f>A1</${p}f><${p}v>2</${p}v></${p}c>`;
        case 'empty': return `<${p}c${ref} s="2"/>`;
        case 'rich': return `<${p}c${ref} t="inlineStr"><${p}is><${p}r><${p}rPr><${p}charset val="134"/></${p}rPr><${p}t>项目</${p}t></${p}r></${p}is></${p}c>`;
        default: return `<${p}c${ref}><${p}v>${row}</${p}v></${p}c>`;
      }
    });
    return `<${p}row r="${row}">${cells.join('')}</${p}row>`;
  }).join('');
  return `<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="m"><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
}));

describe('the last-cell shortcut of the 校验 patch', () => {
  it('when rows keep their cells in column order, then the shortcut patches exactly as visiting every cell does', () => {
    fc.assert(fc.property(orderedWorksheet, checkTexts, fc.integer({ min: 0, max: 9 }), fc.boolean(), (xml, texts, column, header) => {
      const patch = { column, texts: new Map(texts), styleOf: (t: string) => t.length % 5, date1904: false, ...(header ? { header: '校验' } : {}) };
      expect(patchText(xml, patch, (c) => c, true)).toEqual(patchText(xml, patch, (c) => c, false));
    }), { numRuns: 1000 });
  });
});

/** The expressions the cell scan replaced. */
const CELL = /<((?:\w+:)?)c\b([^>]*?)(\/?)>/g;
const REF = /\sr="([^"]*)"/;

describe('the allocation-free cell scan', () => {
  const markup = fc.array(fc.constantFrom('<', 'c', 'x:', 'col', ' ', '\u3000', '\u00a0', 'r="', 'r=', '"', 'A', 'B1', '>', '/', ':', '中', 'v', '\t', '_', '1'), { maxLength: 40 }).map((parts) => parts.join(''));

  it('when it scans any text, then it finds the cells the regular expressions found, with the same column', () => {
    fc.assert(fc.property(markup, (text) => {
      const expected: [number, string, boolean, number | undefined][] = [];
      CELL.lastIndex = 0;
      for (let m = CELL.exec(text); m; m = CELL.exec(text)) {
        const ref = REF.exec(m[2] ?? '')?.[1];
        expected.push([m.index, m[2] ?? '', m[3] === '/', ref === undefined ? undefined : columnIndex(ref)]);
        CELL.lastIndex = m.index + m[0].length;
      }
      const found: typeof expected = [];
      const tag: CellTag = { index: 0, nameAt: 0, attrsStart: 0, attrsEnd: 0, selfClosing: false, end: 0 };
      for (let from = 0; nextCell(text, from, tag); from = tag.end) {
        found.push([tag.index, text.slice(tag.attrsStart, tag.attrsEnd), tag.selfClosing, refColumn(text, tag.attrsStart, tag.attrsEnd)]);
      }
      expect(found).toEqual(expected);
    }), { numRuns: 3000 });
  });
});

describe('system sheets in chunks', () => {
  it('when rows cross chunk boundaries, then the chunks join into exactly the rows made cell by cell', () => {
    // 600 rows of ~2,000 characters of CJK text (up to 6 KB of UTF-8 each): several 1 MB chunks.
    const long = '项目进展'.repeat(500);
    const grid: Cell[][] = [['单位名称', '内容'], ...Array.from({ length: 600 }, (_, i) => [`单位${i}`, `${long}${i}`])];
    const chunks = [...systemSheetChunks('快照', grid, openStyleBook(undefined), false)];
    expect(chunks.length).toBeGreaterThan(3);
    const xml = Buffer.concat(chunks).toString('utf8');
    const rows = grid.slice(1).map((row, r) => `<row r="${r + 2}">${row.map((cell, c) => cellXml(`${columnLetter(c)}${r + 2}`, cell, 0, false)).join('')}</row>`).join('');
    expect(xml).toContain(`</row>${rows}</sheetData>`);
  });
});

describe('compression in the thread pool', () => {
  it('when parts are queued, then each inflates to its chunks and carries their CRC and size', async () => {
    const deflater = createPartDeflater(2);
    const parts = [[], [Buffer.from('a')], Array.from({ length: 7 }, (_, i) => Buffer.from(`<row r="${i}">${'电池'.repeat(20_000 * i)}</row>`))];
    const queued = [];
    for (const chunks of parts) queued.push(await deflater.add(chunks));
    for (const [i, part] of queued.entries()) {
      const whole = Buffer.concat(parts[i] ?? []);
      const { crc, size, body } = await part.deflated;
      expect(inflateRawSync(body).equals(whole)).toBe(true);
      expect([crc >>> 0, size]).toEqual([crc32(whole) >>> 0, whole.length]);
    }
  });

  it('when an entry inflates beyond the ratio limit, then it is refused as an unusable ledger', async () => {
    const raw = deflateRawSync(Buffer.alloc(4 * 1_048_576, 0x20));
    const entry: ZipEntry = { name: 'xl/worksheets/sheet1.xml', method: 8, crc: 0, compressedSize: raw.length, size: 4 * 1_048_576, dataOffset: 0 };
    await expect(entryBytes(raw, entry, { ...LIMITS, ratio: 10 })).rejects.toMatchObject({ code: 'LEDGER_UNUSABLE' });
    expect((await entryBytes(raw, entry, { ...LIMITS, ratio: 100_000 })).length).toBe(4 * 1_048_576);
  });
});
