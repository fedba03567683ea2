/**
 * The report workbook writer's SpreadsheetML, pinned: every part of workbooks that use each column kind,
 * tone, empty and non-finite value, wrapped and multi-line text (CJK, emoji, control characters) is
 * compared with a reviewed file. The writer is tuned for speed (200 of these a month); this is what
 * proves a faster version writes the very same parts. A deliberate change to the layout is reviewed in
 * the diff of the fixture and accepted with `npx vitest run -u test/templates/workbook-xml.test.ts`.
 */
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { workbookBuffer, type ColumnKind, type SheetSpec, type SheetValue } from '../../templates/xlsx/workbook.js';

const KINDS: ColumnKind[] = ['text', 'count', 'num', 'score', 'wan', 'yi', 'pct', 'rank', 'change', 'level', 'grade', 'tone'];
const text = fc.array(fc.constantFrom('温县', '招商引资项目', 'abc', ' ', '\n', '😀', '\u0001', '<&>', '"\'', '红', '黄', '优秀', '较差', '督促', '肯定', 'x'.repeat(40), '中'.repeat(30)), { maxLength: 8 }).map((p) => p.join(''));
const number = fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double({ min: -1000, max: 1e6, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, 0, 0.5));
const plain = fc.oneof(text, number, fc.constantFrom(null, undefined, ''));
const value: fc.Arbitrary<SheetValue> = fc.oneof(plain, fc.record({ value: plain, tone: fc.constantFrom('good', 'bad', 'warn') })) as fc.Arbitrary<SheetValue>;
const spec: fc.Arbitrary<SheetSpec> = fc.record({
  name: fc.constantFrom('得分明细', '预警', "到位资金's 序时进度", 'a[b]:c*?/\\d'.repeat(4)),
  freezeColumns: fc.integer({ min: 0, max: 4 }),
  columns: fc.array(fc.record({ header: text, kind: fc.constantFrom(...KINDS), width: fc.option(fc.integer({ min: 6, max: 40 }), { nil: undefined }) }), { minLength: 1, maxLength: 9 }),
}).chain((s) => fc.array(fc.array(value, { minLength: s.columns.length, maxLength: s.columns.length }), { maxLength: 25 }).map((rows) => ({ ...s, rows })));

/** Every part of a workbook as text, in zip order (the theme is a constant copied from exceljs: named, not shown). */
function parts(bytes: Buffer): string {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => `=== ${name}\n${name === 'xl/theme/theme1.xml' ? `(${data.length} bytes)` : strFromU8(data)}`).join('\n');
}

describe('report workbook parts', () => {
  it('when generated workbooks are written, then every part is exactly the reviewed SpreadsheetML', async () => {
    const books = fc.sample(fc.array(spec, { minLength: 1, maxLength: 4 }), { numRuns: 8, seed: 20261101 });
    const written = await Promise.all(books.map((sheets) => workbookBuffer(sheets, new Date('2026-11-01T00:00:00Z'))));
    await expect(written.map(parts).join('\n\n')).toMatchFileSnapshot('./fixtures/report-workbooks.xml.txt');
  });
});
