/**
 * Issue 4's figures: what importing the Sheets store costs (fresh process), and the API requests and
 * bytes of a full read + write of 200 units × 500 rows = 100,000 rows against the loopback server
 * (which refuses bodies over Google's 10 MiB, as Google does).
 */
import { assessMonth, bookTabs } from '../functions/core/index.js';
import { generateCity } from '../functions/demo/generate-city.js';
import { measureImportCostFresh } from '../sheets/google/import-cost.js';
import { createSheetsStore } from '../sheets/google/sheets-store.js';
import { startSheetsServer } from '../test/support/sheets-server/index.js';
import { seedSpreadsheet } from '../test/sheets/google/support.js';
import { line } from './measure.js';

export async function benchSheets(): Promise<void> {
  const cost = await measureImportCostFresh();
  line('sheets: import store module', `${cost.storeModuleMs.toFixed(0)} ms (goal ≤ 150 ms); @googleapis/sheets on first use ${cost.clientLibraryMs.toFixed(0)} ms`);
  const now = new Date('2026-11-01T00:00:00Z');
  const server = await startSheetsServer({ maxRequestBytes: 10_485_760 });
  try {
    for (const [units, perUnit] of [[20, 250], [200, 500]] as const) {
      const id = `bench-${units}`;
      seedSpreadsheet(server, id, bookTabs(generateCity({ now, units, rowsPerUnit: perUnit })));
      server.stats.reset();
      const start = performance.now();
      const session = await createSheetsStore({ spreadsheetId: id, rootUrl: server.url, auth: { accessToken: 'bench' }, retry: { attemptTimeoutMs: 300_000 } }).open();
      const { tabs } = await session.read();
      const outcome = assessMonth(tabs, { year: 2026, month: 10 }, now);
      await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
      await session.close();
      const kinds = server.stats.requests.map((r) => r.kind);
      line(`sheets: ${(units * perUnit).toLocaleString('en-US')} rows / ${units} units`, `${server.stats.total} requests (${kinds.join(', ')}); ${(server.stats.bytesIn / 1e6).toFixed(1)} MB sent, ${(server.stats.bytesOut / 1e6).toFixed(1)} MB received; ${((performance.now() - start) / 1000).toFixed(1)} s on loopback`);
    }
  } finally {
    await server.close();
  }
}
