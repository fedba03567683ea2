/**
 * What the recorded Google answers (test/fixtures/gspread) mean for our store: the test server now
 * answers as Google does in these respects, and the store's own code is run against them.
 */
import { sheets as makeSheets, type sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookTabs } from '../../../functions/core/index.js';
import { provisionSpreadsheet, type ProvisionOptions } from '../../../sheets/google/provision.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { contractBook } from '../../stores/store-contract.js';
import { fakeTime, seedSpreadsheet } from './support.js';

const ID = 'replay-facts';
const BOT = 'ledger-bot@city.iam.gserviceaccount.com';

// Recorded (gspread's add_protected_range cassettes): spreadsheets.get lists the account that sent the
// requests among the editors of every protected range, though the request named no one. For us that
// account is the service account. (Whether Google also lists a spreadsheet owner who is a person is not
// in the recordings; if it does, provisioning replaces every protection on every run: see the report.)
describe('when Google lists the requesting service account among the editors of every protected range', () => {
  let server: SheetsServer;
  beforeAll(async () => {
    server = await startSheetsServer({ requestingUser: BOT });
    seedSpreadsheet(server, ID, bookTabs(contractBook()));
  });
  afterAll(async () => {
    await server.close();
  });

  const options = (): ProvisionOptions => ({
    spreadsheetId: ID, rootUrl: server.url, auth: { accessToken: 't' }, serviceAccountEmail: BOT, retry: fakeTime({ attemptTimeoutMs: 60_000 }),
  });

  it('then a second provisioning adds and removes no protection', async () => {
    const first = await provisionSpreadsheet(options());
    expect(first.protections.added).toBeGreaterThan(0);
    const second = await provisionSpreadsheet(options());
    expect(second.protections).toEqual({ added: 0, removed: 0 });
  });
});

// Not in gspread's recordings; these bodies are as Google's answers appear verbatim in published logs
// and client code of other projects (gspread's APIError repr, googleapis DetailedApiRequestError).
describe('when a batch names a tab that is taken or gone', () => {
  let server: SheetsServer;
  let api: sheets_v4.Sheets;
  beforeAll(async () => {
    server = await startSheetsServer();
    server.state.createSpreadsheet(ID, [{ title: '校验汇总', sheetId: 7 }, { title: '参数' }]);
    api = makeSheets({ version: 'v4', rootUrl: `${server.url}/`, params: { access_token: 't' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['an addSheet of a title that exists', { addSheet: { properties: { title: '校验汇总' } } }, 'Invalid requests[1].addSheet: A sheet with the name "校验汇总" already exists. Please enter another name.'],
    ['a deleteSheet of an id that does not exist', { deleteSheet: { sheetId: 21686688 } }, 'Invalid requests[1].deleteSheet: No sheet with id: 21686688'],
  ])('then %s answers Google’s 400 and the whole batch is undone', async (_, request, message) => {
    const before = server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title);
    const batch = api.spreadsheets.batchUpdate({ spreadsheetId: ID, requestBody: { requests: [{ addSheet: { properties: { title: '租约' } } }, request] } });
    await expect(batch).rejects.toMatchObject({ response: { status: 400, data: { error: { code: 400, message, status: 'INVALID_ARGUMENT' } } } });
    expect(server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title)).toEqual(before);
  });
});
