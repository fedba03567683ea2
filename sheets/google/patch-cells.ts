/**
 * Writing a few cells an admin asked for (目标任务 targets) into a spreadsheet: one values.batchUpdate
 * with RAW input naming exactly those cells, so nothing else in the tab is touched.
 */
import { a1, type CellEdit } from '../../functions/core/index.js';
import { createCaller, requestOptions } from './caller.js';
import { rawValue, quoteTitle } from './cell-values.js';
import { createSheetsClient, type SheetsClientOptions } from './client.js';
import type { RetryOptions } from './retry.js';

export async function patchSpreadsheetCells(spreadsheetId: string, tab: string, edits: readonly CellEdit[], auth: SheetsClientOptions, retry?: RetryOptions): Promise<void> {
  if (edits.length === 0) return;
  const client = await createSheetsClient(auth);
  const caller = createCaller({ api: client.api, spreadsheetId, retry, serviceAccountEmail: () => client.serviceAccountEmail() });
  const data = edits.map((e) => ({ range: `${quoteTitle(tab)}!${a1(e.column, e.row)}`, values: [[rawValue(e.value)]] }));
  // Cells at absolute addresses with literal values: a retried request leaves the same result.
  await caller.run(`写入“${tab}”`, (attempt) =>
    client.api.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data } }, requestOptions(attempt)));
}
