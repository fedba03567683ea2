/** Helpers for the Google Sheets store tests: seeding the test server and a store that never really waits. */
import { cellErrorText, type Cell } from '../../../functions/core/index.js';
import type { RetryOptions } from '../../../sheets/google/retry.js';
import { createSheetsStore, type SheetsStoreOptions } from '../../../sheets/google/sheets-store.js';
import type { CellSeed, SheetsServer } from '../../support/sheets-server/index.js';

/** A Cell as a test-server seed: formula errors become error cells, Dates date cells. */
export function toSeed(cell: Cell): CellSeed {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'object' && !(cell instanceof Date)) {
    const error = cellErrorText(cell) ?? '#ERROR!';
    return { formula: '=BROKEN()', error };
  }
  return cell;
}

/** Creates (or replaces) spreadsheet `id` holding `tabs` in order. */
export function seedSpreadsheet(server: SheetsServer, id: string, tabs: ReadonlyMap<string, readonly (readonly Cell[])[]>): void {
  server.state.createSpreadsheet(
    id,
    [...tabs].map(([title, rows]) => ({ title, rows: rows.map((row) => row.map(toSeed)), columnCount: Math.max(26, ...rows.map((r) => r.length)) })),
  );
}

/** A fake clock and sleep: waits are recorded, never slept. */
export interface FakeTime extends RetryOptions {
  readonly delays: number[];
}

export function fakeTime(overrides: RetryOptions = {}): FakeTime {
  let clock = 1_000_000;
  const delays: number[] = [];
  return {
    delays,
    now: () => clock,
    sleep: async (ms) => {
      delays.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    // Generous: a loaded CI machine must not turn a slow large batch into a retry (fault tests set their own).
    attemptTimeoutMs: 30_000,
    ...overrides,
  };
}

/** A store on the test server with a fixed token and fake time. */
export function testStore(server: SheetsServer, spreadsheetId: string, options: Partial<SheetsStoreOptions> = {}) {
  return createSheetsStore({
    spreadsheetId,
    auth: { accessToken: 'test-token' },
    rootUrl: server.url,
    retry: fakeTime(),
    serviceAccountEmail: 'ledger-bot@city-project.iam.gserviceaccount.com',
    ...options,
  });
}

/**
 * What the 校验 formula shows in each row of a ledger tab (index 0 = sheet row 1), computed the way the
 * formula does: the test server has no formula engine, so tests check the data the formula reads.
 */
export function shownChecks(tab: string, grid: readonly (readonly Cell[])[], summary: readonly (readonly Cell[])[]): string[] {
  const header = grid[0] ?? [];
  const idColumn = header.findIndex((h) => h === '项目编号');
  const checkColumn = header.findIndex((h) => h === '校验');
  const lookup = new Map<string, string>();
  for (const row of summary.slice(1)) lookup.set(`${String(row[0] ?? '')}|${String(row[1] ?? '')}`, String(row[2] ?? ''));
  return grid.map((row, r) => {
    if (r === 0) return '校验';
    const filled = row.some((cell, c) => c !== checkColumn && cell !== null && cell !== undefined && cell !== '');
    if (!filled) return '';
    const id = String(row[idColumn] ?? '').trim();
    if (id === '') return '✗ 项目编号未填写';
    return lookup.get(`${tab}|${id}`) ?? '✓';
  });
}
