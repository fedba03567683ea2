import { sheets as makeSheets, type sheets_v4 } from '@googleapis/sheets';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSheetsServer, type SheetsServer } from './sheets-server/index.js';

const ID = 'book-1';

let server: SheetsServer;
let api: sheets_v4.Sheets;

function clientFor(url: string, token: string | undefined): sheets_v4.Sheets {
  if (token === undefined) return makeSheets({ version: 'v4', rootUrl: `${url}/` });
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  // googleapis-common pins its own google-auth-library copy, so the types differ while the runtime is compatible.
  return makeSheets({ version: 'v4', auth: auth as unknown as sheets_v4.Options['auth'], rootUrl: `${url}/` });
}

interface ApiFailure {
  status: number | undefined;
  data: { error?: { code?: number; message?: string; status?: string } } | undefined;
  code: string | undefined;
}

async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (err) {
    const e = err as { response?: { status?: number; data?: ApiFailure['data'] }; code?: string };
    return { status: e.response?.status, data: e.response?.data, code: e.code };
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  server = await startSheetsServer();
  api = clientFor(server.url, 'test-token');
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.faults.clear();
  server.stats.reset();
  server.state.createSpreadsheet(ID, [
    {
      title: '台账-温县',
      columnCount: 34,
      rows: [
        ['项目', '金额', '', '备注'],
        ['甲', 100],
        [],
        ['乙', '', 2.5, { formula: '=1/0', value: '#DIV/0!' }],
      ],
    },
    { title: "It's", rows: [['a', 'b', 'c', 'd'], [1, true]] },
  ]);
});

describe('values.batchGet', () => {
  it('when ranges use quoted Chinese names and short rows, then values come back trimmed and ranges echoed in A1', async () => {
    const res = await api.spreadsheets.values.batchGet({
      spreadsheetId: ID,
      ranges: ["'台账-温县'!A1:AH", "'It''s'!A:C", 'A2:B2', "'It''s'!B2"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const [first, second, third, fourth] = res.data.valueRanges ?? [];
    expect(first?.range).toBe("'台账-温县'!A1:AH1000");
    expect(first?.values).toEqual([['项目', '金额', '', '备注'], ['甲', 100], [], ['乙', '', 2.5, '#DIV/0!']]);
    expect(second).toEqual({ range: "'It''s'!A1:C1000", majorDimension: 'ROWS', values: [['a', 'b', 'c'], [1, true]] });
    expect(third?.values).toEqual([['甲', 100]]);
    expect(fourth).toEqual({ range: "'It''s'!B2", majorDimension: 'ROWS', values: [[true]] });
  });

  it('when render options differ, then numbers, booleans, formulas and dates render like the real API', async () => {
    server.state.setValues(ID, "It's", [[new Date(Date.UTC(2024, 0, 5)), 1234.5, { formula: '=A1+1', value: 45297 }]], 'A3');
    const read = async (valueRenderOption: string, dateTimeRenderOption?: string) =>
      (await api.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ["'It''s'!A2:C3"], valueRenderOption, dateTimeRenderOption }))
        .data.valueRanges?.[0]?.values;
    expect(await read('FORMATTED_VALUE')).toEqual([['1', 'TRUE'], ['2024-01-05', '1234.5', '45297']]);
    expect(await read('UNFORMATTED_VALUE')).toEqual([[1, true], [45296, 1234.5, 45297]]);
    expect(await read('UNFORMATTED_VALUE', 'FORMATTED_STRING')).toEqual([[1, true], ['2024-01-05', 1234.5, 45297]]);
    expect(await read('FORMULA')).toEqual([[1, true], [45296, 1234.5, '=A1+1']]);
  });

  it('when a range names an unknown sheet or exceeds the grid, then a 400 explains it', async () => {
    const unknown = await failure(api.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ['Nope!A1'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.data?.error?.message).toBe('Unable to parse range: Nope!A1');
    const beyond = await failure(api.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ["'It''s'!A1:AB2"] }));
    expect(beyond.data?.error?.message).toBe("Range ('It''s'!A1:AB2) exceeds grid limits. Max rows: 1000, max columns: 26");
  });
});

describe('spreadsheets.get', () => {
  it('when the spreadsheet exists, then metadata lists sheets; when not, then a Google-shaped 404', async () => {
    const res = await api.spreadsheets.get({ spreadsheetId: ID, fields: 'sheets.properties' });
    expect(res.data.sheets?.map((s) => s.properties?.title)).toEqual(['台账-温县', "It's"]);
    expect(res.data.sheets?.[0]?.properties).toMatchObject({ sheetId: 0, index: 0, gridProperties: { rowCount: 1000, columnCount: 34 } });
    const missing = await failure(api.spreadsheets.get({ spreadsheetId: 'nope' }));
    expect(missing).toMatchObject({ status: 404, data: { error: { code: 404, status: 'NOT_FOUND' } } });
  });
});

describe('values.batchUpdate', () => {
  it('when writing RAW vs USER_ENTERED, then only USER_ENTERED parses formulas and numbers', async () => {
    const write = (valueInputOption: string, range: string) =>
      api.spreadsheets.values.batchUpdate({
        spreadsheetId: ID,
        requestBody: { valueInputOption, data: [{ range, values: [['=SUM(1,2)', '00123', 'x']] }] },
      });
    const raw = await write('RAW', "'It''s'!A5");
    expect(raw.data).toMatchObject({ totalUpdatedCells: 3, responses: [{ updatedRange: "'It''s'!A5:C5" }] });
    await write('USER_ENTERED', "'It''s'!A6:C6");
    expect(server.state.getCell(ID, "It's", 'A5')).toEqual({ value: '=SUM(1,2)' });
    expect(server.state.getCell(ID, "It's", 'A6')).toEqual({ value: null, formula: '=SUM(1,2)' });
    expect(server.state.getValues(ID, "It's").slice(4)).toEqual([['=SUM(1,2)', '00123', 'x'], ['', 123, 'x']]);
    const formulas = await api.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ["'It''s'!A6:B6"], valueRenderOption: 'FORMULA' });
    expect(formulas.data.valueRanges?.[0]?.values).toEqual([['=SUM(1,2)', 123]]);
  });

  it('when writing below the grid, then the grid grows like the real values API', async () => {
    await api.spreadsheets.values.batchUpdate({
      spreadsheetId: ID,
      requestBody: { valueInputOption: 'RAW', data: [{ range: "'It''s'!A1001", values: [['late']] }] },
    });
    expect(server.state.getSheet(ID, "It's").properties.gridProperties.rowCount).toBe(1001);
  });
});

describe('spreadsheets.batchUpdate', () => {
  it('when the second request is invalid, then nothing is applied and the index is reported', async () => {
    const err = await failure(
      api.spreadsheets.batchUpdate({
        spreadsheetId: ID,
        requestBody: { requests: [{ addSheet: { properties: { title: '新表' } } }, { addSheet: { properties: { title: "It's" } } }] },
      }),
    );
    expect(err.status).toBe(400);
    expect(err.data?.error?.message).toBe('Invalid requests[1].addSheet: A sheet with the name "It\'s" already exists. Please enter another name.');
    expect(server.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title)).toEqual(['台账-温县', "It's"]);
  });

  it('when updateCells has a range, then cells of the range not given in rows are cleared', async () => {
    const res = await api.spreadsheets.batchUpdate({
      spreadsheetId: ID,
      requestBody: {
        requests: [
          {
            updateCells: {
              range: { sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 2 },
              rows: [{ values: [{ userEnteredValue: { stringValue: '新' } }, { userEnteredValue: { numberValue: 7 }, note: 'n' }] }],
              fields: 'userEnteredValue,note',
            },
          },
          { addSheet: { properties: { title: '汇总', gridProperties: { rowCount: 10, columnCount: 5 } } } },
          { addProtectedRange: { protectedRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, description: '表头' } } },
        ],
      },
    });
    expect(res.data.replies?.[0]).toEqual({});
    expect(res.data.replies?.[1]?.addSheet?.properties).toMatchObject({ title: '汇总', index: 2, gridProperties: { rowCount: 10 } });
    const protectedRangeId = res.data.replies?.[2]?.addProtectedRange?.protectedRange?.protectedRangeId;
    expect(typeof protectedRangeId).toBe('number');
    expect(server.state.getValues(ID, '台账-温县')).toEqual([['新', 7, '', '备注'], [], [], ['', '', 2.5, '#DIV/0!']]);
    expect(server.state.getCell(ID, '台账-温县', 'B1')?.note).toBe('n');
    expect(server.state.getSheet(ID, '台账-温县').protectedRanges[0]).toMatchObject({ protectedRangeId, description: '表头' });
  });

  it('when updateCells writes outside the grid, then it fails with a grid-limits 400', async () => {
    const err = await failure(
      api.spreadsheets.batchUpdate({
        spreadsheetId: ID,
        requestBody: { requests: [{ updateCells: { start: { sheetId: 0, rowIndex: 1000 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }], fields: '*' } }] },
      }),
    );
    expect(err.data?.error?.message).toBe("Invalid requests[0].updateCells: Range ('台账-温县'!A1001) exceeds grid limits. Max rows: 1000, max columns: 34");
  });
});

describe('faults', () => {
  it('when a 429 is injected, then the client sees RESOURCE_EXHAUSTED and a manual retry succeeds', async () => {
    server.faults.push({ match: 'batchGet', kind: 'status', status: 429 });
    const params = { spreadsheetId: ID, ranges: ["'It''s'!A1"] };
    const err = await failure(api.spreadsheets.values.batchGet(params, { retry: false }));
    expect(err.status).toBe(429);
    expect(err.data?.error?.status).toBe('RESOURCE_EXHAUSTED');
    expect(err.data?.error?.message).toContain("Quota exceeded for quota metric 'Read requests'");
    const ok = await api.spreadsheets.values.batchGet(params, { retry: false });
    expect(ok.data.valueRanges?.[0]?.values).toEqual([['a']]);
    expect(server.stats.batchGet).toBe(2);
  });

  it('when a write is faulted or dropped, then the state is unchanged', async () => {
    server.faults.push({ match: 'valuesBatchUpdate', kind: 'status', status: 503 }, { match: 'valuesBatchUpdate', kind: 'drop' });
    const body = { valueInputOption: 'RAW', data: [{ range: "'It''s'!A1", values: [['changed']] }] };
    expect((await failure(api.spreadsheets.values.batchUpdate({ spreadsheetId: ID, requestBody: body }))).status).toBe(503);
    const dropped = await failure(api.spreadsheets.values.batchUpdate({ spreadsheetId: ID, requestBody: body }));
    expect(dropped.status).toBeUndefined();
    expect(server.state.getValues(ID, "It's")[0]?.[0]).toBe('a');
    expect(server.faults.pending).toBe(0);
  });

  it('when a delay or hang is injected, then the response comes late or never', async () => {
    server.faults.push({ kind: 'delay', ms: 120 }, { match: 'get', kind: 'hang' });
    const started = Date.now();
    await api.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ['A1'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    const hung = await failure(api.spreadsheets.get({ spreadsheetId: ID }, { retry: false, timeout: 150 }));
    expect(hung.status).toBeUndefined();
  });
});

describe('hooks, stats and state helpers', () => {
  it('when requests are made, then they are counted by kind with bytes in and out', async () => {
    await api.spreadsheets.get({ spreadsheetId: ID });
    await api.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ['A1'] });
    await api.spreadsheets.values.batchClear({ spreadsheetId: ID, requestBody: { ranges: ["'It''s'!B2"] } });
    expect(server.stats).toMatchObject({ get: 1, batchGet: 1, batchClear: 1, valuesBatchUpdate: 0, total: 3 });
    expect(server.stats.bytesIn).toBeGreaterThan(0);
    expect(server.stats.bytesOut).toBeGreaterThan(0);
    expect(server.state.getValues(ID, "It's")).toEqual([['a', 'b', 'c', 'd'], [1]]);
    server.stats.reset();
    expect(server.stats.total).toBe(0);
  });

  it('when a user inserts rows between a read and a write, then data shifts and the write lands on the old address', async () => {
    const off = server.onRequest('valuesBatchUpdate', async ({ state }) => {
      state.insertRows(ID, "It's", 1, 2);
    });
    await api.spreadsheets.values.batchUpdate({
      spreadsheetId: ID,
      requestBody: { valueInputOption: 'RAW', data: [{ range: "'It''s'!A2", values: [['written']] }] },
    });
    off();
    expect(server.state.getValues(ID, "It's")).toEqual([['a', 'b', 'c', 'd'], ['written'], [], [1, true]]);
    expect(server.state.getSheet(ID, "It's").properties.gridProperties.rowCount).toBe(1002);
  });

  it('when no token is sent, then a Google-shaped 401 comes back', async () => {
    const err = await failure(clientFor(server.url, undefined).spreadsheets.get({ spreadsheetId: ID }));
    expect(err).toMatchObject({ status: 401, data: { error: { code: 401, status: 'UNAUTHENTICATED' } } });
    const strict = await startSheetsServer({ token: 'right' });
    strict.state.createSpreadsheet(ID, []);
    try {
      expect((await failure(clientFor(strict.url, 'wrong').spreadsheets.get({ spreadsheetId: ID }))).status).toBe(401);
      expect((await clientFor(strict.url, 'right').spreadsheets.get({ spreadsheetId: ID })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
