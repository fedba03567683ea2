/**
 * What the recorded Google answers (test/fixtures/gspread) mean for our store: the test server now
 * answers as Google does in these respects, and the store's own code is run against them.
 */
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
