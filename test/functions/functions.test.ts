import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs } from '../../functions/core/index.js';
import { startSheetsServer, type SheetsServer } from '../support/sheets-server/index.js';
import { seedSpreadsheet } from '../sheets/google/support.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { loopbackServers } from './support.js';
import '../../functions/index.js';

const ID = 'worked-example-spreadsheet';
const SECRET = 'test-shared-secret-0123456789';
const JULY_FIRST = '2026-06-30T22:00:00Z'; // 2026-07-01 06:00 Shanghai: closes June

let sheets: SheetsServer;
let smtp: SmtpSink;
const servers = loopbackServers();

beforeAll(async () => { sheets = await startSheetsServer(); });
afterAll(async () => { await sheets.close(); servers.closeAll(); });
beforeEach(async () => {
  smtp = await startSmtpSink();
  seedSpreadsheet(sheets, ID, bookTabs(WORKED_EXAMPLE));
  Object.assign(process.env, {
    LEDGER_SPREADSHEET_ID: ID, LEDGER_SHEETS_ROOT_URL: sheets.url, LEDGER_SHEETS_ACCESS_TOKEN: 'test-token',
    LEDGER_SMTP_URL: smtp.url, LEDGER_SMTP_RATE: '50', LEDGER_SHARED_SECRET: SECRET, LEDGER_MAIL_FROM: '示例市招商局 <zhaoshang@example.gov.cn>',
  });
  delete process.env.K_SERVICE;
});
afterEach(async () => { await smtp.close(); });

const urlOf = (name: string): Promise<string> => servers.urlOf(name);

const scheduler = (secret = SECRET) => ({ 'content-type': 'application/json', 'x-ledger-secret': secret, 'x-cloudscheduler-scheduletime': JULY_FIRST });
const rankingRows = () => sheets.state.getValues(ID, '排名').slice(1).filter((r) => r[0] === '2026-06');

describe('the monthly function over HTTP (Cloud Scheduler)', () => {
  it('when the scheduler fires on July 1st, then June closes end to end: ranking in the spreadsheet, every report mailed', async () => {
    const url = await urlOf('monthlyClose');
    const response = await fetch(url, { method: 'POST', headers: scheduler(), body: '{}' });
    const body = (await response.json()) as { status: string; runId: string; detail: { sent: number } };
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ status: 'done', runId: '月度:2026-06#1', detail: { sent: 10 } });
    expect(rankingRows().map((r) => [r[1], r[8]])).toEqual([['乙县', 94.5], ['甲县', 45], ['丙区', 18.01]]);
    expect(smtp.received).toHaveLength(5);
    const log = sheets.state.getValues(ID, '发送记录').slice(1);
    expect(log).toHaveLength(10);
    expect(new Set(log.map((r) => `${r[1]} ${r[2]}`)).size).toBe(10);
    expect(sheets.state.getValues(ID, '运行记录').slice(1).map((r) => [r[0], r[4]])).toEqual([['月度:2026-06#1', '完成']]);
  });

  it('when the same scheduled delivery arrives twice, then each report is sent once', async () => {
    const url = await urlOf('monthlyClose');
    await fetch(url, { method: 'POST', headers: scheduler(), body: '{}' });
    const again = await fetch(url, { method: 'POST', headers: scheduler(), body: '{}' });
    expect(await again.json()).toMatchObject({ status: 'skipped', runId: '月度:2026-06#1' });
    expect(smtp.received).toHaveLength(5);
    expect(rankingRows()).toHaveLength(3);
  });

  it.each([
    ['no secret', { 'content-type': 'application/json' }, '{}', 401],
    ['a wrong secret', scheduler('wrong-secret-wrong-secret'), '{}', 401],
    ['a malformed period', scheduler(), '{"period":"2026-13"}', 400],
    ['an unknown field', scheduler(), '{"periode":"2026-06"}', 400],
  ])('when a request has %s, then it is refused and nothing changes', async (_, headers, body, status) => {
    const url = await urlOf('monthlyClose');
    sheets.stats.reset();
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(/共享密钥|X-Ledger-Secret|字段|不认识/);
    expect(sheets.stats.total).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('when the admin re-runs a month as a dry run, then reports are rendered and listed, and nothing is sent', async () => {
    const url = await urlOf('rerunMonth');
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ledger-secret': SECRET }, body: '{"period":"2026-06"}' });
    const body = (await response.json()) as { status: string; detail: { reports: { key: string }[]; sent: number } };
    expect(response.status).toBe(200);
    expect(body.detail.sent).toBe(0);
    expect(body.detail.reports.map((r) => r.key)).toEqual(['月度通报', '单位月报:甲县', '单位月报:乙县', '单位月报:丙区', '季度讲评']);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('a ledger the functions cannot use', () => {
  it('when a header was renamed, then 422 names it, 运行记录 records it, and the admins are told once that day', async () => {
    const tabs = bookTabs({ ...WORKED_EXAMPLE, settings: { ...WORKED_EXAMPLE.settings, 管理员邮箱: 'admin@example.gov.cn' } });
    tabs.get('台账-乙县')![0] = tabs.get('台账-乙县')![0]!.map((h) => (h === '签约日期' ? '签订日期' : h));
    seedSpreadsheet(sheets, ID, tabs);
    const url = await urlOf('validateLedger');
    const call = (at: string) => fetch(url, { method: 'POST', headers: { ...scheduler(), 'x-cloudscheduler-scheduletime': at }, body: '{}' });
    const first = await call('2026-07-01T01:00:00Z');
    expect(first.status).toBe(422);
    expect(((await first.json()) as { error: string }).error).toContain('“台账-乙县”页第 1 行缺少“签约日期”列');
    expect((await call('2026-07-01T02:00:00Z')).status).toBe(422);
    expect(smtp.received.map((m) => [m.envelopeTo.join(','), m.parsed.subject])).toEqual([['admin@example.gov.cn', '【示例市招商引资台账】台账校验运行失败，需要处理']]);
    expect(smtp.received[0]?.parsed.text).toContain('请把被改名或删除的表头恢复为“签约日期”');
    expect(sheets.state.getValues(ID, '运行记录').slice(1).map((r) => r[4])).toEqual(['失败', '失败']);
    expect(rankingRows()).toEqual([]);
  });
});

describe('the monthly function as a CloudEvent (Pub/Sub)', () => {
  it('when a Pub/Sub message arrives twice, then the month closes once', async () => {
    const url = await urlOf('monthlyCloseEvent');
    const event = (id: string) => fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-type': 'google.cloud.pubsub.topic.v1.messagePublished',
        'ce-source': '//pubsub.googleapis.com/projects/p/topics/ledger-monthly', 'ce-id': id, 'ce-time': JULY_FIRST,
      },
      body: JSON.stringify({ message: { data: Buffer.from('{}').toString('base64') } }),
    });
    expect((await event('1')).status).toBeLessThan(300);
    expect((await event('1')).status).toBeLessThan(300);
    expect(smtp.received).toHaveLength(5);
    expect(rankingRows()).toHaveLength(3);
  });
});
