/**
 * The diff plan, property-tested: for any stored tab and any new grid, applying the planned requests
 * leaves the tab equal to the new grid; a retry rebuilt from the tab's properties now (plain diffs) or
 * from its values now (plans that move rows) changes nothing more. Requests are applied by the test
 * server's batchUpdate engine directly, no HTTP.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../functions/core/index.js';
import { alignRows, moves, planTabWrites, tabWriteRequests, type MovePolicy } from '../../../sheets/google/diff-write.js';
import { sheetInfo } from '../../../sheets/google/metadata.js';
import { applyBatchUpdate } from '../../support/sheets-server/batch-update.js';
import { SheetsState, type Json } from '../../support/sheets-server/index.js';

const ID = 'plan';
const TAB = '快照';
const HEADER: Cell[] = ['h1', 'h2', 'h3'];

/** Values as stored: blanks null, trailing blanks and blank rows cut. */
function normal(grid: readonly (readonly unknown[] | undefined)[]): unknown[][] {
  const rows = grid.map((row) => {
    const cells = Array.from(row ?? [], (c) => (c === '' || c === undefined ? null : c));
    while (cells.length > 0 && cells.at(-1) === null) cells.pop();
    return cells;
  });
  while (rows.length > 0 && (rows.at(-1) ?? []).length === 0) rows.pop();
  return rows;
}

function seeded(old: Cell[][]): SheetsState {
  const state = new SheetsState();
  const width = Math.max(1, ...old.map((r) => r.length));
  state.createSpreadsheet(ID, [{ title: TAB, rows: old.map((r) => r.map((c) => (c instanceof Date || typeof c === 'object' ? null : c))), rowCount: old.length, columnCount: width, frozenRowCount: 1 }]);
  return state;
}

const stored = (state: SheetsState) => normal(state.getValues(ID, TAB)) as Cell[][];
const sheets = (state: SheetsState) => state.getSpreadsheet(ID).sheets.map((s) => sheetInfo(s.properties as never));

/** Plans `next` against what `state` holds now and applies it; returns whether the plan moved rows. */
function writeOnce(state: SheetsState, next: Cell[][], policy: MovePolicy): boolean {
  const tabs = sheets(state);
  const sheetId = tabs.find((s) => s.title === TAB)?.sheetId ?? 0;
  const writes = planTabWrites(new Map([[TAB, next]]), new Map([[TAB, { sheetId, grid: stored(state) }]]), policy);
  const { requests } = tabWriteRequests(tabs, writes);
  if (requests.length > 0) state.transact(ID, (draft) => applyBatchUpdate(draft, { requests } as unknown as Json));
  return writes.some(moves);
}

const cell = fc.oneof(fc.constantFrom<Cell>('a', 'b', 'c'), fc.constantFrom<Cell>(1, 2), fc.constant<Cell>(null));
const row = fc.array(cell, { maxLength: 4 });
const rows = fc.array(row, { maxLength: 30 });

/** A new grid derived from the old one: rows deleted, inserted and changed, maybe a stamp column, maybe cut. */
const edits = fc.record({
  deletes: fc.array(fc.nat(40), { maxLength: 6 }),
  inserts: fc.array(fc.tuple(fc.nat(40), row), { maxLength: 6 }),
  changes: fc.array(fc.tuple(fc.nat(40), fc.nat(3), cell), { maxLength: 6 }),
  stamp: fc.option(fc.constantFrom<Cell>('t1', 't2', 9), { nil: undefined }),
  cut: fc.option(fc.nat(40), { nil: undefined }),
  header: fc.boolean(),
});

function derive(old: Cell[][], e: typeof edits extends fc.Arbitrary<infer T> ? T : never): Cell[][] {
  const body = old.slice(1).map((r) => [...r]);
  for (const d of e.deletes) if (body.length > 0) body.splice(d % body.length, 1);
  for (const [at, r] of e.inserts) body.splice(at % (body.length + 1), 0, [...r]);
  for (const [r, c, v] of e.changes) {
    const target = body[r % Math.max(1, body.length)];
    if (target) target[c] = v;
  }
  if (e.stamp !== undefined) for (const r of body) r[2] = e.stamp;
  const kept = e.cut === undefined ? body : body.slice(0, e.cut);
  return [e.header ? ['h1', 'h2', 'changed'] : [...HEADER], ...kept];
}

describe('diff plan', () => {
  for (const policy of ['auto', 'always', 'never'] as const) {
    it(`when any tab is written with moves ${policy}, then it ends equal to the new grid and a retry changes nothing`, () => {
      fc.assert(
        fc.property(rows, edits, (body, e) => {
          const old = [[...HEADER], ...body];
          const next = derive(old, e);
          const state = seeded(old);
          const moved = writeOnce(state, next, policy);
          expect(stored(state)).toEqual(normal(next));
          // A retry: a plain diff is resent as planned (for the tab's properties now); a plan that moved
          // rows is planned again against the values now.
          if (moved) writeOnce(state, next, policy);
          else {
            const tabs = sheets(state);
            const sheetId = tabs.find((s) => s.title === TAB)?.sheetId ?? 0;
            const writes = planTabWrites(new Map([[TAB, next]]), new Map([[TAB, { sheetId, grid: normal(old) as Cell[][] }]]), policy);
            const { requests } = tabWriteRequests(tabs, writes);
            if (requests.length > 0) state.transact(ID, (draft) => applyBatchUpdate(draft, { requests } as unknown as Json));
          }
          expect(stored(state)).toEqual(normal(next));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('when rows are aligned, then pairs are increasing, match equal rows, and keep every common row of a single insertion or deletion', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { maxLength: 40 }), fc.nat(40), fc.boolean(), (a, at, insert) => {
        const b = [...a];
        if (insert) b.splice(at % (b.length + 1), 0, 99);
        else if (b.length > 0) b.splice(at % b.length, 1);
        const pairs: [number, number][] = [];
        alignRows(a, b, 0, a.length, 0, b.length, pairs, 0);
        for (let k = 0; k < pairs.length; k++) {
          const [i, j] = pairs[k] ?? [0, 0];
          expect(a[i]).toBe(b[j]);
          if (k > 0) {
            expect(i).toBeGreaterThan(pairs[k - 1]?.[0] ?? -1);
            expect(j).toBeGreaterThan(pairs[k - 1]?.[1] ?? -1);
          }
        }
        expect(pairs.length).toBe(Math.min(a.length, b.length));
      }),
      { numRuns: 500 },
    );
  });
});
