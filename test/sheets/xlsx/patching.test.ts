/**
 * The OOXML patching pieces on their own: where 校验 goes, how its cells are patched into a sheet's XML,
 * how styles are appended (and reused), and how text is made safe for XML.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../functions/core/index.js';
import { patchCheckColumn } from '../../../sheets/xlsx/check-column.js';
import { openStyleBook } from '../../../sheets/xlsx/styles-patch.js';
import { checkColumnOf } from '../../../sheets/xlsx/check-column.js';
import { escapeXml } from '../../../sheets/xlsx/xml.js';

describe('where the 校验 column goes', () => {
  it.each<[string, Cell[][], { column: number; isNew: boolean }]>([
    ['its header exists', [['项目编号', '校验', '备注']], { column: 1, isNew: false }],
    ['its header has stray spaces', [['项目编号', ' 校验 ']], { column: 1, isNew: false }],
    ['it is missing', [['项目编号', '项目名称'], ['P-1', '电池']], { column: 2, isNew: true }],
    ['it is missing and headerless notes sit two columns right', [['项目编号', '项目名称'], ['P-1', '电池', null, '县长交办']], { column: 4, isNew: true }],
    ['it is missing and the last column only has blanks', [['项目编号', '项目名称', ''], ['P-1', null, null, null]], { column: 2, isNew: true }],
  ])('when %s, then it is placed right', (_what, grid, expected) => {
    expect(checkColumnOf(grid)).toEqual(expected);
  });

  it('when it is missing and a formula showing blank sits further right, then it goes after the formula', () => {
    expect(checkColumnOf([['项目编号', '项目名称'], ['P-1', '电池']], 5)).toEqual({ column: 5, isNew: true });
  });
});

const SHEET = (rows: string) => `<worksheet xmlns="m"><dimension ref="A1:C3"/><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells></worksheet>`;
const patch = (xml: string, texts: [number, string][], extra: { header?: string; column?: number } = {}) =>
  patchCheckColumn(xml, { column: extra.column ?? 1, texts: new Map(texts), styleOf: () => 7, date1904: false, ...(extra.header ? { header: extra.header } : {}) });

describe('patching the 校验 cells into a sheet', () => {
  it('when a row has a cell right of 校验, then the new cell goes between, in column order', () => {
    const { xml } = patch(SHEET('<row r="2" spans="1:3"><c r="A2"><v>1</v></c><c r="C2" s="3"><v>3</v></c></row>'), [[2, '✓']]);
    expect(xml).toContain('<row r="2"><c r="A2"><v>1</v></c><c r="B2" s="7" t="inlineStr"><is><t>✓</t></is></c><c r="C2" s="3"><v>3</v></c></row>');
    expect(xml).toContain('<mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells>');
  });

  it('when a row has an old 校验 text and no new one, then the value goes and its format stays', () => {
    const { xml } = patch(SHEET('<row r="1"><c r="B1" t="s"><v>0</v></c></row><row r="3"><c r="B3" s="5" t="inlineStr"><is><t>旧</t></is></c></row>'), []);
    expect(xml).toContain('<row r="1"><c r="B1" t="s"><v>0</v></c></row><row r="3"><c r="B3" s="5"/></row>');
  });

  it('when a row has no <row> element, then one is inserted in order; a self-closing row is opened', () => {
    const { xml } = patch(SHEET('<row r="1"/><row r="4"><c r="A4"><v>4</v></c></row>'), [[1, 'h'], [3, '✓'], [6, '⚠']]);
    expect(xml).toContain('<row r="1"><c r="B1" t="inlineStr"><is><t>h</t></is></c></row><row r="3"><c r="B3" s="7" t="inlineStr"><is><t>✓</t></is></c></row><row r="4">');
    expect(xml).toContain('<row r="6"><c r="B6" s="7" t="inlineStr"><is><t>⚠</t></is></c></row></sheetData>');
    expect(xml).toContain('<dimension ref="A1:C6"/>');
  });

  it('when the 校验 cell held a formula, then the patch says calcChain must go', () => {
    expect(patch(SHEET('<row r="2"><c r="B2"><f>A2*2</f><v>2</v></c></row>'), [[2, '✓']]).removedFormula).toBe(true);
  });

  it('when elements are prefixed, then cells are found and the new one is written with the same prefix', () => {
    const { xml } = patch('<x:worksheet><x:sheetData><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2"><x:v>9</x:v></x:c></x:row></x:sheetData></x:worksheet>', [[2, '✓']]);
    expect(xml).toBe('<x:worksheet><x:sheetData><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" s="7" t="inlineStr"><x:is><x:t>✓</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>');
  });

  it('when the column is new, then the header takes the style of the header left of it and the column a width', () => {
    const { xml } = patch(SHEET('<row r="1"><c r="A1" s="4" t="s"><v>0</v></c></row>'), [[2, '✓']], { header: '校验' });
    expect(xml).toContain('<c r="B1" s="4" t="inlineStr"><is><t>校验</t></is></c>');
    expect(xml).toContain('<cols><col min="2" max="2" width="40.7" customWidth="1"/></cols><sheetData>');
  });
});

const STYLES = '<styleSheet xmlns="m"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

describe('appending styles', () => {
  it('when a style is asked for, then it is appended after the existing ones, which keep their indexes', () => {
    const book = openStyleBook(STYLES);
    expect(book.style({ fill: 'FFFBE0DE', numFmt: '0.0%' })).toBe(1);
    const text = book.result() ?? '';
    expect(text).toContain('<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="2"');
    expect(text).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts');
  });

  it('when the styles part already has the style from an earlier run, then it is reused and the part is unchanged', () => {
    const first = openStyleBook(STYLES);
    const index = first.style({ bold: true, color: 'FF1F2937', fill: 'FFDCE3EC', center: true, wrap: true });
    const again = openStyleBook(first.result());
    expect(again.style({ bold: true, color: 'FF1F2937', fill: 'FFDCE3EC', center: true, wrap: true })).toBe(index);
    expect(again.result()).toBeUndefined();
  });

  it('when a built-in number format fits, then no custom one is added', () => {
    const book = openStyleBook(STYLES);
    book.style({ numFmt: '#,##0.00' });
    expect(book.result()).toContain('<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>');
    expect(book.result()).not.toContain('numFmts');
  });
});

describe('text made safe for XML', () => {
  it.each([
    ['a&b', 'a&amp;b'], ['<x>', '&lt;x&gt;'], ['{"k":"v"}', '{"k":"v"}'], ['温县 ✓', '温县 ✓'], ['a\u0001b\u001fc', 'abc'],
    ['😀', '😀'], ['\ud800x', 'x'], ['tab\tline\n', 'tab\tline\n'],
  ])('when %j is written as element text, then it becomes %j', (text, expected) => {
    expect(escapeXml(text)).toBe(expected);
  });

  it('when a value goes into an attribute, then quotes are escaped too', () => {
    expect(escapeXml('a"b&c', true)).toBe('a&quot;b&amp;c');
  });
});
