import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessMonth, bookTabs, checkBook, LEDGER_COLUMNS, type Cell } from '../../functions/core/index.js';
import { city, goodRow } from '../support/city.js';

/** Any value a store could hand over for a cell. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null), fc.constant(undefined), fc.constant(''), fc.string(), fc.string({ unit: 'grapheme' }),
  fc.double(), fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, 1e308, -0),
  fc.boolean(), fc.date({ noInvalidDate: false }), fc.constantFrom({ error: '#REF!' }, { error: '#N/A' }, '#DIV/0!', '#VALUE!'),
  fc.constantFrom('签约', '开工', '终止', '1.2亿', '3,500万元', '2026-02-30', '2026年6月14日', '=HYPERLINK("x")', '新能源', '央企、民企'),
);

/** Rows of any length, including ragged and empty ones, mixed with plausible rows. */
const anyRow = fc.oneof(
  fc.array(anyCell, { maxLength: LEDGER_COLUMNS.length + 3 }),
  fc.record({ key: fc.constantFrom(...LEDGER_COLUMNS.map((c) => c.header)), value: anyCell }).map(({ key, value }) => {
    const row = goodRow({ [key]: value });
    return LEDGER_COLUMNS.map((c) => row[c.header] ?? null);
  }),
);

const A1 = /^([A-Z]+)(\d+)$/;
const columnIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

describe('parsing arbitrary cells', () => {
  it('when any cells are fed to the ledger parser, then it never throws and every finding names a real cell', () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 12 }), fc.array(anyRow, { maxLength: 4 }), fc.date({ min: new Date('2001-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), (rows, otherRows, now) => {
        const tabs = bookTabs(city({ 温县: [], 博爱县: [] }));
        tabs.get('台账-温县')!.push(...(rows as Cell[][]));
        tabs.get('台账-博爱县')!.push(...(otherRows as Cell[][]));
        const out = checkBook(tabs, now);
        for (const f of out.findings) {
          const m = A1.exec(f.cell);
          expect(m, f.cell).not.toBeNull();
          const grid = tabs.get(f.tab);
          expect(grid, f.tab).toBeDefined();
          const row = Number(m![2]);
          expect(row).toBeGreaterThanOrEqual(1);
          expect(row).toBeLessThanOrEqual(grid!.length);
          expect(columnIndex(m![1]!)).toBeLessThan(Math.max(grid![0]!.length, LEDGER_COLUMNS.length));
          expect(f.problem.length).toBeGreaterThan(0);
          expect(f.fix.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when any cells are fed to the admin tabs, then assessing never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { maxLength: 8 }), { maxLength: 6 }), fc.constantFrom('参数', '单位', '目标任务', '考评办法', '加减分', '排名', '周报记录', '快照'), (rows, tab) => {
        const tabs = bookTabs({ ...city({ 温县: [goodRow()] }), targets: {} });
        const grid = tabs.get(tab) ?? [['月份']];
        grid.push(...(rows as Cell[][]));
        tabs.set(tab, grid);
        const out = assessMonth(tabs, { year: 2026, month: 6 }, new Date('2026-07-01T00:00:00Z'));
        for (const f of out.findings) expect(f.cell).toMatch(A1);
        for (const s of out.scores) expect(Number.isFinite(s.total)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
