/**
 * The hand-written XML tokenizer against saxes (the parser it replaced, kept as a dev dependency for
 * this test): the same stream of start tags (with attributes), end tags and text on every part of the
 * fixture workbooks, on a generated 100-row ledger sheet, and on generated documents full of what XML
 * allows — prefixes, both quote styles, entities and character references, CDATA, comments, processing
 * instructions, a DOCTYPE, \r\n line ends, whitespace inside tags — fed whole and cut into chunks at
 * random places. What saxes refuses as not well-formed, the scanner refuses too.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { describe, expect, it } from 'vitest';
import { cutAt } from '../../support/cut-at.js';
import { xmlWalker } from '../../../sheets/xlsx/xml.js';
import { localName } from '../../../sheets/xlsx/xml-scanner.js';
import { unzipFile } from './package-support.js';

type Event = ['open', string, Record<string, string>, boolean] | ['close', string] | ['text', string];

/** Adjacent texts joined (a reader concatenates them; where one is cut is not part of the meaning). */
function push(events: Event[], event: Event): void {
  const last = events[events.length - 1];
  if (event[0] === 'text' && last?.[0] === 'text') last[1] += event[1];
  else events.push(event);
}

/** Depth-0 whitespace dropped: saxes reports it, the scanner does not, and no reader looks at it. */
function tidy(events: Event[]): Event[] {
  let depth = 0;
  return events.filter((e) => {
    if (e[0] === 'open') depth++;
    else if (e[0] === 'close') depth--;
    else if (depth === 0) return e[1].trim() !== '';
    return e[0] !== 'text' || e[1] !== '';
  });
}

function viaSaxes(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => push(events, ['open', localName(tag.name), { ...tag.attributes }, tag.isSelfClosing]));
  parser.on('closetag', (tag: SaxesTagPlain) => push(events, ['close', localName(tag.name)]));
  parser.on('text', (text) => push(events, ['text', text]));
  parser.on('cdata', (text) => push(events, ['text', text]));
  for (const chunk of chunks) parser.write(chunk);
  parser.close();
  return tidy(events);
}

function viaScanner(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const walker = xmlWalker({
    open: (name, attributes, selfClosing) => push(events, ['open', name, { ...attributes }, selfClosing]),
    close: (name) => push(events, ['close', name]),
    text: (text) => push(events, ['text', text]),
  });
  for (const chunk of chunks) walker.write(chunk);
  walker.close();
  return tidy(events);
}


function outcome(read: (chunks: readonly string[]) => Event[], chunks: readonly string[]): Event[] | 'refused' {
  try {
    return read(chunks);
  } catch {
    return 'refused';
  }
}

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('the XML scanner reads as saxes does', () => {
  it.each(['openpyxl.xlsx', 'libreoffice.xlsx'])('when every XML part of %s is read, whole and in 7-character chunks, then the events are the same', async (file) => {
    const parts = await unzipFile(join(FIXTURES, file));
    let compared = 0;
    for (const [name, bytes] of parts) {
      if (!/\.(xml|rels|vml)$/.test(name)) continue;
      const text = bytes.toString('utf8');
      const expected = viaSaxes([text]);
      expect(viaScanner([text]), name).toEqual(expected);
      expect(viaScanner(cutAt(text, Array.from({ length: text.length / 7 }, (_, i) => i * 7))), name).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('when a ledger sheet as the bench generates it is read in chunks, then the events are the same', () => {
    const rows = Array.from({ length: 100 }, (_, r) => `<row r="${r + 1}" spans="1:4" x14ac:dyDescent="0.25"><c r="A${r + 1}" t="str"><v>项目${r}&amp;“引号”</v></c><c r="B${r + 1}" s="2"><v>${r * 1.5}</v></c><c r="C${r + 1}" t="inlineStr"><is><r><t xml:space="preserve">温 </t></r><r><t>县</t></r><rPh sb="0" eb="1"><t>ウン</t></rPh></is></c><c r="D${r + 1}"><f>A1&amp;"x"</f></c></row>`);
    const text = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="m" xmlns:x14ac="x"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const expected = viaSaxes([text]);
    for (const size of [1, 2, 3, 64, 1000]) expect(viaScanner(cutAt(text, Array.from({ length: text.length / size }, (_, i) => i * size)))).toEqual(expected);
  });

  const name = fc.constantFrom('c', 'v', 'row', 'x:c', 'ns0:t', 'a_b', 'a-b.c', '数');
  const attrName = fc.constantFrom('r', 't', 's', 'r:id', 'xml:space', 'x14ac:dyDescent', 'Id');
  const piece = fc.constantFrom(
    'a', '温县', ' ', '\n', '\r\n', '\r', '\t', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#65;', '&#x4E2D;', '&#x1F600;', '&#10;', '&#13;', '"', "'", ' >', ']]', ']', '😀', 'x',
  );
  // "]]>" may not appear in text: the '>' piece comes after a space.
  const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  const attrValue = fc.array(fc.constantFrom('a', ' ', '\n', '\r\n', '\t', '&amp;', '&#10;', '&lt;', '温', '>'), { maxLength: 5 }).map((p) => p.join(''));
  const attributes = fc.uniqueArray(fc.tuple(attrName, attrValue, fc.constantFrom('"', "'"), fc.constantFrom('', ' ', '\n')), { selector: (a) => a[0], maxLength: 3 });
  const misc = fc.constantFrom('<!-- a comment - with a dash -->', '<!---->', '<?pi data?>', '<![CDATA[<c>&amp;\r\n]]>', '<![CDATA[]]>');

  type Node = { kind: 'element'; name: string; attributes: [string, string, string, string][]; children: Node[]; space: string } | { kind: 'text'; text: string } | { kind: 'misc'; text: string };
  const { node } = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ kind: fc.constant('text' as const), text }),
      fc.record({ kind: fc.constant('misc' as const), text: misc }),
      fc.record({ kind: fc.constant('element' as const), name, attributes, children: fc.array(tie('node'), { maxLength: 4 }), space: fc.constantFrom('', ' ', '\n') }),
    ),
  }));

  function serialize(n: Node): string {
    if (n.kind !== 'element') return n.text;
    const attrs = n.attributes.map(([k, v, q, s]) => ` ${k}${s}=${s}${q}${v.replace(q === '"' ? /"/g : /'/g, q === '"' ? '&quot;' : '&apos;')}${q}`).join('');
    if (n.children.length === 0 && n.space !== '') return `<${n.name}${attrs}${n.space}/>`;
    return `<${n.name}${attrs}${n.space}>${n.children.map(serialize).join('')}</${n.name}${n.space}>`;
  }

  const prolog = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>\r\n', '<!DOCTYPE root [<!ENTITY x "a>b">]>\n', '\n<!-- lead -->\n', '\uFEFF');
  const document = fc.tuple(prolog, name, attributes, fc.array(node, { maxLength: 5 }), fc.constantFrom('', '\n', '<!-- tail -->')).map(
    ([head, root, attrs, children, tail]) => `${head}${serialize({ kind: 'element', name: root, attributes: attrs, children, space: '' })}${tail}`,
  );

  it('when generated well-formed documents are read whole and cut anywhere, then the events are the same', () => {
    fc.assert(
      fc.property(document, fc.array(fc.nat(), { maxLength: 6 }), (doc, cuts) => {
        const expected = viaSaxes([doc.replace(/^\uFEFF/, '')]);
        expect(viaScanner([doc])).toEqual(expected);
        expect(viaScanner(cutAt(doc, cuts))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('when a generated document is truncated or has a tag dropped, then both refuse it or both read the same', () => {
    fc.assert(
      fc.property(document, fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), (doc, at, cuts) => {
        const body = doc.replace(/^\uFEFF/, '');
        const tags = [...body.matchAll(/<\/?[^!?][^>]*>/g)];
        const drop = tags[at % Math.max(1, tags.length)];
        const variants = [body.slice(0, at % (body.length + 1))];
        if (drop?.index !== undefined) variants.push(body.slice(0, drop.index) + body.slice(drop.index + drop[0].length));
        for (const variant of variants) {
          const expected = outcome(viaSaxes, [variant]);
          expect(outcome(viaScanner, [variant])).toEqual(expected);
          expect(outcome(viaScanner, cutAt(variant, cuts))).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a mismatched end tag', '<a><b></c></a>'],
    ['an end tag without a start', '<a></a></b>'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>x'],
    ['a truncated start tag', '<a><b r="1"'],
    ['a truncated document', '<a><b>text'],
    ['no root at all', '   '],
    ['an unquoted attribute', '<a r=1/>'],
    ['a "<" in an attribute value', '<a r="<"/>'],
  ])('when a document has %s, then the scanner refuses it, as saxes does', (_what, xml) => {
    expect(outcome(viaSaxes, [xml])).toBe('refused');
    expect(outcome(viaScanner, [xml])).toBe('refused');
  });

  it('when a text holds an entity saxes does not know, then the scanner keeps it as written rather than fail', () => {
    expect(viaScanner(['<a>&nbsp;&#0;</a>'])).toEqual([['open', 'a', {}, false], ['text', '&nbsp;&#0;'], ['close', 'a']]);
  });
});
