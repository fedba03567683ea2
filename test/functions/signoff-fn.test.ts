import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs } from '../../functions/core/index.js';
import { robotBook } from '../pipeline/robot-support.js';
import { seedSpreadsheet } from '../sheets/google/support.js';
import { startDingTalkServer, type DingTalkServer } from '../support/robots/dingtalk-server.js';
import { startSheetsServer, type SheetsServer } from '../support/sheets-server/index.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { loopbackServers } from './support.js';
import '../../functions/index.js';

const ID = 'signoff-spreadsheet';
const SECRET = 'test-shared-secret-0123456789';
const ROBOT_SECRET = 'SECfunctions0123';
const JULY_FIRST = '2026-06-30T22:00:00Z';

let sheets: SheetsServer;
let smtp: SmtpSink;
let ding: DingTalkServer;
const servers = loopbackServers();
const ENV_KEYS = ['LEDGER_SPREADSHEET_ID', 'LEDGER_SHEETS_ROOT_URL', 'LEDGER_SHEETS_ACCESS_TOKEN', 'LEDGER_SMTP_URL', 'LEDGER_SMTP_RATE', 'LEDGER_SHARED_SECRET', 'LEDGER_MAIL_FROM', 'LEDGER_ROBOTS'];

beforeAll(async () => { sheets = await startSheetsServer(); });
afterAll(async () => { await sheets.close(); servers.closeAll(); });
beforeEach(async () => {
  smtp = await startSmtpSink();
  ding = await startDingTalkServer([{ token: 'tok-city', secret: ROBOT_SECRET }]);
  seedSpreadsheet(sheets, ID, bookTabs({ ...robotBook({ 通报审核: '是' }), units: robotBook().units.map((u) => ({ ...u, robotGroup: undefined })) }));
  Object.assign(process.env, {
    LEDGER_SPREADSHEET_ID: ID, LEDGER_SHEETS_ROOT_URL: sheets.url, LEDGER_SHEETS_ACCESS_TOKEN: 'test-token', LEDGER_SMTP_URL: smtp.url, LEDGER_SMTP_RATE: '50',
    LEDGER_SHARED_SECRET: SECRET, LEDGER_MAIL_FROM: '示例市招商局 <zhaoshang@example.gov.cn>',
    LEDGER_ROBOTS: JSON.stringify({ 市招商工作群: { url: ding.webhook('tok-city'), secret: ROBOT_SECRET } }),
  });
  delete process.env.K_SERVICE;
});
afterEach(async () => {
  await Promise.all([smtp.close(), ding.close()]);
  for (const key of ENV_KEYS) delete process.env[key];
});

async function call(name: string, hour: string): Promise<{ status: number; body: { status?: string; detail?: Record<string, unknown> } }> {
  const url = await servers.urlOf(name);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ledger-secret': SECRET, 'x-cloudscheduler-scheduletime': hour }, body: '{}' });
  return { status: response.status, body: (await response.json()) as { status?: string; detail?: Record<string, unknown> } };
}

const toLeaders = () => smtp.received.filter((m) => m.envelopeTo.includes('mayor@example.gov.cn')).map((m) => m.parsed.subject);

describe('sign-off through the deployed functions', () => {
  it('when the monthly function drafts and an admin approves in 审核, then the next validateLedger call sends the bulletin to leaders and the group once', async () => {
    const monthly = await call('monthlyClose', JULY_FIRST);
    expect(monthly.status).toBe(200);
    expect(toLeaders()).toEqual([]);
    expect(smtp.received.filter((m) => m.envelopeTo.includes('admin@example.gov.cn')).map((m) => m.parsed.subject).sort())
      .toEqual(['【送审稿·请审核】示例市招商引资工作季度讲评（2026年第二季度）', '【送审稿·请审核】示例市招商引资工作月度通报（2026年6月）']);
    expect(ding.posted).toEqual([]);

    sheets.state.setValues(ID, '审核', [['2026-06', '', '同意', '王局长']], 'A2');
    const validate = await call('validateLedger', '2026-07-01T01:00:00Z');
    expect(validate.status).toBe(200);
    expect(validate.body.detail?.signedOff).toEqual([{ period: '2026-06', sent: 6, alreadySent: 0 }]); // 2 reports × (2 leaders + the group)
    expect(toLeaders().sort()).toEqual(['示例市招商引资工作季度讲评（2026年第二季度）', '示例市招商引资工作月度通报（2026年6月）']);
    expect(ding.posted.map((p) => p.title)).toEqual(['示例市2026年6月招商引资考评通报', '示例市2026年第二季度招商引资讲评']);
    const log = sheets.state.getValues(ID, '发送记录').slice(1).map((r) => `${r[1]} ${r[2] ?? ''} ${r[3]}`);
    expect(log).toEqual(expect.arrayContaining(['月度通报 钉钉:市招商工作群 已发送', '月度通报  已审核', '月度通报  待审核']));

    const count = smtp.received.length;
    const again = await call('validateLedger', '2026-07-01T02:00:00Z');
    expect(again.status).toBe(200);
    expect(again.body.detail?.signedOff).toBeUndefined();
    expect(smtp.received).toHaveLength(count);
    expect(ding.posted).toHaveLength(2);
  });
});
