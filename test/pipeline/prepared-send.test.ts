import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cell } from '../../functions/core/index.js';
import { createChannelRouter } from '../../functions/mail/channels.js';
import { createOutboxTransport } from '../../functions/mail/outbox.js';
import { deliver, SENDING, type Deliverable } from '../../functions/pipeline/deliver.js';
import type { LedgerSession, MailTransport } from '../../functions/ports.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prepared-'));
  dirs.push(dir);
  return dir;
}

const PERIOD = '2026-06';
const reports: Deliverable[] = Array.from({ length: 6 }, (_, i) => ({
  key: `单位月报:县${i}`, to: i === 3 ? [] : [`u${i}@x.cn`, `lead${i}@x.cn`], subject: `县${i}招商引资工作考核月报`, html: `<p>县${i} 总分 ${i * 7}.5 = 招商</p>`.repeat(40 + i),
  text: `县${i}\n总分 ${i}`, attachments: [{ filename: `县${i}.xlsx`, content: Buffer.alloc(3000 + i, i), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
}));
const fileOf = (key: string) => `${PERIOD} ${key.replace(':', '-')}.eml`;
/** A clock that moves on every call: the order of the calls shows in the rows. */
const stepping = () => {
  let t = Date.parse('2026-07-01T00:00:00Z');
  return () => new Date((t += 1000));
};
/** A session whose log writes take a while, like an fsync; `check` runs just before each resolves. */
const slowSession = (check: (rows: readonly Cell[][]) => void, failOn?: number): LedgerSession & { log: Cell[][] } => {
  const log: Cell[][] = [];
  let calls = 0;
  return {
    label: 'test', log,
    read: async () => ({ tabs: new Map() }),
    write: async () => undefined,
    close: async () => undefined,
    async appendSendLog(rows) {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 15));
      if (calls === failOn) throw new Error('磁盘已满');
      check(rows);
      log.push(...rows.map((r) => [...r]));
    },
  };
};
/** A message with its random MIME boundaries named alike. */
const unboundaried = (text: string) => text.replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-X-Part_');
/** The same transport without `prepare`: what deliver did before building ahead. */
const plain = (t: MailTransport): MailTransport => ({ label: t.label, send: (m) => t.send(m), close: () => t.close() });

describe('building a message while its intent is written', () => {
  it('when messages are prepared ahead, then the rows, outcomes and .eml bytes are those of sending plainly', async () => {
    const runs = [];
    for (const wrap of [(t: MailTransport) => t, plain, (t: MailTransport) => createChannelRouter({ 邮件: t })]) {
      const dir = await folder();
      const transport = wrap(createOutboxTransport(dir, 'ledger <l@x.cn>'));
      const session = slowSession(() => undefined);
      const outcome = await deliver({ period: PERIOD, reports, log: [], transport, session, now: stepping(), domain: 'x.cn' });
      await transport.close();
      const files = (await readdir(dir)).sort();
      runs.push({ outcome: { ...outcome, rows: outcome.rows.map((r) => r.map((c, i) => (i === 6 ? String(c).replace(dir, 'DIR') : c))) }, log: session.log.map((r) => r.map((c, i) => (i === 6 ? String(c).replace(dir, 'DIR') : c))), files, bytes: await Promise.all(files.map(async (f) => unboundaried(await readFile(join(dir, f), 'latin1')))) });
    }
    expect(runs[0]!.files).toHaveLength(5);
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[2]).toEqual(runs[1]);
  });

  it.each([
    ['the outbox', (t: MailTransport) => t],
    ['the outbox behind the channel router', (t: MailTransport) => createChannelRouter({ 邮件: t })],
  ])('when an intent is written through %s, then its message file does not exist until the write has resolved', async (_, wrap) => {
    const dir = await folder();
    const transport = wrap(createOutboxTransport(dir, 'ledger <l@x.cn>'));
    let checked = 0;
    const session = slowSession((rows) => {
      for (const row of rows.filter((r) => r[3] === SENDING)) {
        expect(existsSync(join(dir, fileOf(String(row[1]))))).toBe(false);
        checked++;
      }
    });
    await deliver({ period: PERIOD, reports, log: [], transport, session, now: stepping(), domain: 'x.cn' });
    await transport.close();
    expect(checked).toBe(10);
  });

  it('when an intent cannot be written, then its message, already built, never leaves and the run stops', async () => {
    const dir = await folder();
    const transport = createOutboxTransport(dir, 'ledger <l@x.cn>');
    const session = slowSession(() => undefined, 2);
    await expect(deliver({ period: PERIOD, reports, log: [], transport, session, now: stepping(), domain: 'x.cn' })).rejects.toThrow('磁盘已满');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await transport.close();
    expect(await readdir(dir)).toEqual([fileOf(reports[0]!.key)]);
  });

  it('when building a message fails, then its recipients are 状态未知 after a durable intent, as a failed send was', async () => {
    const dir = await folder();
    const outbox = createOutboxTransport(dir, 'ledger <l@x.cn>');
    const transport: MailTransport = { ...outbox, prepare: () => { throw new Error('build failed'); } };
    const session = slowSession(() => undefined);
    const outcome = await deliver({ period: PERIOD, reports: reports.slice(0, 1), log: [], transport, session, now: stepping(), domain: 'x.cn' });
    expect(outcome.unknown).toBe(2);
    expect(session.log.map((r) => r[3])).toEqual([SENDING, SENDING, '状态未知', '状态未知']);
  });
});
