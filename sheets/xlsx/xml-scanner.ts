/**
 * A small XML tokenizer for the package parts, written for speed on worksheet XML (a 100,000-row ledger
 * is 77 MB of it): markup is found with `indexOf`, attributes are located when a tag is read but only
 * sliced and decoded when asked for, and no object is made per tag. It reports what the readers need —
 * start tags (with a close right after a self-closing one), end tags and text — with namespace prefixes
 * stripped, and skips the XML declaration, processing instructions, comments and the DOCTYPE.
 *
 * It keeps XML's meaning where a reader could see a difference: the five named entities and character
 * references are decoded (an unknown or malformed one is left as written), line ends in text are
 * normalized (\r\n and \r → \n) and whitespace in attribute values becomes spaces, as XML 1.0 §2.11 and
 * §3.3.3 require; CDATA is text taken literally. It refuses what is not a document — unclosed,
 * mismatched or stray end tags, a second root, text outside the root, a truncated tag — so a damaged part
 * still fails to read. test/sheets/xlsx/xml-scanner.test.ts holds it to saxes' event stream.
 */

/** The start tag being reported; valid only during the `open` call. */
export interface XmlTag {
  /** Name without its namespace prefix ("x:c" → "c"). */
  readonly name: string;
  readonly selfClosing: boolean;
  /** An attribute's value by its exact name ("r", "r:id"), or by local name for any prefix when `prefixed`. */
  attribute(name: string, prefixed?: boolean): string | undefined;
  /** All attributes by their written names. */
  attributes(): Record<string, string>;
}

/** What a scan reports. */
export interface XmlSink {
  open(tag: XmlTag): void;
  close(name: string): void;
  text(text: string): void;
  /**
   * A shortcut a sink may offer for an element shape it sees millions of times (a worksheet's cells): called
   * at each start tag inside the root element with the buffer and the tag's '<', it either takes the whole
   * element `s.slice(lt, end)` itself, returning `end`, or returns -1 and the scanner reads it as usual.
   * It may take only an element that it has checked is complete and well-formed and whose every event it
   * replays exactly (no prefixes, no references or \r to decode), so that nothing a reader sees changes.
   */
  element?(s: string, lt: number): number;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQUALS = 61; // =
const QUOTE = 34; // "
const APOS = 39; // '
const COLON = 58; // :

const isSpace = (code: number) => code === 32 || code === 10 || code === 9 || code === 13;

/** "x:row" → "row". */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

/** A character XML 1.0 allows (its Char production): what a character reference may stand for. */
const isXmlChar = (code: number) =>
  code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

/** Entity and character references decoded; an unknown one, or one for a character XML forbids, stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35) return NAMED[ref] ?? whole;
    const code = ref.charCodeAt(1) === 120 || ref.charCodeAt(1) === 88 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
}

/** Text as XML delivers it: line ends normalized, then references decoded. */
function textOf(raw: string): string {
  const lines = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  return lines.indexOf('&') < 0 ? lines : decodeEntities(lines);
}

/** An attribute value as XML delivers it: each whitespace character (a \r\n pair counting as one) a space, then references decoded. */
function attributeValueOf(raw: string): string {
  let plain = true;
  for (let i = 0; i < raw.length && plain; i++) {
    const code = raw.charCodeAt(i);
    plain = code !== 38 && code !== 9 && code !== 10 && code !== 13;
  }
  if (plain) return raw;
  const spaced = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return spaced.indexOf('&') < 0 ? spaced : decodeEntities(spaced);
}

/** Thrown for anything that is not a well-formed document; readers turn it into "not a workbook". */
export class XmlError extends Error {}

/**
 * A push tokenizer: `write` text in chunks of any size (a document read whole is one chunk), then `end`.
 * Tokens cut by a chunk boundary wait for the next chunk; text is reported in pieces that, joined, are the
 * element's text.
 */
export class XmlScanner implements XmlTag {
  name = '';
  selfClosing = false;
  /** Written (prefixed) names of the open elements, innermost last, and their local names. */
  private readonly stack: string[] = [];
  private readonly names: string[] = [];
  private sawRoot = false;
  /** Unconsumed input: the start of a token cut by the end of the last chunk. */
  private rest = '';
  /** Input withheld until it grows enough to be worth scanning again (see `write`). */
  private waiting: string[] = [];
  private waitingLength = 0;
  /** The current buffer and, for the tag being reported, where its attributes are. */
  private buffer = '';
  private readonly spans: number[] = [];
  private spanCount = 0;
  /** Next '&' / '\r' at or after the scan position, cached so that finding none costs one search, not one per text. */
  private nextAmp = -1;
  private nextCr = -1;

  /** Whether the sink offers `element`, looked up once rather than at every tag. */
  private readonly shortcut: boolean;

  constructor(private readonly sink: XmlSink) {
    this.shortcut = typeof sink.element === 'function';
  }

  /** Feeds more of the document. */
  write(chunk: string): void {
    if (this.rest.length > 0) {
      // A token larger than what came since is scanned again only once as much input again has come,
      // so a huge token cut into many chunks costs linear time, not quadratic.
      this.waiting.push(chunk);
      this.waitingLength += chunk.length;
      if (this.waitingLength < this.rest.length) return;
      chunk = this.rest + this.waiting.join('');
      this.waiting = [];
      this.waitingLength = 0;
    }
    this.rest = this.scan(chunk, false);
  }

  /** Ends the document: throws if it is incomplete. */
  end(): void {
    const tail = this.rest + this.waiting.join('');
    this.rest = '';
    this.waiting = [];
    this.waitingLength = 0;
    if (tail.length > 0 && this.scan(tail, true).length > 0) throw new XmlError('unexpected end of document');
    if (!this.sawRoot) throw new XmlError('no root element');
    if (this.stack.length > 0) throw new XmlError(`unclosed tag: ${this.stack[this.stack.length - 1] ?? ''}`);
  }

  attribute(name: string, prefixed = false): string | undefined {
    const { buffer, spans } = this;
    for (let i = 0; i < this.spanCount; i += 4) {
      const start = spans[i]!;
      const end = spans[i + 1]!;
      let match: boolean;
      if (!prefixed) match = end - start === name.length && (name.length === 1 ? buffer.charCodeAt(start) === name.charCodeAt(0) : buffer.startsWith(name, start));
      else {
        const colon = buffer.indexOf(':', start);
        match = colon >= 0 && colon < end && end - colon - 1 === name.length && buffer.startsWith(name, colon + 1);
      }
      if (match) return attributeValueOf(buffer.slice(spans[i + 2], spans[i + 3]));
    }
    return undefined;
  }

  attributes(): Record<string, string> {
    const out: Record<string, string> = {};
    const { buffer, spans } = this;
    for (let i = 0; i < this.spanCount; i += 4) out[buffer.slice(spans[i], spans[i + 1])] = attributeValueOf(buffer.slice(spans[i + 2], spans[i + 3]));
    return out;
  }

  /** Scans `s`; returns the unconsumed tail (a cut token), which `final` forbids for text. */
  private scan(s: string, final: boolean): string {
    this.buffer = s;
    this.nextAmp = -1;
    this.nextCr = -1;
    let i = 0;
    if (!this.sawRoot && s.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark is not text
    const length = s.length;
    while (i < length) {
      // Markup usually follows markup directly: look before searching.
      const lt = s.charCodeAt(i) === LT ? i : s.indexOf('<', i);
      if (lt !== i) {
        const end = lt < 0 ? length : lt;
        if (lt < 0 && !final) {
          // Text up to the end of the chunk; hold back a cut reference or \r\n so it is read whole.
          const amp = s.lastIndexOf('&', end - 1);
          let safe = amp >= i && s.indexOf(';', amp) < 0 ? amp : end;
          if (safe > i && s.charCodeAt(safe - 1) === 13) safe--;
          if (safe > i) this.text(s, i, safe);
          return s.slice(safe);
        }
        this.text(s, i, end);
        if (lt < 0) return '';
      }
      const next = s.charCodeAt(lt + 1);
      if (next === SLASH) {
        const after = this.endTag(s, lt);
        if (after < 0) return this.cut(s, lt, final);
        i = after;
      } else if (next === BANG || next === QUESTION) {
        const after = this.skipMarkup(s, lt);
        if (after < 0) return this.cut(s, lt, final);
        i = after;
      } else {
        const taken = this.shortcut && this.stack.length > 0 ? this.sink.element!(s, lt) : -1;
        const after = taken >= 0 ? taken : this.openTag(s, lt);
        if (after < 0) return this.cut(s, lt, final);
        i = after;
      }
    }
    return '';
  }

  /** An end tag at `lt`, which must close the innermost open element; returns where scanning resumes, -1 if cut. */
  private endTag(s: string, lt: number): number {
    const open = this.stack[this.stack.length - 1];
    if (open === undefined) throw new XmlError('end tag without a start tag');
    const nameEnd = lt + 2 + open.length;
    if (nameEnd >= s.length) return -1;
    const same = open.length === 1 ? s.charCodeAt(lt + 2) === open.charCodeAt(0) : s.startsWith(open, lt + 2);
    let gt = nameEnd;
    if (s.charCodeAt(nameEnd) !== GT) {
      gt = s.indexOf('>', nameEnd);
      if (gt < 0) return same ? -1 : this.mismatch(s, lt, s.length);
      if (!isBlank(s, nameEnd, gt)) return this.mismatch(s, lt, gt);
    }
    if (!same) return this.mismatch(s, lt, gt);
    this.stack.pop();
    this.sink.close(this.names.pop()!);
    return gt + 1;
  }

  private mismatch(s: string, lt: number, end: number): never {
    throw new XmlError(`unexpected end tag: ${s.slice(lt, Math.min(end + 1, lt + 100))}`);
  }

  /** A token cut by the end of the input: kept for the next chunk, or an error at the end. */
  private cut(s: string, at: number, final: boolean): string {
    if (final) throw new XmlError('unexpected end of document');
    return s.slice(at);
  }

  /** Reports text from `start` to `end` (inside the root; outside it only whitespace may appear). */
  private text(s: string, start: number, end: number): void {
    if (this.stack.length === 0) {
      if (!isBlank(s, start, end)) throw new XmlError('text outside the root element');
      return;
    }
    if (this.nextAmp < start && this.nextAmp !== Infinity) this.nextAmp = indexOrInfinity(s, '&', start);
    if (this.nextCr < start && this.nextCr !== Infinity) this.nextCr = indexOrInfinity(s, '\r', start);
    const raw = s.slice(start, end);
    this.sink.text(this.nextAmp < end || this.nextCr < end ? textOf(raw) : raw);
  }

  /** Comments, CDATA, the DOCTYPE, the XML declaration and processing instructions; returns where scanning resumes, -1 if cut. */
  private skipMarkup(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.stack.length === 0) throw new XmlError('CDATA outside the root element');
      const raw = s.slice(lt + 9, end);
      if (raw.length > 0) this.sink.text(raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n'));
      return end + 3;
    }
    if (s.charCodeAt(lt + 1) === QUESTION) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (s.startsWith('<!DOCTYPE', lt)) {
      if (this.sawRoot) throw new XmlError('DOCTYPE inside the document');
      // The internal subset, if any, sits in brackets and may itself hold '>' in its declarations.
      let i = lt + 9;
      let depth = 0;
      let quote = 0;
      for (; i < s.length; i++) {
        const code = s.charCodeAt(i);
        if (quote !== 0) {
          if (code === quote) quote = 0;
        } else if (code === QUOTE || code === APOS) quote = code;
        else if (code === 91) depth++;
        else if (code === 93) depth--;
        else if (code === GT && depth === 0) return i + 1;
      }
      return -1;
    }
    if (lt + 9 > s.length) return -1; // "<!" then too little to tell what it is
    throw new XmlError('malformed markup');
  }

  /** A start tag at `lt`: reports it (and its end, if self-closing); returns where scanning resumes, -1 if cut. */
  private openTag(s: string, lt: number): number {
    const length = s.length;
    let i = lt + 1;
    let colon = -1;
    for (; i < length; i++) {
      const code = s.charCodeAt(i);
      if (code > 64) continue; // letters, '_' and all beyond ASCII: the bulk of name characters, in one test
      if (code === GT || code === SLASH || isSpace(code)) break;
      if (code === COLON) colon = i;
      else if (code === LT || code === EQUALS || code === QUOTE || code === APOS) throw new XmlError('malformed start tag');
    }
    if (i >= length) return -1;
    if (i === lt + 1) throw new XmlError('malformed start tag');
    const qname = s.slice(lt + 1, i);
    const spans = this.spans;
    let count = 0;
    // Attributes: name, optional spaces, '=', optional spaces, a quoted value.
    for (;;) {
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return -1;
      const code = s.charCodeAt(i);
      if (code === GT || code === SLASH) break;
      const nameStart = i;
      while (i < length) {
        const c = s.charCodeAt(i);
        if (c <= 64 && (c === EQUALS || isSpace(c) || c === GT || c === SLASH || c === LT || c === QUOTE || c === APOS)) break;
        i++;
      }
      const nameEnd = i;
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return -1;
      if (nameEnd === nameStart || s.charCodeAt(i) !== EQUALS) throw new XmlError('malformed attribute');
      i++;
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return -1;
      const quote = s.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOS) throw new XmlError('unquoted attribute value');
      // Values are short: a loop beats a search call, and it sees a '<', which XML forbids there.
      let valueEnd = i + 1;
      for (; valueEnd < length; valueEnd++) {
        const c = s.charCodeAt(valueEnd);
        if (c === quote) break;
        if (c === LT) throw new XmlError('"<" in an attribute value');
      }
      if (valueEnd >= length) return -1;
      spans[count] = nameStart;
      spans[count + 1] = nameEnd;
      spans[count + 2] = i + 1;
      spans[count + 3] = valueEnd;
      count += 4;
      i = valueEnd + 1;
      const after = s.charCodeAt(i);
      if (i < length && !isSpace(after) && after !== GT && after !== SLASH) throw new XmlError('no space between attributes');
    }
    let selfClosing = false;
    if (s.charCodeAt(i) === SLASH) {
      if (i + 1 >= length) return -1;
      if (s.charCodeAt(i + 1) !== GT) throw new XmlError('"/" in a start tag');
      selfClosing = true;
      i++;
    }
    if (this.stack.length === 0) {
      if (this.sawRoot) throw new XmlError('a second root element');
      this.sawRoot = true;
    }
    const name = colon < 0 ? qname : s.slice(colon + 1, lt + 1 + qname.length);
    this.name = name;
    this.selfClosing = selfClosing;
    this.spanCount = count;
    this.sink.open(this);
    if (selfClosing) this.sink.close(name);
    else {
      this.stack.push(qname);
      this.names.push(name);
    }
    return i + 1;
  }
}

function isBlank(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function indexOrInfinity(s: string, needle: string, from: number): number {
  const at = s.indexOf(needle, from);
  return at < 0 ? Infinity : at;
}
