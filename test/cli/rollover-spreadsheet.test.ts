import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionSpreadsheet } from '../../sheets/google/provision.js';
import { startDriveServer, type DriveServer } from '../support/sheets-server/drive.js';
import { startSheetsServer, type SheetsServer } from '../support/sheets-server/index.js';
import { DECEMBER_NOW, decemberTabs } from '../support/december.js';
import { fakeTime, seedSpreadsheet } from '../sheets/google/support.js';

const run = promisify(execFile);
const OLD = 'city-ledger-2026';
let server: SheetsServer;
let drive: DriveServer;

beforeAll(async () => {
  server = await startSheetsServer();
  drive = await startDriveServer(server.state, 'bot@city.iam.gserviceaccount.com', server.url);
  seedSpreadsheet(server, OLD, decemberTabs());
  await provisionSpreadsheet({ spreadsheetId: OLD, rootUrl: server.url, auth: { accessToken: 't' }, serviceAccountEmail: 'bot@city.iam.gserviceaccount.com', retry: fakeTime() });
  drive.files.set(OLD, { name: '台账 2026', parents: [], permissions: [{ id: 'a', type: 'user', role: 'writer', emailAddress: 'admin@city.gov.cn' }] });
});
afterAll(async () => {
  await drive.close();
  await server.close();
});

describe('npm run rollover -- --spreadsheet ID', () => {
  it('when run from the command line, then it prints the table and the new spreadsheet\'s id and URL, and the old one keeps its year', async () => {
    const env = { ...process.env, LEDGER_SMTP_URL: '', LEDGER_SHEETS_ROOT_URL: drive.url, LEDGER_SHEETS_ACCESS_TOKEN: 'test-token' };
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'functions/cli/main.ts', 'rollover', '--spreadsheet', OLD, '--now', DECEMBER_NOW.toISOString()], { env, encoding: 'utf8' });
    const id = [...drive.files.keys()].find((k) => k !== OLD) ?? '';
    expect(stderr).toBe('');
    expect(stdout).toMatch(/合计\s+9\s+4\s+2\s+1/);
    expect(stdout).toContain(`已生成 2027 年度台账：${id}（https://docs.google.com/spreadsheets/d/${id}/edit）`);
    expect(drive.files.get(id)?.name).toBe('台账 2027');
    expect(server.state.getValues(id, '参数').find((r) => r[0] === '年度')?.[1]).toBe(2027);
    expect(server.state.getValues(OLD, '参数').find((r) => r[0] === '年度')?.[1]).toBe(2026);
  });
});
