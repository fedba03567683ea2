/**
 * The command line never reports a failed month as success: with the SMTP server down, `npm run cycle`
 * exits 1, says why, and 运行记录 in the workbook says the same; `--resend-unknown` is accepted.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { bookTabs } from '../../functions/core/index.js';
import { readBack, workbookFile } from '../sheets/xlsx/support.js';
import { startSmtpSink } from '../support/smtp.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { runCli } from '../support/cli.js';


const cli = (args: string[], env: Record<string, string>) => runCli(args, { ...process.env, ...env });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm run cycle when mail cannot go out', async () => {
  const file = await workbookFile(bookTabs(WORKED_EXAMPLE));
  afterAll(() => file.cleanup());
  const args = ['cycle', '--ledger', file.path, '--period', '2026-06', '--now', '2026-07-01T06:00:00+08:00'];

  it('when the SMTP server is down, then the command exits 1, names the failure, and 运行记录 records it; once it is back, exit 0', async () => {
    const down = await cli(args, { LEDGER_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    expect(down.code).toBe(1);
    expect(down.stdout).toContain('失败 10');
    expect(down.stderr).toMatch(/报告没有全部送达：10 个收件人发送失败（下次运行自动重试）/);
    const runLog = (await readBack(file.path)).get('运行记录')!.slice(1);
    expect(runLog.map((r) => r[4])).toEqual(['失败']);
    expect(String(runLog[0]![5])).toContain('ECONNREFUSED');

    const sink = await startSmtpSink();
    try {
      const back = await cli([...args, '--resend-unknown'], { LEDGER_SMTP_URL: sink.url, LEDGER_SMTP_RATE: '50' });
      expect(back.code, back.stderr).toBe(0);
      expect(back.stderr).not.toMatch(/✗/); // progress lines go to stderr; no failure line
      expect(sink.received).toHaveLength(5);
    } finally {
      await sink.close();
    }
  }, 60_000);
});

describe('npm run cycle killed between sending and logging (workbook)', async () => {
  const file = await workbookFile(bookTabs(WORKED_EXAMPLE));
  afterAll(() => file.cleanup());
  const args = ['cycle', '--ledger', file.path, '--period', '2026-06', '--now', '2026-07-01T06:00:00+08:00'];

  it('when the process is killed with the 3rd message sent but not answered, then the next run leaves it 状态未知 and --resend-unknown sends it once', async () => {
    const sink = await startSmtpSink();
    try {
      const env = { ...process.env, LEDGER_SMTP_URL: sink.url, LEDGER_SMTP_RATE: '50' };
      const child = spawn(process.execPath, ['--import', 'tsx', 'functions/cli/main.ts', ...args], { env, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      sink.afterAccept = { when: (count) => count === 3, effect: { delayMs: 3_000 } };
      sink.beforeAccept = (count) => {
        if (count === 3) child.kill('SIGKILL');
        return true;
      };
      await exited;
      sink.afterAccept = undefined;
      sink.beforeAccept = undefined;
      expect(sink.received).toHaveLength(3);
      const lost = sink.received[2]!.parsed.messageId!;

      const next = await cli(args, { LEDGER_SMTP_URL: sink.url, LEDGER_SMTP_RATE: '50' });
      expect(next.code).toBe(1);
      expect(next.stderr).toContain('2 个收件人状态未知');
      expect(sink.received).toHaveLength(5);
      const log = (await readBack(file.path)).get('发送记录')!.slice(1);
      expect(log.filter((r) => r[3] === '状态未知').map((r) => r[4])).toEqual([lost, lost]);

      const resend = await cli([...args, '--resend-unknown'], { LEDGER_SMTP_URL: sink.url, LEDGER_SMTP_RATE: '50' });
      expect(resend.code, resend.stderr).toBe(0);
      expect(resend.stderr).not.toMatch(/✗/); // progress lines go to stderr; no failure line
      expect(sink.received.filter((m) => m.parsed.messageId === lost)).toHaveLength(2); // the one that arrived, and the resend
      expect(new Set(sink.received.map((m) => m.parsed.messageId)).size).toBe(5);
    } finally {
      await sink.close();
    }
  }, 90_000);
});

describe('npm run cycle on a spreadsheet another run holds', () => {
  it('when the lease is held, then the command exits 2 and says who holds it and since when, without changing anything', async () => {
    const { startSheetsServer } = await import('../support/sheets-server/index.js');
    const { seedSpreadsheet, testStore } = await import('../sheets/google/support.js');
    const server = await startSheetsServer();
    try {
      seedSpreadsheet(server, 'held-spreadsheet', bookTabs(WORKED_EXAMPLE));
      const holder = await testStore(server, 'held-spreadsheet', { lease: { holder: '市招商局值班电脑' } }).open({ purpose: '月度考评 月度:2026-06' });
      server.stats.reset();
      const refused = await cli(['cycle', '--spreadsheet', 'held-spreadsheet', '--period', '2026-06', '--now', '2026-07-01T06:00:00+08:00'], {
        LEDGER_SHEETS_ROOT_URL: server.url, LEDGER_SHEETS_ACCESS_TOKEN: 'test-token', LEDGER_SMTP_URL: '',
      });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/正被另一次运行占用：月度考评 月度:2026-06，由 市招商局值班电脑 自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起运行/);
      expect(server.stats.batchUpdate).toBe(1); // the refused attempt to take the lease, nothing else
      await holder.close();
    } finally {
      await server.close();
    }
  }, 60_000);
});
