/**
 * Against the real Google Sheets API, only when asked: LEDGER_LIVE_SPREADSHEET names a spreadsheet
 * kept for this test (it is provisioned and its system tabs are overwritten), and Application Default
 * Credentials are present. Skipped otherwise.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_RESULTS_TAB, LEDGER_COLUMNS, bookTabs, checkBook, type Cell } from '../../../functions/core/index.js';
import { rawValue } from '../../../sheets/google/cell-values.js';
import { createSheetsClient } from '../../../sheets/google/client.js';
import { provisionSpreadsheet } from '../../../sheets/google/provision.js';
import { createSheetsStore } from '../../../sheets/google/sheets-store.js';
import { CONTRACT_NOW, contractBook, gridMeaning } from '../../stores/store-contract.js';

const spreadsheetId = process.env['LEDGER_LIVE_SPREADSHEET'];
const adc =
  Boolean(process.env['GOOGLE_APPLICATION_CREDENTIALS']) ||
  existsSync(join(homedir(), '.config', 'gcloud', 'application_default_credentials.json'));

describe.skipIf(!spreadsheetId || !adc)('Google Sheets store, live', () => {
  const id = spreadsheetId ?? '';

  it('when the live spreadsheet is provisioned twice, then the second run adds nothing', async () => {
    const book = bookTabs(contractBook());
    await provisionSpreadsheet({ spreadsheetId: id, starters: { tabs: book } });
    // Staff rows, typed through the API (RAW, as a clerk's text stays text); the 校验 column is left to its formula.
    const { api } = await createSheetsClient();
    const checkAt = LEDGER_COLUMNS.findIndex((c) => c.key === 'check');
    const data = ['台账-温县', '孟州台账'].map((tab) => ({
      range: `'${tab}'!A2`,
      values: (book.get(tab) ?? []).slice(1).map((row) => row.slice(0, checkAt).map((cell) => rawValue(cell))),
    }));
    await api.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'RAW', data } });
    const again = await provisionSpreadsheet({ spreadsheetId: id });
    expect(again).toMatchObject({ createdTabs: [], checkFormulas: [], protections: { added: 0 }, highlights: { added: 0 } });
  }, 120_000);

  it('when a run writes its results, then they read back and the 校验 formula shows each row its own text', async () => {
    const store = createSheetsStore({ spreadsheetId: id });
    const session = await store.open();
    const { tabs } = await session.read();
    const outcome = checkBook(tabs, CONTRACT_NOW);
    await session.write({ systemTabs: outcome.writes, checks: outcome.checks });
    await session.appendSendLog([['2026-06', '联调', 'live@test', '未发送', `<live-${Date.now()}@ledger>`, '2026-06-30 10:00', '自动测试']]);
    await session.close();

    const next = await store.open();
    const after = await next.read();
    await next.close();
    expect(gridMeaning(after.tabs.get(CHECK_RESULTS_TAB.name))).toEqual(gridMeaning(outcome.writes.get(CHECK_RESULTS_TAB.name)));
    const checkAt = LEDGER_COLUMNS.findIndex((c) => c.key === 'check');
    expect([...outcome.checks.values()].reduce((n, rows) => n + rows.size, 0)).toBeGreaterThan(0);
    for (const [tab, rows] of outcome.checks) {
      const grid = after.tabs.get(tab) ?? [];
      for (const [row, text] of rows) {
        const cells = (grid[row - 1] ?? []) as Cell[];
        if (cells[0]) expect(cells[checkAt], `${tab} row ${row}`).toBe(text);
      }
    }
  }, 120_000);
});
