/**
 * What a function answers to requests it cannot serve: short Chinese JSON, no stack trace, nothing
 * read from or written to the spreadsheet. Through functions-framework's own server, and through the
 * gate `npm run serve` puts in front of it (which answers before reading a body).
 */
import { request as httpRequest, type Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs } from '../../functions/core/index.js';
import { gateServer } from '../../functions/runtime/gate.js';
import { isStrictPeriod, strictInstant } from '../../functions/runtime/requests.js';
import { startSheetsServer, type SheetsServer } from '../support/sheets-server/index.js';
import { seedSpreadsheet } from '../sheets/google/support.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { loopbackServers } from './support.js';
import '../../functions/index.js';

const ID = 'hardening-spreadsheet';
const SECRET = 'test-shared-secret-0123456789';
let sheets: SheetsServer;
const servers = loopbackServers();
beforeAll(async () => { sheets = await startSheetsServer(); });
afterAll(async () => { await sheets.close(); servers.closeAll(); });
beforeEach(() => {
  seedSpreadsheet(sheets, ID, bookTabs(WORKED_EXAMPLE));
  sheets.stats.reset();
  Object.assign(process.env, { LEDGER_SPREADSHEET_ID: ID, LEDGER_SHEETS_ROOT_URL: sheets.url, LEDGER_SHEETS_ACCESS_TOKEN: 'test-token', LEDGER_SHARED_SECRET: SECRET, LEDGER_SMTP_URL: '' });
  delete process.env.K_SERVICE;
});

const listen = (server: Server): Promise<string> => servers.listen(server);

const auth = { 'x-ledger-secret': SECRET };

async function expectShortChineseJson(response: Response, status: number, pattern: RegExp): Promise<void> {
  const text = await response.text();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: string };
  expect(body.error).toMatch(pattern);
  expect(text).not.toMatch(/\/work\/|node_modules|\n\s+at /);
  expect(text.length).toBeLessThan(400);
}

describe('the functions, as deployed (functions-framework parses the body)', () => {
  it.each([
    ['an unknown path', '/admin/../etc', { ...auth, 'content-type': 'application/json' }, '{}', 404, /没有这个地址/],
    ['a GET', '/', auth, undefined, 405, /只接受 POST/],
    ['text that is not JSON', '/', { ...auth, 'content-type': 'text/plain' }, '{period:2026-06', 400, /不是合法的 JSON/],
    ['a body over the cap', '/', { ...auth, 'content-type': 'text/plain' }, `{"period":"2026-06","x":"${'x'.repeat(40_000)}"}`, 413, /请求体过大/],
    ['a month that does not exist', '/', { ...auth, 'content-type': 'application/json' }, '{"period":"2026-13"}', 400, /真实月份/],
  ])('when it gets %s, then it answers a short Chinese JSON error and touches nothing', async (_, path, headers, body, status, pattern) => {
    const base = await listen(getTestServer('monthlyClose'));
    const response = await fetch(`${base}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, ...(body === undefined ? {} : { body }) });
    await expectShortChineseJson(response, status, pattern);
    expect(sheets.stats.total).toBe(0);
  });

  it.each([
    ['{"deadline":"1"}', 400, /带时区的真实 ISO-8601 时间/],
    ['{"deadline":"2026-02-30T17:00:00+08:00"}', 400, /带时区的真实 ISO-8601 时间/],
    ['{"deadline":"2026-07-03"}', 400, /带时区的真实 ISO-8601 时间/],
    ['{"deadline":"2001-01-01T17:00:00+08:00"}', 422, /不在台账“参数”页的年度 2026 内/],
  ])('when the weekly function gets %s, then it is refused and 周报记录 gets no row', async (body, status, pattern) => {
    const base = await listen(getTestServer('weeklyDeadline'));
    const response = await fetch(`${base}/`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
    await expectShortChineseJson(response, status, pattern);
    const titles = sheets.state.getSpreadsheet(ID).sheets.map((s) => s.properties.title);
    expect(titles.includes('周报记录') ? sheets.state.getValues(ID, '周报记录').slice(1) : []).toEqual([]);
  });
});

describe('the gate in front of `npm run serve`', () => {
  /** Sends headers declaring `length` bytes and only a first chunk; resolves with the answer. */
  function declareLarge(base: string, headers: Record<string, string>, length: number): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}/`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(length) } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString(); });
        res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); req.destroy(); });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') || (e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)));
      req.write('{"period":"');
    });
  }

  it.each([
    ['no secret', {}, 401, /缺少 X-Ledger-Secret/],
    ['the secret', auth, 413, /请求体过大/],
  ])('when a 200 MB body is announced with %s, then the answer comes before the body is read', async (_, headers, status, pattern) => {
    const base = await listen(gateServer(getTestServer('monthlyClose'), { secret: SECRET }));
    const answer = await declareLarge(base, headers, 200 * 1024 * 1024);
    expect(answer.status).toBe(status);
    expect((JSON.parse(answer.body) as { error: string }).error).toMatch(pattern);
    expect(sheets.stats.total).toBe(0);
  });

  it('when JSON is malformed, then the gate answers in Chinese JSON instead of the framework’s HTML page', async () => {
    const base = await listen(gateServer(getTestServer('monthlyClose'), { secret: SECRET }));
    const response = await fetch(`${base}/`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"period":' });
    await expectShortChineseJson(response, 400, /不是合法的 JSON/);
  });

  it('when the request is good, then the gate hands it on and the function runs', async () => {
    const base = await listen(gateServer(getTestServer('rerunMonth'), { secret: SECRET }));
    const response = await fetch(`${base}/`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"period":"2026-06"}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'done', detail: { period: '2026-06', sent: 0 } });
  });
});

describe('strict dates in requests', () => {
  it.each([
    ['2026-06', true], ['2026-6', false], ['2026-13', false], ['1999-12', false], ['2026-06 ', false],
  ])('when the period is "%s", then it is accepted: %s', (text, ok) => {
    expect(isStrictPeriod(text)).toBe(ok);
  });

  it.each([
    ['2026-07-03T17:00:00+08:00', '2026-07-03T09:00:00.000Z'], ['2026-07-03T09:00Z', '2026-07-03T09:00:00.000Z'],
    ['1', undefined], ['2026-07-03', undefined], ['2026-02-29T17:00:00+08:00', undefined], ['2026-07-03T24:00:00+08:00', undefined], ['July 3, 2026', undefined],
  ])('when the instant is "%s", then it reads as %s', (text, iso) => {
    expect(strictInstant(text)?.toISOString()).toBe(iso);
  });
});
