/**
 * The bytes of a message nodemailer has compiled, made in one synchronous pass instead of through
 * nodemailer's stream pipeline.
 *
 * Why: the outbox writes ~200 messages a month (25 MB of base64 and quoted-printable), and nodemailer
 * produces each one through a chain of object streams (one per MIME part, an encoder per part, a
 * line-ending transform over every byte) — most of the mail step's time was that machinery, not the
 * encoding. Here the same tree is walked directly: nodemailer still decides everything a reader sees
 * (headers, their encoding and folding, boundaries, each part's transfer encoding), and its encoders'
 * rules are applied to whole parts at once (base64 natively, quoted-printable by quoted-printable.ts).
 *
 * Equivalence: the output is byte for byte what nodemailer's stream transport (`newline: 'windows'`)
 * writes for the same tree; test/mail/message-bytes.test.ts compares the two on generated messages and
 * on real reports. A tree this pass does not handle (streamed, file or URL content; raw parts; DKIM)
 * is refused with `undefined`, and the caller falls back to nodemailer's own stream.
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type MimeNode from 'nodemailer/lib/mime-node';
import StreamTransport from 'nodemailer/lib/stream-transport';
import { quotedPrintable } from './quoted-printable.js';

/**
 * A nodemailer transporter that gives each message as a Buffer with CRLF line breaks: the same bytes as
 * `createTransport({ streamTransport: true, buffer: true, newline: 'windows' })`, made by `messageBytes`
 * (that transport itself makes the messages this pass refuses).
 */
export function createMessageBuilder(): Mail<StreamTransport.SentMessageInfo> {
  const fallback = new StreamTransport({ buffer: true, newline: 'windows' });
  return nodemailer.createTransport<StreamTransport.SentMessageInfo>({
    name: 'MessageBytes',
    version: '1',
    send(mail, done) {
      // As the stream transport does: a file keeps its Bcc line (it is the only record of it).
      mail.message.keepBcc = true;
      let bytes: Buffer | undefined;
      try {
        bytes = messageBytes(mail.message);
      } catch (error) {
        done(error as Error, undefined as never);
        return;
      }
      if (!bytes) {
        fallback.send(mail, done);
        return;
      }
      const message = mail.message;
      done(null, {
        // The stream transport's answer, but the envelope is made only if read: nodemailer parses every
        // address header again for it, and the outbox, which keeps only the bytes, never reads it.
        get envelope() {
          return message.getEnvelope();
        },
        messageId: message.messageId(),
        message: bytes,
      });
    },
  });
}

/** Base64 and quoted-printable lines are at most this long (nodemailer's and RFC 2045's limit). */
const LINE = 76;

/** The message's bytes, or undefined when the tree holds anything but in-memory parts. */
export function messageBytes(root: MimeNode): Buffer | undefined {
  const pieces: Buffer[] = [];
  if (!writeNode(root, pieces)) return undefined;
  const body = Buffer.concat(pieces);
  // nodemailer ends every message with a line break (its LastNewline stage).
  const last = body[body.length - 1];
  return last === 0x0a ? body : Buffer.concat([body, Buffer.from(last === 0x0d ? '\n' : '\r\n', 'latin1')]);
}

/** True when the node's shape is one this pass reproduces exactly. */
function plain(node: MimeNode): boolean {
  const internal = node as unknown as { _raw?: unknown; _transforms?: unknown[]; _processFuncs?: unknown[] };
  if (internal._raw || (internal._transforms?.length ?? 0) > 0 || (internal._processFuncs?.length ?? 0) > 0 || node.newline) return false;
  const content = node.content;
  return content === undefined || content === '' || typeof content === 'string' || Buffer.isBuffer(content);
}

function writeNode(node: MimeNode, out: Buffer[]): boolean {
  if (!plain(node)) return false;
  out.push(windowsBreaks(Buffer.from(`${node.buildHeaders()}\r\n\r\n`, 'utf8')));
  // buildHeaders has just chosen the part's transfer encoding and set it as a header (scanning a text
  // part to choose is not free: read the choice rather than make it again).
  const encoding = String(node.getHeader('Content-Transfer-Encoding') ?? '').toLowerCase().trim();
  const content = node.content as string | Buffer | undefined;
  if (content) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (encoding === 'base64') out.push(base64Lines(bytes));
    else if (encoding === 'quoted-printable') {
      // Outside text/* a lone CR or LF is data (nodemailer's `binary` QP option); our parts never need it.
      if (!/^text\//i.test(node.contentType ?? '')) return false;
      out.push(windowsBreaks(quotedPrintable(bytes)));
    } else out.push(windowsBreaks(bytes));
  }
  if (node.multipart) {
    for (const [i, child] of node.childNodes.entries()) {
      out.push(Buffer.from(`${i > 0 ? '\r\n' : ''}--${String(node.boundary)}\r\n`, 'latin1'));
      if (!writeNode(child, out)) return false;
    }
    out.push(Buffer.from(`\r\n--${String(node.boundary)}--\r\n`, 'latin1'));
  }
  return true;
}

/** Base64 in lines of 76 characters joined by CRLF, the last one without: nodemailer's base64 encoder. */
function base64Lines(bytes: Buffer): Buffer {
  const text = Buffer.from(bytes.toString('base64'), 'latin1');
  const lines = Math.ceil(text.length / LINE);
  const out = Buffer.allocUnsafe(text.length + 2 * Math.max(lines - 1, 0));
  let to = 0;
  for (let from = 0; from < text.length; from += LINE) {
    if (from > 0) {
      out[to++] = 0x0d;
      out[to++] = 0x0a;
    }
    to += text.copy(out, to, from, Math.min(from + LINE, text.length));
  }
  return out;
}

/** Every LF not already after a CR becomes CRLF: nodemailer's `newline: 'windows'`. */
function windowsBreaks(bytes: Buffer): Buffer {
  let at = bytes.indexOf(0x0a);
  if (at < 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (; at >= 0; at = bytes.indexOf(0x0a, at + 1)) {
    if (at > 0 && bytes[at - 1] === 0x0d) continue;
    parts.push(bytes.subarray(from, at), CRLF);
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

const CRLF = Buffer.from('\r\n', 'latin1');
