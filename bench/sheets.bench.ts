/**
 * Issue 4's figures: what importing the Sheets store costs (fresh process), and the API requests and
 * bytes of full read + write cycles against the loopback server (which refuses bodies over Google's
 * 10 MiB, as Google does), for 20 units × 250 rows and 200 units × 500 rows = 100,000 rows:
 *   1st run      — no system tab exists yet, so everything is written (through staging when too big);
 *   2nd run      — two hours later, on the same spreadsheet, after staff edited 进展情况/更新日期 of 50
 *                  rows: only what changed is sent;
 *   next-day run — the day after, 50 more edits: every "已 N 天未更新" finding of 校验结果 reads one day
 *                  more, so most of 校验结果 changes (staged alone when it does not fit beside the rest).
 */
import { assessMonth, bookTabs, defaultLedgerTab, type BookDef } from '../functions/core/index.js';
import { generateCity } from '../functions/demo/generate-city.js';
import { measureImportCostFresh } from '../sheets/google/import-cost.js';
import { createSheetsStore } from '../sheets/google/sheets-store.js';
import { startSheetsServer, type SheetsServer } from '../test/support/sheets-server/index.js';
import { seedSpreadsheet } from '../test/sheets/google/support.js';
import { line } from './measure.js';

const EDITED_ROWS = 50;

/** One read + assess + write on spreadsheet `id`; prints requests and bytes. */
async function cycle(server: SheetsServer, id: string, label: string, now: Date): Promise<void> {
  server.stats.reset();
  const start = performance.now();
  const session = await createSheetsStore({ spreadsheetId: id, rootUrl: server.url, auth: { accessToken: 'bench' }, retry: { attemptTimeoutMs: 300_000 } }).open();
  const { tabs } = await session.read();
  const outcome = assessMonth(tabs, { year: 2026, month: 10 }, now);
  await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
  await session.close();
  const kinds = server.stats.requests.map((r) => r.kind);
  line(label, `${server.stats.total} requests (${kinds.join(', ')}); ${(server.stats.bytesIn / 1e6).toFixed(2)} MB sent, ${(server.stats.bytesOut / 1e6).toFixed(1)} MB received; ${((performance.now() - start) / 1000).toFixed(1)} s on loopback`);
}

/** Staff edit 进展情况 and 更新日期 of `count` rows spread over the units, straight in the server. */
function editRows(server: SheetsServer, id: string, def: BookDef, count: number, from: number, day: string): void {
  const units = def.units;
  for (let k = from; k < from + count; k++) {
    const unit = units[(k * 7) % units.length];
    if (!unit) continue;
    const tab = unit.tab ?? defaultLedgerTab(unit.name);
    const grid = server.state.getValues(id, tab);
    const header = grid[0] ?? [];
    const progress = header.indexOf('进展情况');
    const updated = header.indexOf('更新日期');
    const row = 1 + ((k * 37) % Math.max(1, grid.length - 1));
    if (progress < 0 || updated < 0) continue;
    const cells = new Map([[progress, `第二轮洽谈后，企业已提交投资意向书（${k}）`], [updated, day]]);
    for (const [column, value] of cells) server.state.setValues(id, tab, [[value]], `${columnName(column)}${row + 1}`);
  }
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export async function benchSheets(): Promise<void> {
  const cost = await measureImportCostFresh();
  line('sheets: import store module', `${cost.storeModuleMs.toFixed(0)} ms (goal ≤ 150 ms); @googleapis/sheets on first use ${cost.clientLibraryMs.toFixed(0)} ms`);
  const now = new Date('2026-11-01T00:00:00Z');
  const later = new Date('2026-11-01T02:00:00Z');
  const nextDay = new Date('2026-11-02T00:00:00Z');
  const server = await startSheetsServer({ maxRequestBytes: 10_485_760 });
  try {
    for (const [units, perUnit] of [[20, 250], [200, 500]] as const) {
      const id = `bench-${units}`;
      const def = generateCity({ now, units, rowsPerUnit: perUnit });
      seedSpreadsheet(server, id, bookTabs(def));
      const size = `${(units * perUnit).toLocaleString('en-US')} rows / ${units} units`;
      await cycle(server, id, `sheets: ${size}, 1st run`, now);
      editRows(server, id, def, EDITED_ROWS, 0, '2026-11-01');
      await cycle(server, id, `sheets: ${size}, 2nd run (${EDITED_ROWS} edits)`, later);
      editRows(server, id, def, EDITED_ROWS, EDITED_ROWS, '2026-11-02');
      await cycle(server, id, `sheets: ${size}, next-day run (${EDITED_ROWS} edits)`, nextDay);
    }
  } finally {
    await server.close();
  }
}
