/**
 * Mail whose outcome is unknown is never sent again by itself (workbook + real SMTP on loopback).
 * Each scenario counts the copies the server received per (message, recipient) before the operator's
 * explicit resend: the issue measured 66 duplicate deliveries over such scenarios; after, 0.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookTabs, type BookDef } from '../../functions/core/index.js';
import { createSmtpTransport, type SmtpOptions } from '../../functions/mail/smtp.js';
import { runMonthlyCycle } from '../../functions/pipeline/monthly.js';
import { createWorkbookStore } from '../../sheets/xlsx/workbook-store.js';
import { readBack, workbookFile } from '../sheets/xlsx/support.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';

const ADMIN = 'admin@example.gov.cn';
const DEF: BookDef = { ...WORKED_EXAMPLE, settings: { ...WORKED_EXAMPLE.settings, 管理员邮箱: ADMIN } };

let sink: SmtpSink;
let cleanup: () => Promise<void>;
beforeEach(async () => { sink = await startSmtpSink(); });
afterEach(async () => { await sink.close(); await cleanup?.(); });

async function setup() {
  const file = await workbookFile(bookTabs(DEF));
  cleanup = file.cleanup;
  const run = async (options: { resendUnknown?: boolean; smtp?: Partial<SmtpOptions> } = {}) => {
    const transport = createSmtpTransport({ url: sink.url, from: '示例市招商局 <zhaoshang@example.gov.cn>', ratePerSecond: 50, ...options.smtp });
    try {
      return await runMonthlyCycle(
        { store: createWorkbookStore({ path: file.path }), transport, clock: () => WORKED_EXAMPLE_NOW, mailDomain: 'example.gov.cn' },
        { period: { year: 2026, month: 6 }, resendUnknown: options.resendUnknown ?? false },
      );
    } finally {
      await transport.close();
    }
  };
  const sendLog = async () => ((await readBack(file.path)).get('发送记录') ?? []).slice(1);
  const runLog = async () => ((await readBack(file.path)).get('运行记录') ?? []).slice(1);
  return { file, run, sendLog, runLog };
}

/** Copies received beyond the first, per (Message-ID, recipient), among reports (not admin notices). */
function duplicates(received: SmtpSink['received']): number {
  const seen = new Map<string, number>();
  for (const m of received) for (const to of m.envelopeTo) if (to !== ADMIN) seen.set(`${m.parsed.messageId} ${to}`, (seen.get(`${m.parsed.messageId} ${to}`) ?? 0) + 1);
  return [...seen.values()].reduce((n, c) => n + c - 1, 0);
}

const notices = () => sink.received.filter((m) => m.envelopeTo.includes(ADMIN));

describe.each([
  ['the server takes the message and drops the connection before answering', { effect: 'drop' as const, smtp: {} }],
  ['the server answers after the client’s timeout', { effect: { delayMs: 1_500 }, smtp: { socketTimeoutMs: 400 } }],
])('when %s', (_, scenario) => {
  it('then the message is 状态未知, the next run does not send it again, the admins get its Message-ID, and --resend-unknown sends it once', async () => {
    const { run, sendLog, runLog } = await setup();
    sink.afterAccept = { when: (count) => count === 2, effect: scenario.effect };
    const first = await run({ smtp: scenario.smtp });
    sink.afterAccept = undefined;
    expect(first.delivery).toMatchObject({ sent: 8, failed: 0, unknown: 2 });
    expect(first.failure?.code).toBe('DELIVERY_FAILED');
    const lost = sink.received[1]!.parsed.messageId!;
    const unknownRows = (await sendLog()).filter((r) => r[3] === '状态未知');
    expect(unknownRows.map((r) => r[4])).toEqual([lost, lost]);
    expect(String(unknownRows[0]![6])).toContain('--resend-unknown');
    expect((await runLog()).at(-1)?.[4]).toBe('失败');
    expect(String((await runLog()).at(-1)?.[5])).toContain('状态未知');
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.parsed.text).toContain(lost);

    const second = await run();
    expect(second.delivery).toMatchObject({ sent: 0, unknown: 2, skipped: 8 });
    expect(notices()).toHaveLength(1); // the same problems are told once
    expect(duplicates(sink.received)).toBe(0);

    const resent = await run({ resendUnknown: true });
    expect(resent.delivery).toMatchObject({ sent: 2, unknown: 0 });
    expect(resent.failure).toBeUndefined();
    const copies = sink.received.filter((m) => m.parsed.messageId === lost && !m.envelopeTo.includes(ADMIN));
    expect(copies).toHaveLength(2); // the lost one, and the operator's resend
    expect(notices().at(-1)?.parsed.text).toContain('已补发 2 封');

    const fourth = await run({ resendUnknown: true });
    expect(fourth.delivery).toMatchObject({ sent: 0, unknown: 0, skipped: 10 });
    const log = await sendLog();
    expect(log.filter((r) => r[3] === '发送中')).toEqual([]);
    expect(log.filter((r) => r[3] === '已发送' && r[1] !== undefined && !String(r[1]).startsWith('运行通知'))).toHaveLength(10);
  }, 60_000);
});

describe('when the SMTP server is down', () => {
  it('then every delivery is 失败, the run fails with the reason in 运行记录, and the next run sends them and tells the admins', async () => {
    const { run, runLog, sendLog } = await setup();
    const closed = await closedPort();
    const down = await run({ smtp: { url: `smtp://127.0.0.1:${closed}` } });
    expect(down.delivery).toMatchObject({ sent: 0, failed: 10, unknown: 0 });
    expect(down.failure?.message).toContain('10 个收件人发送失败');
    const last = (await runLog()).at(-1)!;
    expect([last[4], String(last[5])]).toEqual(['失败', expect.stringContaining('ECONNREFUSED')]);
    expect((await sendLog()).filter((r) => r[3] === '失败').length).toBe(11); // 10 reports + the admins' notice
    const back = await run();
    expect(back.delivery).toMatchObject({ sent: 10, failed: 0, unknown: 0 });
    expect(back.failure).toBeUndefined();
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.parsed.subject).toContain('10 封已补发');
    expect(duplicates(sink.received)).toBe(0);
  }, 60_000);
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
