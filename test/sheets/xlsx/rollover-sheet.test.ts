/**
 * The text patches of a rollover, on hand-written parts the way Excel, openpyxl and LibreOffice write
 * them: row arithmetic, one sheet's rows deleted with everything that names them, notes moved.
 */
import { describe, expect, it } from 'vitest';
import { rowShift, shiftFormula, shiftSheetRefs } from '../../../sheets/xlsx/row-shift.js';
import { shiftCommentRefs, shiftDrawingAnchors, shiftTableRefs, shiftVmlNotes } from '../../../sheets/xlsx/rollover-notes.js';
import { patchSheet } from '../../../sheets/xlsx/rollover-sheet.js';

describe('rowShift', () => {
  it.each([
    [[3], 'D5', 'D4'],
    [[3], 'D2', 'D2'],
    [[3], 'D3', undefined],
    [[3, 4], 'A2:H10', 'A2:H8'],
    [[2, 3], 'A2:A3', undefined],
    [[2], 'A2:A2', undefined],
    [[3], '$A$2:$B$9', '$A$2:$B$8'],
    [[3], 'A3:B9', 'A3:B8'],
    [[5], '3:7', '3:6'],
    [[3], 'A:A', 'A:A'],
    [[3], 'AZ2:AZ50', 'AZ2:AZ49'],
    [[100], 'A2:A50', 'A2:A50'],
  ])('when rows %j are deleted, then %s becomes %s', (deleted, ref, expected) => {
    expect(rowShift(deleted).ref(ref)).toBe(expected);
  });

  it.each([
    [[3], 'A3 C2:C4 E5', 'C2:C3 E4'],
    [[3], 'A3', undefined],
    [[], 'A3 B4', 'A3 B4'],
  ])('when rows %j are deleted, then sqref "%s" becomes %s', (deleted, sqref, expected) => {
    expect(rowShift(deleted).sqref(sqref)).toBe(expected);
  });

  it.each([
    ['SUM(D2:D9)+D5*LOG10(2)', 'SUM(D2:D8)+D4*LOG10(2)'],
    ['D3*2', '#REF!*2'],
    ['"D5 见"&D5', '"D5 见"&D4'],
    ['其他!D5+$D$5', '其他!D5+$D$4'],
  ])('when row 3 is deleted, then the formula %s becomes %s', (formula, expected) => {
    expect(shiftFormula(formula, rowShift([3]))).toBe(expected);
  });

  it.each([
    ["'台账-温县'!$B$2:$B$9", "'台账-温县'!$B$2:$B$8"],
    ['&apos;台账-温县&apos;!A5', '&apos;台账-温县&apos;!A4'],
    ["'台账-温县'!A3", "'台账-温县'!#REF!"],
    ["'台账-温县'!$1:$1", "'台账-温县'!$1:$1"],
    ['孟州台账!A5', '孟州台账!A5'],
    ["'台账-温县2'!A5", "'台账-温县2'!A5"],
  ])('when 台账-温县 lost row 3, then %s elsewhere becomes %s', (text, expected) => {
    expect(shiftSheetRefs(text, new Map([['台账-温县', rowShift([3])]]))).toBe(expected);
  });
});

const SHEET = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  '<dimension ref="A1:H6"/>',
  '<sheetViews><sheetView workbookViewId="0"><selection activeCell="B5" sqref="B5"/></sheetView></sheetViews>',
  '<sheetData>',
  '<row r="1" spans="1:8"><c r="A1" s="1" t="s"><v>0</v></c><c r="H1" s="1" t="s"><v>1</v></c></row>',
  '<row r="2" spans="1:8"><c r="A2" t="s"><v>2</v></c><c r="C2" s="4"><v>300</v></c><c r="D2" s="4"><v>100</v></c></row>',
  '<row r="3" spans="1:8"><c r="A3" t="s"><v>3</v></c><c r="H3" t="inlineStr"><is><t>终止</t></is></c></row>',
  '<row r="4" spans="1:8" ht="20" customHeight="1"><c r="A4" t="s"><v>4</v></c><c r="B4" s="2"><v>46000</v></c><c r="D4" s="4"><v>50</v></c></row>',
  '<row r="5"><c r="A5" t="s"><v>5</v></c></row>',
  '<row r="6"><c r="C6"><f>SUM(C2:C5)</f><v>300</v></c><c r="D6"><f>D3+D4</f><v>150</v></c></row>',
  '</sheetData>',
  '<autoFilter ref="A1:H6"/>',
  '<mergeCells count="2"><mergeCell ref="E3:F3"/><mergeCell ref="E5:F5"/></mergeCells>',
  '<conditionalFormatting sqref="C2:C6"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>1000</formula></cfRule></conditionalFormatting>',
  '<conditionalFormatting sqref="G3"><cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan"><formula>1</formula></cfRule></conditionalFormatting>',
  '<dataValidations count="3"><dataValidation type="list" sqref="H:H"><formula1>"在谈,签约,终止"</formula1></dataValidation><dataValidation type="whole" sqref="C2:C50"><formula1>0</formula1></dataValidation><dataValidation type="whole" sqref="G3"/></dataValidations>',
  '<hyperlinks><hyperlink ref="B3" r:id="rId1"/><hyperlink ref="B4" location="\'孟州台账\'!A1"/></hyperlinks>',
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
  '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list"><x14:formula1><xm:f>参数!$A$2:$A$9</xm:f></x14:formula1><xm:sqref>E2:E9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>',
  '</worksheet>',
].join('');

describe('patchSheet: row 3 deleted, row 2 carried with 上年末累计到位 set and a month cleared', () => {
  const { xml, touchedFormulas } = patchSheet(SHEET, {
    edits: new Map([[2, new Map([[1, 400], [2, null], [3, null]])]]),
    deleteRows: [3],
    date1904: false,
  });

  it('when the row is deleted, then it is gone and the rows below moved up with their cells, styles and row attributes', () => {
    expect(xml).not.toContain('<t>终止</t>');
    expect(xml).not.toContain('<row r="6"');
    expect(xml).toContain('<row r="3" spans="1:8" ht="20" customHeight="1"><c r="A3" t="s"><v>4</v></c><c r="B3" s="2"><v>46000</v></c><c r="D3" s="4"><v>50</v></c></row>');
    expect(xml).toContain('<row r="4"><c r="A4" t="s"><v>5</v></c></row>');
  });

  it('when cells are set, then the new value is inserted in column order and a cleared cell keeps its style', () => {
    expect(xml).toContain('<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>400</v></c><c r="C2" s="4"/><c r="D2" s="4"/></row>');
  });

  it('when formulas name moved rows, then they follow, a deleted cell becomes #REF!, and calcChain must go', () => {
    expect(xml).toContain('<c r="C5"><f>SUM(C2:C4)</f><v>300</v></c><c r="D5"><f>#REF!+D3</f><v>150</v></c>');
    expect(touchedFormulas).toBe(true);
  });

  it.each([
    ['dimension', '<dimension ref="A1:H5"/>'],
    ['selection', '<selection activeCell="B4" sqref="B4"/>'],
    ['autoFilter', '<autoFilter ref="A1:H5"/>'],
    ['merges (the deleted row\'s gone, the count follows)', '<mergeCells count="1"><mergeCell ref="E4:F4"/></mergeCells>'],
    ['conditional format', '<conditionalFormatting sqref="C2:C5">'],
    ['whole-column validation', '<dataValidation type="list" sqref="H:H">'],
    ['validations (count follows)', '<dataValidations count="2">'],
    ['range validation', '<dataValidation type="whole" sqref="C2:C49">'],
    ['x14 validation', '<xm:sqref>E2:E8</xm:sqref>'],
    ['hyperlinks', '<hyperlinks><hyperlink ref="B3" location="\'孟州台账\'!A1"/></hyperlinks>'],
  ])('when rows moved, then the %s follows', (_what, expected) => {
    expect(xml).toContain(expected);
  });

  it('when a format, validation or hyperlink covered only the deleted row, then it is gone', () => {
    expect(xml).not.toContain('sqref="G3"');
    expect(xml).not.toContain('r:id="rId1"');
    expect(xml).not.toContain('priority="2"');
  });

  it('when nothing is deleted or set, then the part is returned as it was', () => {
    expect(patchSheet(SHEET, { edits: new Map(), date1904: false }).xml).toBe(SHEET);
  });

  it('when a tab is replaced whole below its header, then rows from clearFrom on are gone, nothing moves, and the formulas that went drop calcChain', () => {
    const cleared = patchSheet(SHEET, { edits: new Map(), clearFrom: 3, date1904: false });
    expect(cleared.xml).not.toMatch(/<row r="[3-6]"/);
    expect(cleared.xml).toContain('<row r="2" spans="1:8"><c r="A2" t="s"><v>2</v></c>');
    expect(cleared.xml).toContain('<mergeCells count="2">');
    expect(cleared.touchedFormulas).toBe(true);
  });

  it('when a shared formula loses its master row, then the cells that shared it keep their cached values', () => {
    const shared = SHEET.replace('<c r="H3" t="inlineStr"><is><t>终止</t></is></c>', '<c r="G3"><f t="shared" ref="G3:G5" si="0">A3&amp;"x"</f><v>1</v></c>')
      .replace('<row r="5"><c r="A5" t="s"><v>5</v></c></row>', '<row r="5"><c r="A5" t="s"><v>5</v></c><c r="G5"><f t="shared" si="0"/><v>3</v></c></row>');
    expect(patchSheet(shared, { edits: new Map(), deleteRows: [3], date1904: false }).xml).toContain('<c r="G4"><v>3</v></c>');
  });
});

describe('notes of moved rows', () => {
  const shift = rowShift([3]);

  it('when row 3 is deleted, then its comment goes and the one below moves up', () => {
    const comments = '<comments><authors><author>李四</author></authors><commentList><comment ref="C3" authorId="0"><text><t>删</t></text></comment><comment ref="C4" authorId="0"><text><t>留</t></text></comment><comment ref="A1" authorId="0"><text><t>表头</t></text></comment></commentList></comments>';
    expect(shiftCommentRefs(comments, shift)).toBe('<comments><authors><author>李四</author></authors><commentList><comment ref="C3" authorId="0"><text><t>留</t></text></comment><comment ref="A1" authorId="0"><text><t>表头</t></text></comment></commentList></comments>');
  });

  it('when row 3 is deleted, then its VML shape goes and the one below moves up, anchor included', () => {
    // <x:Row> is 0-based: 2 is row 3, 3 is row 4. The anchor's 3rd and 7th numbers are its top and bottom rows.
    const shape = (row: number, top: number) => `<v:shape id="_x0000_s${row}"><x:ClientData ObjectType="Note"><x:Anchor>3, 15, ${top}, 10, 5, 15, ${top + 4}, 4</x:Anchor><x:Row>${row}</x:Row><x:Column>2</x:Column></x:ClientData></v:shape>`;
    const vml = (shapes: string) => `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">${shapes}</xml>`;
    const moved = shape(3, 2).replace('<x:Row>3<', '<x:Row>2<').replace('3, 15, 2, 10, 5, 15, 6, 4', '3, 15, 1, 10, 5, 15, 5, 4');
    expect(shiftVmlNotes(vml(shape(2, 1) + shape(3, 2) + shape(0, 0)), shift)).toBe(vml(moved + shape(0, 0)));
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [9, 8],
  ])('when row 3 is deleted, then a picture anchored at 0-based row %i is anchored at %i (never removed)', (row, expected) => {
    const drawing = (r: number) => `<xdr:wsDr><xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:pic/></xdr:twoCellAnchor></xdr:wsDr>`;
    expect(shiftDrawingAnchors(drawing(row), shift)).toBe(drawing(expected));
  });

  it('when row 3 is deleted, then a table over the ledger and its filter shrink by one row', () => {
    const table = '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="温县台账" displayName="温县台账" ref="A1:H40"><autoFilter ref="A1:H40"/><tableColumns count="1"><tableColumn id="1" name="项目编号"/></tableColumns></table>';
    expect(shiftTableRefs(table, shift)).toBe(table.replace(/A1:H40/g, 'A1:H39'));
  });
});
