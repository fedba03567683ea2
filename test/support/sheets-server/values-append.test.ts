import { sheets as makeSheets, type sheets_v4 } from '@googleapis/sheets';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer } from './index.js';

const ID = 'append-1';
let server: SheetsServer;
let api: sheets_v4.Sheets;

beforeAll(async () => {
  server = await startSheetsServer();
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 't', expiry_date: Date.now() + 3_600_000 });
  api = makeSheets({ version: 'v4', auth: auth as unknown as sheets_v4.Options['auth'], rootUrl: `${server.url}/` });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.state.createSpreadsheet(ID, [{ title: '发送记录', rows: [['时间', '收件人'], ['1', 'a@x.cn'], ['2', 'b@x.cn'], [], ['注', '表外']] }]);
});

describe('values.append through the googleapis client', () => {
  it.each([
    ['OVERWRITE', [['时间', '收件人'], ['1', 'a@x.cn'], ['2', 'b@x.cn'], ['3', 'c@x.cn'], ['注', '表外']]],
    ['INSERT_ROWS', [['时间', '收件人'], ['1', 'a@x.cn'], ['2', 'b@x.cn'], ['3', 'c@x.cn'], [], ['注', '表外']]],
  ])('when %s appends after a table with a blank row under it, then the row goes right after the table', async (insertDataOption, after) => {
    const { data } = await api.spreadsheets.values.append({
      spreadsheetId: ID, range: "'发送记录'!A1", valueInputOption: 'RAW', insertDataOption, requestBody: { values: [['3', 'c@x.cn']] },
    });
    expect(data).toEqual({
      spreadsheetId: ID,
      tableRange: "'发送记录'!A1:B3",
      updates: { spreadsheetId: ID, updatedRange: "'发送记录'!A4:B4", updatedRows: 1, updatedColumns: 2, updatedCells: 2 },
    });
    expect(server.state.getValues(ID, '发送记录')).toEqual(after);
  });

  it('when the insertDataOption is unknown, then Google’s 400 names the field and nothing is written', async () => {
    await expect(api.spreadsheets.values.append({
      spreadsheetId: ID, range: "'发送记录'!A1", valueInputOption: 'RAW', insertDataOption: 'SIDEWAYS', requestBody: { values: [['x']] },
    })).rejects.toMatchObject({ response: { status: 400, data: { error: { status: 'INVALID_ARGUMENT', message: expect.stringContaining('insert_data_option') } } } });
    expect(server.state.getValues(ID, '发送记录')).toHaveLength(5);
  });
});
