/**
 * Quoted-printable body text exactly as nodemailer's stream encoder (nodemailer/lib/qp `Encoder`) writes
 * a part handed to it in one piece, as a message's text and HTML are — with byte loops instead of
 * regular expressions over strings.
 *
 * Why: every report's HTML goes out quoted-printable (~50 KB each, 200 a month), and nodemailer's
 * line wrapping runs several regular expressions and string copies per 76-character line, most of the
 * mail step once the stream machinery was gone. Equivalence: each rule below is nodemailer's, in its
 * order, including how its encoder cuts the input (blanks at the very end held back and encoded last,
 * 64 KB slices, each wrapped on from the previous one's unfinished line); test/mail/quoted-printable.test.ts
 * compares the two on generated text built from the characters the rules look at (line breaks, blanks,
 * punctuation, escapes, multi-byte UTF-8), and mutations of the rules make it fail.
 */

/** Bytes written as they are (RFC 2045 §6.7): tab, LF, CR, and printable ASCII but '='. */
const LITERAL = new Uint8Array(256);
for (let b = 0; b < 256; b++) LITERAL[b] = b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b <= 0x7e && b !== 0x3d) ? 1 : 0;
const HEX = Buffer.from('0123456789ABCDEF', 'latin1');
/** Hex digit values, -1 for anything else (nodemailer's patterns accept either case). */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let b = 0; b < 256; b++) {
  const c = String.fromCharCode(b);
  if (/[\da-f]/i.test(c)) HEX_VALUE[b] = parseInt(c, 16);
}

const LINE = 76;
/** nodemailer looks for a break in the last third of a line. */
const MARGIN = Math.floor(LINE / 3);
/** nodemailer's encoder encodes and wraps its input this many bytes at a time. */
const SLICE = 64 * 1024;
const CR = 0x0d;
const LF = 0x0a;
const EQUALS = 0x3d;
const isBlank = (b: number | undefined) => b === 0x20 || b === 0x09;

/** The quoted-printable text (ASCII) of `bytes`, with soft line breaks at most 76 characters apart. */
export function quotedPrintable(bytes: Uint8Array): Buffer {
  // Blanks that end the input are held back and encoded after the rest (as the encoder does with the
  // blanks that end a chunk), so the rest is wrapped as if it ended before them.
  let end = bytes.length;
  while (end > 0 && isBlank(bytes[end - 1])) end--;
  const held = bytes.length - end <= SLICE;
  const out: Buffer[] = [];
  let carry: Buffer = Buffer.alloc(0);
  const slices = (input: Uint8Array) => {
    for (let start = 0; start < input.length; start += SLICE) {
      const stop = Math.min(start + SLICE, input.length);
      const encoded = encode(input.subarray(start, stop), stop < input.length ? input[stop] : undefined);
      const wrapped = wrap(carry.length > 0 ? Buffer.concat([carry, encoded]) : encoded);
      // The last line waits: whether it needs a soft break depends on what follows.
      const lastLf = wrapped.lastIndexOf(LF);
      out.push(wrapped.subarray(0, lastLf + 1));
      carry = Buffer.from(wrapped.subarray(lastLf + 1));
    }
  };
  slices(held ? bytes.subarray(0, end) : bytes);
  if (held && end < bytes.length) slices(bytes.subarray(end));
  out.push(carry);
  return Buffer.concat(out);
}

/** nodemailer's encodeBytes(): a blank before a line break, or last with nothing after it (`next`), is escaped too. */
function encode(bytes: Uint8Array, next: number | undefined): Buffer {
  const out = Buffer.allocUnsafe(bytes.length * 3);
  let at = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (LITERAL[b]) {
      if (b !== 0x20 && b !== 0x09) {
        out[at++] = b;
        continue;
      }
      const following = i + 1 < bytes.length ? bytes[i + 1] : next;
      if (following !== undefined && following !== LF && following !== CR) {
        out[at++] = b;
        continue;
      }
    }
    out[at++] = EQUALS;
    out[at++] = HEX[b >> 4]!;
    out[at++] = HEX[b & 15]!;
  }
  return out.subarray(0, at);
}

/** The output being written, grown when soft breaks need more room than guessed. */
class Output {
  bytes: Buffer;
  at = 0;
  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }
  push(from: Buffer, start: number, end: number, softBreak: boolean): void {
    const need = this.at + (end - start) + (softBreak ? 3 : 0);
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.at);
      this.bytes = bigger;
    }
    // Lines are short: a loop is cheaper than a native copy per line.
    const bytes = this.bytes;
    let at = this.at;
    for (let i = start; i < end; i++) bytes[at++] = from[i]!;
    if (softBreak) {
      bytes[at++] = EQUALS;
      bytes[at++] = CR;
      bytes[at++] = LF;
    }
    this.at = at;
  }
}

/** nodemailer's wrap(str, 76) over the encoded bytes: the same rules in the same order. */
function wrap(text: Buffer): Buffer {
  const len = text.length;
  if (len <= LINE) return text;
  const out = new Output(len + Math.ceil(len / 24) + 16);
  const isHex = (i: number) => HEX_VALUE[text[i]!]! >= 0;
  /** text[start, end) ends with a complete escape `=XX`. */
  const endsWithEscape = (start: number, end: number) => end - start >= 3 && text[end - 3] === EQUALS && isHex(end - 2) && isHex(end - 1);
  /** text[start, end) is one to four escapes and nothing else. */
  const onlyEscapes = (start: number, end: number) => {
    const n = end - start;
    if (n < 3 || n > 12 || n % 3 !== 0) return false;
    for (let i = start; i < end; i += 3) if (text[i] !== EQUALS || !isHex(i + 1) || !isHex(i + 2)) return false;
    return true;
  };
  // Where the next CR and LF are, found natively and remembered: most bodies have few line breaks, so
  // the per-line questions about them cost a comparison instead of a scan.
  const next = (byte: number) => {
    let found = -2;
    let from = 0;
    return (at: number): number => {
      if (found === -2 || at < from || (found >= 0 && found < at)) {
        found = text.indexOf(byte, at);
        from = at;
      }
      return found;
    };
  };
  const nextCr = next(CR);
  const nextLf = next(LF);
  let pos = 0;
  while (pos < len) {
    const windowEnd = Math.min(pos + LINE, len);
    const width = windowEnd - pos;
    // A hard line break (CRLF) inside the window ends the line there.
    let crlf = -1;
    for (let c = nextCr(pos); c >= 0 && c + 1 < windowEnd; c = text.indexOf(CR, c + 1)) {
      if (text[c + 1] === LF) {
        crlf = c;
        break;
      }
    }
    if (crlf >= 0) {
      out.push(text, pos, crlf + 2, false);
      pos = crlf + 2;
      continue;
    }
    if (text[windowEnd - 1] === LF) {
      out.push(text, pos, windowEnd, false);
      pos = windowEnd;
      continue;
    }
    // A lone LF in the last third, with no CR after it: the line ends after it.
    const tailStart = Math.max(pos, windowEnd - MARGIN);
    let lastLf = nextLf(tailStart);
    if (lastLf >= 0 && lastLf < windowEnd) {
      for (let l = text.indexOf(LF, lastLf + 1); l >= 0 && l < windowEnd; l = text.indexOf(LF, l + 1)) lastLf = l;
      const cr = nextCr(lastLf + 1);
      if (cr < 0 || cr >= windowEnd) {
        out.push(text, pos, lastLf + 1, false);
        pos = lastLf + 1;
        continue;
      }
    }
    let end = windowEnd;
    let breakAt = -1;
    if (width > LINE - MARGIN) {
      for (let i = windowEnd - 1; i >= tailStart; i--) {
        const c = text[i];
        if (c === 0x20 || c === 0x09 || c === 0x2e || c === 0x2c || c === 0x21 || c === 0x3f) {
          breakAt = i;
          break;
        }
      }
    }
    if (breakAt >= 0) {
      // Break after the last blank or punctuation mark of the last third.
      end = breakAt + 1;
    } else if (text[end - 1] === EQUALS || (end - pos >= 2 && text[end - 2] === EQUALS && isHex(end - 1)) || endsWithEscape(pos, end)) {
      // An escape is never split: an incomplete one moves to the next line …
      if (text[end - 1] === EQUALS) end -= 1;
      else if (end - pos >= 2 && text[end - 2] === EQUALS && isHex(end - 1)) end -= 2;
      // … and neither is a UTF-8 character: its continuation bytes go along with their lead byte.
      while (end - pos > 3 && end - pos < len - pos && !onlyEscapes(pos, end) && endsWithEscape(pos, end)) {
        const code = HEX_VALUE[text[end - 2]!]! * 16 + HEX_VALUE[text[end - 1]!]!;
        if (code < 128) break;
        end -= 3;
        if (code >= 0xc0) break;
      }
    }
    if (end === pos) end = windowEnd;
    if (end < len && text[end - 1] !== LF) {
      if (end - pos === LINE && endsWithEscape(pos, end)) end -= 3;
      else if (end - pos === LINE) end -= 1;
      out.push(text, pos, end, true);
    } else out.push(text, pos, end, false);
    pos = end;
  }
  return out.bytes.subarray(0, out.at);
}
