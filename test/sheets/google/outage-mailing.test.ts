/**
 * A Google Sheets outage in the middle of mailing: the monthly cycle on the Sheets store (real client,
 * test server with faults) and real SMTP. The message whose outcome could not be logged ends 状态未知,
 * the next run does not send it again, and the operator's resend sends it once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { createSmtpTransport } from '../../../functions/mail/smtp.js';
import { runMonthlyCycle } from '../../../functions/pipeline/monthly.js';
import { startSheetsServer, type SheetsServer } from '../../support/sheets-server/index.js';
import { startSmtpSink, type SmtpSink } from '../../support/smtp.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../../support/worked-example.js';
import { fakeTime, seedSpreadsheet, testStore } from './support.js';

const ID = 'outage-mailing';
const ADMIN = 'admin@example.gov.cn';
let server: SheetsServer;
let smtp: SmtpSink;
beforeAll(async () => { server = await startSheetsServer(); });
afterAll(async () => { await server.close(); });
beforeEach(async () => {
  smtp = await startSmtpSink();
  server.faults.clear();
  seedSpreadsheet(server, ID, bookTabs({ ...WORKED_EXAMPLE, settings: { ...WORKED_EXAMPLE.settings, 管理员邮箱: ADMIN } }));
});
afterEach(async () => { await smtp.close(); });

async function run(resendUnknown = false) {
  const transport = createSmtpTransport({ url: smtp.url, from: '示例市招商局 <zhaoshang@example.gov.cn>', ratePerSecond: 50 });
  // As wired in production: one send-log write per message, and the run lease (a 1 ms stale limit
  // stands in for the ten minutes a dead run's lease is kept).
  const store = testStore(server, ID, { sendLog: { maxRows: 1 }, lease: { holder: 'test', staleMs: 1 }, retry: fakeTime({ deadlineMs: 20_000 }) });
  try {
    return await runMonthlyCycle({ store, transport, clock: () => WORKED_EXAMPLE_NOW, mailDomain: 'example.gov.cn' }, { period: { year: 2026, month: 6 }, resendUnknown });
  } finally {
    await transport.close();
  }
}

const reports = () => smtp.received.filter((m) => !m.envelopeTo.includes(ADMIN));
function duplicates(): number {
  const seen = new Map<string, number>();
  for (const m of reports()) for (const to of m.envelopeTo) seen.set(`${m.parsed.messageId} ${to}`, (seen.get(`${m.parsed.messageId} ${to}`) ?? 0) + 1);
  return [...seen.values()].reduce((n, c) => n + c - 1, 0);
}

describe('a Sheets outage while the month’s mail goes out', () => {
  it('when Sheets stops answering after the 2nd message left, then that message is 状态未知, not resent by the next run, listed to the admins, and resent once on request', async () => {
    smtp.beforeAccept = (count) => {
      // From the 2nd message on, every write to the spreadsheet fails with 503 until the outage ends.
      if (count === 2) server.faults.push({ kind: 'status', status: 503, match: 'write', times: 1_000 });
      return true;
    };
    const error = await run().then(() => undefined, (e: unknown) => e as LedgerError);
    smtp.beforeAccept = undefined;
    server.faults.clear();
    expect(error?.code).toBe('BACKEND');
    expect(reports()).toHaveLength(2);
    const lost = reports()[1]!.parsed.messageId!;

    const next = await run();
    expect(next.delivery).toMatchObject({ sent: 6, unknown: 2, skipped: 2 });
    expect(next.failure?.code).toBe('DELIVERY_FAILED');
    expect(duplicates()).toBe(0);
    const log = server.state.getValues(ID, '发送记录').slice(1);
    expect(log.filter((r) => r[3] === '状态未知').map((r) => r[4])).toEqual([lost, lost]);
    expect(log.filter((r) => r[3] === '发送中')).toEqual([]);
    expect(smtp.received.filter((m) => m.envelopeTo.includes(ADMIN)).map((m) => m.parsed.text).join('\n')).toContain(lost);

    const again = await run();
    expect(again.delivery).toMatchObject({ sent: 0, unknown: 2 });
    expect(duplicates()).toBe(0);

    const resent = await run(true);
    expect(resent.delivery).toMatchObject({ sent: 2, unknown: 0 });
    expect(resent.failure).toBeUndefined();
    expect(reports().filter((m) => m.parsed.messageId === lost)).toHaveLength(2);
    const final = server.state.getValues(ID, '发送记录').slice(1).filter((r) => r[3] === '已发送' && !String(r[1]).startsWith('运行通知'));
    expect(new Set(final.map((r) => `${r[1]} ${r[2]}`)).size).toBe(10);
    expect(final).toHaveLength(10);
  }, 60_000);
});
