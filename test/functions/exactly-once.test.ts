/**
 * Exactly once and never silent, through functions-framework's test server against the Sheets test
 * server and a real SMTP server, all on loopback. Each scenario counts duplicate deliveries: copies the
 * SMTP server received beyond the first per (Message-ID, recipient), before any explicit resend.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import * as ff from '@google-cloud/functions-framework';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs } from '../../functions/core/index.js';
import { httpEntry } from '../../functions/runtime/entries.js';
import { runJob } from '../../functions/runtime/job.js';
import { LedgerError } from '../../functions/errors.js';
import { startSheetsServer, type SheetsServer } from '../support/sheets-server/index.js';
import { seedSpreadsheet } from '../sheets/google/support.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { loopbackServers } from './support.js';
import '../../functions/index.js';

const ID = 'exactly-once-spreadsheet';
const SECRET = 'test-shared-secret-0123456789';
const JULY_FIRST = '2026-06-30T22:00:00Z';
const ADMIN = 'admin@example.gov.cn';
const logs: { severity: string; message: string; [k: string]: unknown }[] = [];
ff.http('monthlyCloseLogged', httpEntry('monthly', { log: (severity, message, fields) => logs.push({ severity, message, ...fields }) }));

let sheets: SheetsServer;
let smtp: SmtpSink;
const servers = loopbackServers();
beforeAll(async () => { sheets = await startSheetsServer(); });
afterAll(async () => { await sheets.close(); servers.closeAll(); });
beforeEach(async () => {
  smtp = await startSmtpSink();
  logs.length = 0;
  seedSpreadsheet(sheets, ID, bookTabs({ ...WORKED_EXAMPLE, settings: { ...WORKED_EXAMPLE.settings, 管理员邮箱: ADMIN } }));
  Object.assign(process.env, {
    LEDGER_SPREADSHEET_ID: ID, LEDGER_SHEETS_ROOT_URL: sheets.url, LEDGER_SHEETS_ACCESS_TOKEN: 'test-token', LEDGER_SMTP_URL: smtp.url,
    LEDGER_SMTP_RATE: '50', LEDGER_SHARED_SECRET: SECRET, LEDGER_MAIL_FROM: '示例市招商局 <zhaoshang@example.gov.cn>', LEDGER_LEASE_STALE_S: '600',
  });
  delete process.env.K_SERVICE;
});
afterEach(async () => { await smtp.close(); });

const urlOf = (name: string): Promise<string> => servers.urlOf(name);

const scheduler = { 'content-type': 'application/json', 'x-ledger-secret': SECRET, 'x-cloudscheduler-scheduletime': JULY_FIRST };
const post = (url: string, body = '{}') => fetch(url, { method: 'POST', headers: scheduler, body });
const reports = () => smtp.received.filter((m) => !m.envelopeTo.includes(ADMIN));
const notices = () => smtp.received.filter((m) => m.envelopeTo.includes(ADMIN));
const sendLog = () => sheets.state.getValues(ID, '发送记录').slice(1);
const runLog = () => sheets.state.getValues(ID, '运行记录').slice(1);

function duplicates(): number {
  const seen = new Map<string, number>();
  for (const m of reports()) for (const to of m.envelopeTo) seen.set(`${m.parsed.messageId} ${to}`, (seen.get(`${m.parsed.messageId} ${to}`) ?? 0) + 1);
  return [...seen.values()].reduce((n, c) => n + c - 1, 0);
}

/** 发送记录 is whole: one 已发送 row per delivery, none twice, no intent left behind. */
function expectWholeSendLog(deliveries: number): void {
  const sent = sendLog().filter((r) => r[3] === '已发送' && !String(r[1]).startsWith('运行通知'));
  expect(sent).toHaveLength(deliveries);
  expect(new Set(sent.map((r) => `${r[1]} ${r[2]}`)).size).toBe(deliveries);
  expect(sendLog().filter((r) => r[3] === '发送中')).toEqual([]);
}

describe('two runs on one spreadsheet', () => {
  it('when the scheduler delivers the monthly function twice at once, then one run sends, the other gets 409 naming it, and its retry is skipped', async () => {
    const url = await urlOf('monthlyClose');
    const [a, b] = await Promise.all([post(url), post(url)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = (await (a.status === 409 ? a : b).json()) as { error: string };
    expect(refused.error).toMatch(/正被另一次运行占用：月度考评 月度:2026-06，由 .+ 自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起运行/);
    const retry = await post(url);
    expect(await retry.json()).toMatchObject({ status: 'skipped', runId: '月度:2026-06#1' });
    expect(reports()).toHaveLength(5);
    expect(duplicates()).toBe(0);
    expectWholeSendLog(10);
    expect(runLog().map((r) => [r[0], r[4]])).toEqual([['月度:2026-06#1', '完成']]);
  });

  it('when two manual re-runs of the same month overlap, then one sends every report once and the other is refused', async () => {
    const env = { ...process.env };
    const results = await Promise.allSettled([
      runJob('rerun', { period: '2026-06', dryRun: false }, { env, scheduledAt: new Date(JULY_FIRST) }),
      runJob('rerun', { period: '2026-06', dryRun: false }, { env, scheduledAt: new Date(JULY_FIRST) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as LedgerError).code).toBe('LEDGER_LOCKED');
    expect(reports()).toHaveLength(5);
    expect(duplicates()).toBe(0);
    expectWholeSendLog(10);
  });
});

describe('what exactly-once costs in Sheets requests', () => {
  it('when June closes with 5 messages, then the run makes 11 requests: 2 reads, the lease taken and released, one send-log write per message and one for the last answer, one write', async () => {
    const url = await urlOf('monthlyClose');
    sheets.stats.reset();
    expect((await post(url)).status).toBe(200);
    expect({ total: sheets.stats.total, batchUpdate: sheets.stats.batchUpdate }).toEqual({ total: 11, batchUpdate: 9 });
    sheets.stats.reset();
    expect(await (await post(url)).json()).toMatchObject({ status: 'skipped' });
    expect(sheets.stats.total).toBe(4); // reads, lease taken and released: nothing written
  });
});

describe('a run killed between sending and logging', () => {
  it('when the process dies with a message sent but not logged, then the next delivery takes over, does not resend it, tells the admins, and resendUnknown sends it once', async () => {
    process.env.LEDGER_LEASE_STALE_S = '1';
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/functions/run-job-child.ts', JULY_FIRST], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // The 3rd message arrives whole: kill the sender before it hears the answer, and keep the message.
    smtp.afterAccept = { when: (count) => count === 3, effect: { delayMs: 2_000 } };
    smtp.beforeAccept = (count) => {
      if (count === 3) child.kill('SIGKILL');
      return true;
    };
    await exited;
    smtp.beforeAccept = undefined;
    smtp.afterAccept = undefined;
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the dead run's heartbeat goes stale
    expect(reports()).toHaveLength(3);
    const lost = reports()[2]!.parsed.messageId!;
    const url = await urlOf('monthlyClose');
    const next = await post(url);
    expect(next.status).toBe(502);
    const body = (await next.json()) as { error: string; detail: { unknown: number } };
    expect(body.error).toContain('状态未知');
    expect(body.detail.unknown).toBe(2);
    expect(reports()).toHaveLength(5);
    expect(duplicates()).toBe(0);
    expect(sendLog().filter((r) => r[3] === '状态未知').map((r) => r[4])).toEqual([lost, lost]);
    expect(notices().map((m) => m.parsed.text).join('\n')).toContain(lost);
    const retried = await post(url);
    expect(retried.status).toBe(502); // the scheduler's retry does not resend it either
    expect(reports()).toHaveLength(5);
    const resend = await post(url, '{"resendUnknown":true}');
    expect(resend.status).toBe(200);
    expect(reports().filter((m) => m.parsed.messageId === lost)).toHaveLength(2); // the one that arrived, and the operator's resend
    expectWholeSendLog(10);
  }, 60_000);
});

describe('the SMTP server down', () => {
  it('when no mail can be sent, then the function answers 502, 运行记录 says why, and an ERROR line is logged', async () => {
    process.env.LEDGER_SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    const url = await urlOf('monthlyCloseLogged');
    const response = await post(url);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: string }).error).toContain('10 个收件人发送失败');
    const last = runLog().at(-1)!;
    expect([last[0], last[4]]).toEqual(['月度:2026-06#1', '失败']);
    expect(String(last[5])).toMatch(/发送失败.*ECONNREFUSED/);
    expect(logs.filter((l) => l.severity === 'ERROR').map((l) => [l['code'], l['status']])).toEqual([['DELIVERY_FAILED', 502]]);
    process.env.LEDGER_SMTP_URL = smtp.url;
    const retry = await post(url);
    expect(retry.status).toBe(200);
    expect(reports()).toHaveLength(5);
    expect(notices().map((m) => m.parsed.subject)).toEqual(['【示例市招商引资台账】2026-06 报告发送：10 封已补发']);
    expect(duplicates()).toBe(0);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
