/**
 * The worksheet reader's shortcut for common cells (`SheetSink.element`) against its general path (every
 * cell through the scanner's events): on generated worksheets that mix the shapes the shortcut takes with
 * near misses it must leave to the general path — other attribute orders, quotes and spacing, prefixes,
 * references and \r in values, unknown types, formulas, inline strings, cells outside sheetData or inside
 * another cell's value — read whole and cut into chunks anywhere, and under limits small enough to be hit,
 * both give the same grid, width and cell count, or the same refusal. Short texts are kept once per
 * workbook (`SheetContext.texts`), up to a bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAt } from '../../support/cut-at.js';
import { LIMITS, type Limits } from '../../../sheets/xlsx/limits.js';
import { readSheetText, type SheetContext } from '../../../sheets/xlsx/sheet-reader.js';


function outcome(chunks: readonly string[], limits: Limits, date1904: boolean, general: boolean): unknown {
  const context: SheetContext = { sharedStrings: ['甲', 'b', ''], dateStyles: [false, true, false, true], date1904, limits, cellCount: { value: 0 }, texts: new Map() };
  try {
    const { grid, usedWidth } = readSheetText('表', context, (write) => chunks.forEach(write), general);
    return { grid, usedWidth, cells: context.cellCount.value };
  } catch (error) {
    return { refused: (error as Error).constructor.name, message: (error as Error).message };
  }
}

const column = fc.constantFrom('A', 'B', 'Z', 'AA', 'AF', 'b', '');
const rowDigits = fc.constantFrom('1', '2', '10', '007', '');
const style = fc.constantFrom('', '0', '1', '3', '03', '2', '1234567890', '12a', '-1', ' 1');
const type = fc.constantFrom('', 's', 'n', 'b', 'e', 'd', 'str', 'inlineStr', 'x', 'S', 'st');
const value = fc
  .array(fc.constantFrom('', '0', '1', '12', '1.5', '-3', '1e3', ' ', 'true', 'abc', '温县', '&amp;', '&#65;', '\r\n', '\n', '2026-10-31', 'T00:00:00', 'Z', '#N/A', '>'), { maxLength: 3 })
  .map((p) => p.join(''));

/** A cell in the shape the shortcut takes, or self-closing, with each part possibly absent. */
const plainCell = fc.tuple(column, rowDigits, style, type, value, fc.boolean()).map(([c, r, s, t, v, blank]) => {
  const attrs = `${c + r === '' ? '' : ` r="${c}${r}"`}${s === '' ? '' : ` s="${s}"`}${t === '' ? '' : ` t="${t}"`}`;
  return blank ? `<c${attrs}/>` : `<c${attrs}><v>${v}</v></c>`;
});

/** Cells the shortcut must leave to the general path (or that only look like its shape). */
const otherCell = fc.constantFrom(
  `<c t="str" r="A1"><v>x</v></c>`,
  `<c r='B1' s='1'><v>45000</v></c>`,
  `<c  r="C1"><v>1</v></c>`,
  `<c r="C1" ><v>1</v></c>`,
  `<c r="D1"><v>1</v ></c>`,
  `<c r="D1"><v>1</v></c >`,
  `<c r="D1"><v/></c>`,
  `<c r="D1" s="1" t="n" cm="1"><v>2</v></c>`,
  `<x:c r="E1" t="str"><x:v>前</x:v></x:c>`,
  `<c r="F1"><f>A1+1</f><v>3</v></c>`,
  `<c r="F1"><f>A1</f></c>`,
  `<c r="G1" t="inlineStr"><is><t>内</t><rPh><t>ナイ</t></rPh></is></c>`,
  `<c r="G1" t="inlineStr"><is><t><c r="H1"><v>9</v></c>x</t></is></c>`,
  `<c r="H1" t="str"><v>1<![CDATA[<2>]]></v></c>`,
  `<c r="H1"><v>1<!-- c --></v></c>`,
  `<c r="I1"><v><c r="J1" t="str"><v>in</v></c>7</v></c>`,
  `<c r="K1"><c r="L1"><v>5</v></c><v>6</v></c>`,
  `<c r="M1" t="s"><v>1</v></c>`,
  `<c r="M1" t="s"><v>9</v></c>`,
  `<c r="N1" s="1"><v>45000.5</v></c>`,
  `<c r="N1" s="3" t="d"><v>2026-10-31</v></c>`,
  `<c r="O1"><v>1</v></c><c><v>2</v></c>`,
  `<c r="P1"><v>1</v>`,
  `</c>`,
  `<c r="Q1"><v>1</c></v>`,
  `<c r="R1" t="str"><v>a<b</v></c>`,
);

const cell = fc.oneof({ weight: 3, arbitrary: plainCell }, { weight: 1, arbitrary: otherCell });
const row = fc.tuple(fc.constantFrom('', ' r="1"', ' r="2"', ' r="5"'), fc.array(cell, { maxLength: 6 })).map(([r, cells]) => `<row${r}>${cells.join('')}</row>`);
const sheet = fc
  .tuple(fc.array(row, { maxLength: 5 }), fc.constantFrom('', '<c r="A1"><v>1</v></c>', '<sheetData></sheetData>'), fc.constantFrom('', '<sheetData/>', '<c r="Z9"><v>0</v></c>'))
  .map(([rows, before, after]) => `<?xml version="1.0"?>\r\n<worksheet xmlns="m">${before}<sheetData>${rows.join('')}</sheetData>${after}</worksheet>`);
const limits = fc.constantFrom<Limits>(LIMITS, { ...LIMITS, rows: 3 }, { ...LIMITS, columns: 2 }, { ...LIMITS, cells: 7 });

describe('the worksheet reader', () => {
  it('when generated worksheets are read whole and cut anywhere, then the shortcut for common cells reads as the general path', () => {
    fc.assert(
      fc.property(sheet, fc.array(fc.nat(), { maxLength: 6 }), limits, fc.boolean(), (xml, cuts, limit, date1904) => {
        expect(outcome([xml], limit, date1904, false)).toEqual(outcome([xml], limit, date1904, true));
        // Cut the same way for both: where a chunk ends shows in the text a refusal quotes.
        const chunks = cutAt(xml, cuts);
        expect(outcome(chunks, limit, date1904, false)).toEqual(outcome(chunks, limit, date1904, true));
      }),
      { numRuns: 3000 },
    );
  });

  it('when the kept texts are full, then a new text still reads as itself, and a kept one as its equal', () => {
    const texts = new Map(Array.from({ length: 70_000 }, (_, i) => [`k${i}`, `k${i}`]));
    const context: SheetContext = { sharedStrings: [], dateStyles: [], date1904: false, limits: LIMITS, cellCount: { value: 0 }, texts };
    const xml = '<worksheet><sheetData><row><c r="A1" t="str"><v>新文本</v></c><c r="B1" t="str"><v>k7</v></c><c r="C1" t="e"><v>#N/A</v></c></row></sheetData></worksheet>';
    expect(readSheetText('表', context, (write) => write(xml)).grid).toEqual([['新文本', 'k7', { error: '#N/A' }]]);
    expect(texts.size).toBe(70_000);
  });

  it('when a ledger row is written as the store writes it, then every cell reads as the general path reads it', () => {
    const cells = '<c r="A2" t="str"><v>JZ-2026-01501</v></c><c r="B2" t="str"><v>郑州华航可降解塑料项目</v></c><c r="I2"><v>9750</v></c><c r="J2" s="1"><v>45000</v></c><c r="K2" s="2"/><c r="L2" t="b"><v>1</v></c><c r="M2" t="e"><v>#DIV/0!</v></c><c r="AF2" t="s"><v>0</v></c>';
    const xml = `<worksheet><sheetData><row r="2">${cells}</row></sheetData></worksheet>`;
    const read = outcome([xml], LIMITS, false, false);
    expect(read).toEqual(outcome([xml], LIMITS, false, true));
    const ledger = ['JZ-2026-01501', '郑州华航可降解塑料项目', null, null, null, null, null, null, 9750, new Date(Date.UTC(2023, 2, 15)), null, true, { error: '#DIV/0!' }];
    expect(read).toEqual({ usedWidth: 32, cells: 7, grid: [[], [...ledger, ...Array<null>(18).fill(null), '甲']] });
  });
});
