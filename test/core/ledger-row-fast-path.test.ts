/**
 * `RowParser.parse` decodes and checks a row without zod and asks the schema only when something is
 * wrong, and its codecs remember what they made of each text. These tests feed it many generated rows
 * and require exactly what the schema alone gives: the same issues (path, message, fix) and, for a
 * clean row, the same decoded row; and the same from a parser that has seen other rows as from a new one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAINS, LEDGER_COLUMNS, dayOf, type Cell } from '../../functions/core/index.js';
import { ledgerRowSchema, rowCodecs, type RowContext } from '../../functions/core/ledger-row.js';
import { goodRow } from '../support/city.js';

const HEADERS = LEDGER_COLUMNS.filter((c) => c.key !== 'check');
const COLUMNS = new Map(HEADERS.map((c, i) => [c.key, i]));

/** Values worth trying in any field: valid ones of every kind, near misses and junk. */
const anyValue: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>(
    null, undefined, '', '  ', '线索', '洽谈', '签约', '落地', '开工', '投产', '达效', '终止', '开 工', '签约 ', 'ＡＢ',
    '新能源', '装备制造', '不存在的链', '以商招商', '其他', '央企、民企', '央企,外资', '央企、火星', '市内', '境外', '美元', '人民币', '已认定', '未认定',
    0, 1, 5, 9.5, 3500, 20000, 15000, 1e7, 2e10, -3, Number.NaN, Number.POSITIVE_INFINITY, 46000, 46200, 46300, 36000,
    '3,500', '３５００', '3500万元', '1.2亿', '80000000元', '-5', '12abc', '2026-02-10', '2026-04-01', '2026/6/14', '2026年6月14日',
    '2026-02-30', '2025-12-31', '1999-01-01', '2027-01-01', '2026.5.1', true, false, { error: '#REF!' }, '#N/A', '#DIV/0!',
  ),
  fc.date({ min: new Date('1995-01-01'), max: new Date('2030-01-01'), noInvalidDate: false }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 8 }),
);

/** A plausible row with some fields replaced: most rows stay close to valid, as in a real ledger. */
const aRow = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(...HEADERS.map((c) => c.header)), anyValue), { maxLength: 6 }),
  fc.integer({ min: 0, max: HEADERS.length + 2 }),
).map(([changes, length]) => {
  const row = goodRow(Object.fromEntries(changes));
  const cells = HEADERS.map((c) => row[c.header] ?? null);
  // Short rows happen: a store drops trailing blanks.
  return length < HEADERS.length && changes.length % 3 === 2 ? cells.slice(0, length) : cells;
});

const aContext: fc.Arbitrary<RowContext> = fc.record({
  chains: fc.constantFrom<readonly string[]>(DEFAULT_CHAINS, ['新能源']),
  today: fc.constantFrom(dayOf(2026, 6, 30), dayOf(2026, 1, 5), dayOf(2027, 3, 1)),
  openMonths: fc.integer({ min: 0, max: 12 }),
  sourceRequired: fc.boolean(),
});

describe('the row parser fast path', () => {
  it('when any row is parsed, then parse gives exactly the issues and clean row the zod schema gives', () => {
    fc.assert(
      fc.property(aContext, fc.array(aRow, { minLength: 1, maxLength: 20 }), (context, rows) => {
        const parser = ledgerRowSchema(context, COLUMNS);
        for (const cells of rows) {
          const fast = parser.parse(cells);
          const slow = parser.schema.safeParse(cells);
          expect(fast.issues).toEqual(slow.success ? [] : slow.error.issues);
          if (slow.success) expect(fast.row).toEqual(slow.data);
        }
      }),
      { numRuns: 400, seed: 20261101 },
    );
  });

  it('when many rows share one parser and its remembered texts, then each row parses as it would alone', () => {
    fc.assert(
      fc.property(aContext, fc.array(aRow, { minLength: 1, maxLength: 30 }), (context, rows) => {
        const shared = ledgerRowSchema(context, COLUMNS, rowCodecs(context));
        for (const cells of [...rows, ...rows]) {
          const alone = ledgerRowSchema(context, COLUMNS).parse(cells);
          const parsed = shared.parse(cells);
          expect(parsed.issues).toEqual(alone.issues);
          expect(parsed.row).toEqual(alone.row);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('when a cell is empty, then every codec reads it as blank (what decodeFields skips)', () => {
    const codecs = rowCodecs({ chains: DEFAULT_CHAINS, today: dayOf(2026, 6, 30), openMonths: 0 });
    for (const [key, decode] of Object.entries(codecs)) {
      for (const cell of [null, undefined]) expect(decode(cell), key).toEqual({ ok: true, value: undefined });
    }
  });

  it('when a column is missing from the tab, then parse still agrees with the schema', () => {
    const columns = new Map([...COLUMNS].filter(([key]) => key !== 'source' && key !== 'progress'));
    const parser = ledgerRowSchema({ chains: DEFAULT_CHAINS, today: dayOf(2026, 6, 30), openMonths: 6, sourceRequired: true }, columns);
    fc.assert(
      fc.property(aRow, (cells) => {
        const fast = parser.parse(cells);
        const slow = parser.schema.safeParse(cells);
        expect(fast.issues).toEqual(slow.success ? [] : slow.error.issues);
        if (slow.success) expect(fast.row).toEqual(slow.data);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
