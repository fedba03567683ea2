import fc from 'fast-check';
import { Encoder } from 'nodemailer/lib/qp';
import { describe, expect, it } from 'vitest';
import { quotedPrintable } from '../../functions/mail/quoted-printable.js';

/** nodemailer's quoted-printable body (its stream encoder given the part in one piece, as a message does): the reference. */
async function reference(bytes: Buffer): Promise<string> {
  const encoder = new Encoder();
  const chunks: Buffer[] = [];
  encoder.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  const ended = new Promise((resolve) => encoder.on('end', resolve));
  encoder.end(bytes);
  await ended;
  return Buffer.concat(chunks).toString('latin1');
}
const ours = (bytes: Buffer) => quotedPrintable(bytes).toString('latin1');

/** Pieces chosen for the rules: line breaks of every kind, blanks before them, punctuation, '=', multi-byte characters, long runs. */
const piece = fc.oneof(
  fc.constantFrom('\r\n', '\n', '\r', ' ', '\t', ' \r\n', '\t\n', '.', ',', '!', '?', '=', '==', 'a', 'Z', '9', 'é', '中', '招商引资', '😀', '<td style="x">', '&nbsp;'),
  fc.integer({ min: 1, max: 90 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 40 }).map((n) => '中'.repeat(n)),
  fc.integer({ min: 1, max: 30 }).map((n) => ' '.repeat(n)),
);
const text = fc.array(piece, { maxLength: 80, size: 'max' }).map((parts) => Buffer.from(parts.join(''), 'utf8'));

describe('quoted-printable bodies', () => {
  it('when any text is encoded, then the result is exactly nodemailer’s', async () => {
    await fc.assert(fc.asyncProperty(text, async (bytes) => {
      expect(ours(bytes)).toBe(await reference(bytes));
    }), { numRuns: 3000 });
  });

  it('when arbitrary bytes are encoded, then the result is exactly nodemailer’s', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600, size: 'max' }), async (raw) => {
      const bytes = Buffer.from(raw);
      expect(ours(bytes)).toBe(await reference(bytes));
    }), { numRuns: 2000 });
  });

  it('when bytes are drawn from those the rules single out, then the result is exactly nodemailer’s', async () => {
    const special = fc.constantFrom(0x0d, 0x0a, 0x20, 0x09, 0x3d, 0x2e, 0x61, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xe4, 0xf0, 0xff);
    await fc.assert(fc.asyncProperty(fc.array(special, { minLength: 40, maxLength: 400, size: 'max' }), async (raw) => {
      const bytes = Buffer.from(raw);
      expect(ours(bytes)).toBe(await reference(bytes));
    }), { numRuns: 3000 });
  });

  it.each([
    ['empty', Buffer.from('')],
    ['a line of exactly 76 characters', Buffer.from('y'.repeat(76))],
    ['one more', Buffer.from('y'.repeat(77))],
    ['a blank at the very end', Buffer.from(`${'y'.repeat(80)} `)],
    ['an escape across the 76th column', Buffer.from(`${'y'.repeat(74)}中中中`)],
    ['a long line of CJK', Buffer.from('招商引资'.repeat(100))],
    ['a run of DEL (escaped, but not UTF-8)', Buffer.alloc(200, 0x7f)],
    ['a run of 0xC0 (a lead byte)', Buffer.alloc(200, 0xc0)],
    ['a run of continuation bytes', Buffer.alloc(200, 0x80)],
    ['CJK ending in blanks', Buffer.from(`招商${'x'.repeat(80)}招商\té招商 `)],
    ['longer than one 64 KB slice', Buffer.from(`${'<td>招商引资 a=b</td>\n'.repeat(4000)}  \t`)],
  ])('when the text is %s, then the result is exactly nodemailer’s', async (_, value) => {
    const bytes = Buffer.from(value);
    expect(ours(bytes)).toBe(await reference(bytes));
  });
});
