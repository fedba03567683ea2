/**
 * Reading packages as other programs write them, part by part: Excel's shared and rich strings, the
 * .NET SDK's prefixed elements, WPS' omitted cell references, the 1904 date system, ISO dates (t="d"),
 * cached formula results, error values; and parts the reader does not know.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../functions/core/index.js';
import { LIMITS } from '../../../sheets/xlsx/limits.js';
import { loadWorkbook } from '../../../sheets/xlsx/workbook-read.js';
import { zipParts } from './package-support.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(sheet: string, options: { date1904?: boolean; prefix?: string; sharedStrings?: string; styles?: string; extra?: Record<string, string> } = {}): Buffer {
  const p = options.prefix ? `${options.prefix}:` : '';
  const ns = options.prefix ? `xmlns:${options.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  return zipParts({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${TYPE}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<${p}workbook ${ns} xmlns:r="${R}">${options.date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets><${p}sheet name="台账-温县" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${TYPE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${TYPE}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${TYPE}/styles" Target="styles.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<${p}worksheet ${ns}><${p}sheetData>${sheet}</${p}sheetData></${p}worksheet>`,
    'xl/sharedStrings.xml': options.sharedStrings ?? `<sst xmlns="${MAIN}"><si><t>项目编号</t></si><si><r><rPr><b/></rPr><t>电池</t></r><r><t xml:space="preserve">项目 </t></r></si><si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>`,
    'xl/styles.xml': options.styles ?? `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
    'xl/pivotCache/pivotCacheDefinition1.xml': '<pivotCacheDefinition>not read, never an error</pivotCacheDefinition>',
    ...options.extra,
  });
}

/** The first tab as read; it must read the same with its parts read ahead on a worker thread. */
async function first(zip: Buffer): Promise<Grid> {
  const direct = (await loadWorkbook(zip)).tabs.get('台账-温县') ?? [];
  expect((await loadWorkbook(zip, LIMITS, 0)).tabs.get('台账-温县') ?? []).toEqual(direct);
  return direct;
}

describe('reading cell values', () => {
  it.each([
    ['a shared string', '<c r="A1" t="s"><v>0</v></c>', '项目编号'],
    ['rich text runs, joined', '<c r="A1" t="s"><v>1</v></c>', '电池项目 '],
    ['a phonetic guide, left out', '<c r="A1" t="s"><v>2</v></c>', '东京'],
    ['an inline string', '<c r="A1" t="inlineStr"><is><t>温县</t></is></c>', '温县'],
    ['an inline rich string', '<c r="A1" t="inlineStr"><is><r><t>温</t></r><r><t>县</t></r></is></c>', '温县'],
    ['a number', '<c r="A1"><v>1500.5</v></c>', 1500.5],
    ['a number in an amount format', '<c r="A1" s="3"><v>20000</v></c>', 20000],
    ['a boolean', '<c r="A1" t="b"><v>1</v></c>', true],
    ['an error value', '<c r="A1" t="e"><v>#REF!</v></c>', { error: '#REF!' }],
    ['a formula with a cached number', '<c r="A1"><f>SUM(B1:B2)</f><v>3</v></c>', 3],
    ['a formula with a cached string', '<c r="A1" t="str"><f>B1&amp;"县"</f><v>温县</v></c>', '温县'],
    ['a formula without a cached result', '<c r="A1"><f>SUM(B1:B2)</f></c>', undefined],
    ['a date in built-in format 14', '<c r="A1" s="1"><v>46063</v></c>', new Date(Date.UTC(2026, 1, 10))],
    ['a date in a custom 年月日 format', '<c r="A1" s="2"><v>46063</v></c>', new Date(Date.UTC(2026, 1, 10))],
    ['an ISO date cell (t="d")', '<c r="A1" t="d"><v>2026-02-10T00:00:00Z</v></c>', new Date(Date.UTC(2026, 1, 10))],
    ['a text with XML entities', '<c r="A1" t="inlineStr"><is><t>A&amp;B &lt;C&gt;</t></is></c>', 'A&B <C>'],
  ])('when a cell holds %s, then it reads as the value shown', async (_what, xml, expected) => {
    expect((await first(workbook(`<row r="1">${xml}</row>`)))[0]?.[0]).toEqual(expected);
  });

  it('when the workbook uses the 1904 date system, then a date serial is read 1,462 days later', async () => {
    const zip = workbook('<row r="1"><c r="A1" s="1"><v>44601</v></c></row>', { date1904: true });
    expect((await first(zip))[0]?.[0]).toEqual(new Date(Date.UTC(2026, 1, 10)));
  });

  it('when elements carry a namespace prefix (x:row, x:c), then they read as unprefixed ones', async () => {
    const zip = workbook('<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>温县</x:t></x:is></x:c></x:row>', { prefix: 'x' });
    expect(await first(zip)).toEqual([[], [null, '温县']]);
  });

  it('when rows and cells leave out their references, then they follow the previous one', async () => {
    const zip = workbook('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row>');
    expect(await first(zip)).toEqual([['a', 2], [], [], [null, null, 3, 4]]);
  });

  it('when rows hold only formatted blank cells, then they read empty and trailing ones are left out', async () => {
    const zip = workbook('<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="3"/></row><row r="2"><c r="A2" s="3"/></row><row r="3"><c r="A3"><v>2</v></c></row><row r="1048576"><c r="A1048576" s="3"/></row>');
    expect(await first(zip)).toEqual([[1], [], [2]]);
  });

  it('when a formula shows blank right of the values, then the used width still counts it', async () => {
    const zip = workbook('<row r="2"><c r="A2"><v>1</v></c><c r="D2"><f>IF(A2&gt;5,1,"")</f></c></row>');
    const wb = await loadWorkbook(zip);
    expect([wb.tabs.get('台账-温县'), wb.usedWidths.get('台账-温县')]).toEqual([[[], [1]], 4]);
  });

  it('when the package has no shared strings or styles part, then cells still read', async () => {
    const zip = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" s="5"><v>7</v></c></row>', { sharedStrings: '<sst/>', styles: '<styleSheet/>' });
    expect(await first(zip)).toEqual([['x', 7]]);
  });
});

describe('reading parts ahead on a worker thread', () => {
  it.each(['openpyxl.xlsx', 'libreoffice.xlsx'])('when %s is read with its parts read ahead, then every tab reads as when read directly', async (file) => {
    const zip = await readFile(join(import.meta.dirname, 'fixtures', file));
    const direct = await loadWorkbook(zip);
    const ahead = await loadWorkbook(zip, LIMITS, 0);
    expect([...ahead.tabs]).toEqual([...direct.tabs]);
    expect([...ahead.usedWidths]).toEqual([...direct.usedWidths]);
  });

  it('when a part is damaged, then reading ahead refuses the workbook as reading directly does', async () => {
    const zip = workbook('<row r="1"><c r="A1"><v>1</v></c></row>');
    const at = zip.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 40;
    const damaged = Buffer.concat([zip.subarray(0, at), Buffer.alloc(8, 0xff), zip.subarray(at + 8)]);
    const outcome = async (prefetchFrom?: number) => loadWorkbook(damaged, LIMITS, prefetchFrom).then(() => 'read', (error: Error) => error.constructor.name);
    expect(await outcome(0)).toBe(await outcome());
    expect(await outcome()).not.toBe('read');
  });
});
