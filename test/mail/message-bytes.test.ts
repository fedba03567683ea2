import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { messageOptions } from '../../functions/mail/compose.js';
import { createMessageBuilder } from '../../functions/mail/message-bytes.js';
import type { OutgoingMail } from '../../functions/ports.js';
import { renderMonthReports } from '../../templates/index.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { monthOf } from '../templates/support/run.js';

/** nodemailer's own stream transport: the reference the fast builder must equal byte for byte. */
const reference = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const fast = createMessageBuilder();

/** Both builders' bytes for the same options; a fixed base boundary makes the two comparable. */
async function both(options: object): Promise<[Buffer, Buffer]> {
  const data = { ...options, baseBoundary: 'test-boundary' };
  const a = (await reference.sendMail(data)) as { message: Buffer };
  const b = (await fast.sendMail(data)) as { message: Buffer };
  return [a.message, b.message];
}

const FROM = '招商台账 <ledger@zhaoshang.local>';
const asOptions = (mail: OutgoingMail) => messageOptions(mail, FROM);

/** Text that exercises the encoders: CJK, ASCII, '=', tabs and spaces before line ends, CR/LF mixes, long lines. */
const pieces = fc.constantFrom('招商', '引资', '台账', 'abc', 'Hello world', '=', '==3D', ' ', '\t', '\n', '\r\n', '\r', '.', '，', '😀', '<b>', '&amp;', 'x'.repeat(80), '中'.repeat(40), '\u0000', '\u007f', 'é');
const text = fc.array(pieces, { maxLength: 120 }).map((parts) => parts.join(''));
const mail = fc.record({
  subject: text,
  html: text,
  text,
  to: fc.array(fc.constantFrom('a@example.gov.cn', '张三 <zhang@example.gov.cn>', 'b@example.com'), { minLength: 1, maxLength: 3 }),
  attachments: fc.array(fc.record({
    filename: fc.array(fc.constantFrom('考核月报', '-2026-10', '.xlsx', '"q"', ' ', 'a'.repeat(30), '通报'), { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
    content: fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
    contentType: fc.constantFrom('application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain', 'text/csv'),
  }), { maxLength: 3 }),
});

describe('the outbox message builder', () => {
  it('when any message is built, then its bytes are exactly those of nodemailer’s stream transport', async () => {
    await fc.assert(fc.asyncProperty(mail, async (m) => {
      const [a, b] = await both(asOptions({ ...m, messageId: '<2026-10.abc@zhaoshang.local>', name: 'x', date: new Date('2026-11-01T00:00:00Z') }));
      expect(b.toString('latin1')).toBe(a.toString('latin1'));
    }), { numRuns: 300 });
  });

  it('when a text part ends in blanks after a long line, then it is wrapped as nodemailer’s encoder wraps it', async () => {
    // Found by the property above: the encoder encodes a part's final blanks after the rest.
    const text = `招商${'x'.repeat(80)}招商\té招商 `;
    const [a, b] = await both(asOptions({ subject: '', html: '', text, to: ['a@example.gov.cn'], attachments: [], messageId: '<x@zhaoshang.local>', name: 'x', date: new Date('2026-11-01T00:00:00Z') }));
    expect(b.toString('latin1')).toBe(a.toString('latin1'));
  });

  it('when the month’s real reports are built, then each message is byte for byte nodemailer’s', async () => {
    const june = monthOf(WORKED_EXAMPLE, 6);
    const reports = await renderMonthReports(june.outcome, june.now);
    for (const report of reports) {
      const [a, b] = await both(asOptions({ ...report, messageId: '<2026-06.x@zhaoshang.local>', name: report.key, date: june.now }));
      expect(b.equals(a)).toBe(true);
    }
  });

  it('when a part is a stream, then nodemailer’s own pipeline builds the message (same bytes)', async () => {
    const options = (): Record<string, unknown> => ({ from: FROM, to: 'a@example.gov.cn', subject: '流', text: '正文\n', messageId: '<s@zhaoshang.local>', date: new Date('2026-11-01T00:00:00Z'), attachments: [{ filename: 'a.txt', content: Readable.from([Buffer.from('第一行\n第二行')]) }] });
    const a = (await reference.sendMail({ ...options(), baseBoundary: 'b' })) as { message: Buffer };
    const b = (await fast.sendMail({ ...options(), baseBoundary: 'b' })) as { message: Buffer };
    expect(b.message.toString('latin1')).toBe(a.message.toString('latin1'));
  });

  it('when the answer’s envelope and Message-ID are read, then they are the stream transport’s', async () => {
    const data = { ...asOptions({ subject: '信封', html: '', text: 't', to: ['张三 <zhang@example.gov.cn>', 'b@example.com'], attachments: [], messageId: '<e@zhaoshang.local>', name: 'x', date: new Date('2026-11-01T00:00:00Z') }), bcc: 'c@example.com' };
    const a = (await reference.sendMail(data)) as { envelope: unknown; messageId: string };
    const b = (await fast.sendMail(data)) as { envelope: unknown; messageId: string };
    expect(b.envelope).toEqual(a.envelope);
    expect(b.messageId).toBe(a.messageId);
  });
});
