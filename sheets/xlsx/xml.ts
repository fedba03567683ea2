/**
 * The little XML the package parts need: a SAX walk (xml-scanner.ts; namespace prefixes stripped, because
 * openpyxl, Excel and the .NET SDK each spell them differently) and escaping for what we write.
 */
import { localName, XmlScanner } from './xml-scanner.js';

/** Handlers of a walk; element names arrive without their prefix. A self-closing tag is opened, then closed. */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

const ignore = (): void => undefined;

/** A SAX parser fed in chunks (`write`), finished with `close`. */
export function xmlWalker(handlers: XmlHandlers): { write(text: string): void; close(): void } {
  const { open, close = ignore, text = ignore } = handlers;
  const scanner = new XmlScanner({ open: open ? (tag) => open(tag.name, tag.attributes(), tag.selfClosing) : ignore, close, text });
  return { write: (chunk) => scanner.write(chunk), close: () => scanner.end() };
}

/** Walks a whole document. */
export function walkXml(text: string, handlers: XmlHandlers): void {
  const walker = xmlWalker(handlers);
  walker.write(text);
  walker.close();
}

/** An attribute by local name ("r:id" and "ns0:id" are both "id" when `prefixed`). */
export function attribute(attributes: Readonly<Record<string, string>>, name: string, prefixed = false): string | undefined {
  for (const [key, value] of Object.entries(attributes)) {
    if (key === name && !prefixed) return value;
    if (prefixed && key.includes(':') && localName(key) === name) return value;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_TEXT = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const NEEDS_ATTRIBUTE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * Text for an element (or, with `attribute`, an attribute value). Characters XML 1.0 cannot carry
 * (control characters other than tab and newlines, lone surrogates) are dropped: Excel refuses a file
 * that has them. Quotes stay as they are in element text: 快照's JSON is full of them.
 */
export function escapeXml(text: string, attribute = false): string {
  // Most cells need nothing: one cheap test first (a 100,000-row 快照 has half a million cells).
  if (!(attribute ? NEEDS_ATTRIBUTE : NEEDS_TEXT).test(text)) return text;
  return text.replace(attribute ? /[&<>"]/g : /[&<>]/g, (c) => ESCAPES[c] ?? c).replace(INVALID, '');
}
