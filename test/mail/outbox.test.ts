import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxTransport } from '../../functions/mail/outbox.js';
import type { OutgoingMail } from '../../functions/ports.js';

const cleanups: string[] = [];
afterEach(async () => {
  for (const dir of cleanups.splice(0)) await rm(dir, { recursive: true, force: true });
});

const mail = (name: string, text: string): OutgoingMail => ({
  messageId: `<${name}@x>`, name, to: ['a@x.cn'], subject: name, html: `<p>${text}</p>`, text, attachments: [], date: new Date('2026-07-01T00:00:00Z'),
});

describe('the outbox transport', () => {
  it('when the folder does not exist yet or is removed during the run, then it is made and every message lands', async () => {
    const root = await mkdtemp(join(tmpdir(), 'outbox-'));
    cleanups.push(root);
    const dir = join(root, 'deep', 'outbox');
    const transport = createOutboxTransport(dir, 'ledger <l@x.cn>');
    const first = await transport.send(mail('2026-06 单位月报-温县', '一'));
    expect(first.accepted).toEqual(['a@x.cn']);
    await rm(join(root, 'deep'), { recursive: true });
    await transport.send(mail('2026-06 单位月报-孟州', '二'));
    expect(await readdir(dir)).toEqual(['2026-06 单位月报-孟州.eml']);
    await transport.close();
  });

  it('when a message is sent again, then its file is replaced whole and no temporary file stays', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    cleanups.push(dir);
    const transport = createOutboxTransport(dir, 'ledger <l@x.cn>');
    await transport.send(mail('2026-06 月度通报', 'first run'));
    await transport.send(mail('2026-06 月度通报', 'second run'));
    expect(await readdir(dir)).toEqual(['2026-06 月度通报.eml']);
    const text = await readFile(join(dir, '2026-06 月度通报.eml'), 'latin1');
    expect(text).toContain('second run');
    expect(text).not.toContain('first run');
    await transport.close();
  });
});
