import { describe, expect, it } from 'vitest';
import { LEDGER_LAYOUT, type Cell } from '../../../functions/core/index.js';
import { CHECK_HEADER, checkFormula, checkLayout } from '../../../sheets/google/check-formula.js';
import { CHECK_SUMMARY_TAB, checkSummaryGrid } from '../../../sheets/google/check-summary.js';

describe('checkFormula', () => {
  it('when a tab has 项目编号, one data column and 校验, then the formula reads like this', () => {
    const layout = checkLayout("台账-温县", ['项目编号', '项目名称', '校验']);
    expect(layout).toEqual({ tab: '台账-温县', idColumn: 0, checkColumn: 2, dataColumns: [0, 1] });
    expect(checkFormula(layout!)).toBe(
      '=ARRAYFORMULA(IF(ROW(A1:A)=1,"校验",' +
        'IF(LEN(A1:A&B1:B)=0,"",' +
        'IF(LEN(TRIM(A1:A))=0,"✗ 项目编号未填写：请在本行填写项目编号（全市唯一），系统才能校验本行",' +
        `IFERROR(VLOOKUP("台账-温县|"&TRIM(A1:A),{'校验汇总'!A1:A&"|"&'校验汇总'!B1:B,'校验汇总'!C1:C},2,FALSE),"✓")))))`,
    );
  });

  it('when the ledger has its standard columns, then every column but 校验 counts as content and the header prints 校验', () => {
    // As init creates it (v2: 资金来源, 币种, 认定状态 in place), 校验 last at AI.
    const header = LEDGER_LAYOUT.map((c) => c.header);
    const layout = checkLayout('台账-温县', header)!;
    expect(layout.dataColumns).toHaveLength(header.length - 1);
    expect(layout.dataColumns).not.toContain(layout.checkColumn);
    const formula = checkFormula(layout);
    expect(formula).toContain(`"${CHECK_HEADER}"`);
    expect(formula).not.toContain(`AI1:AI&`);
    expect(formula).toContain('AH1:AH)=0');
  });

  it('when a tab name or text holds a double quote, then it is doubled inside the formula', () => {
    expect(checkFormula(checkLayout('台账-"新"区', ['项目编号', '校验'])!)).toContain('VLOOKUP("台账-""新""区|"');
  });

  it('when a header lacks 项目编号 or 校验, then there is no layout', () => {
    expect(checkLayout('t', ['项目名称', '校验'])).toBeUndefined();
    expect(checkLayout('t', ['项目编号', '项目名称'])).toBeUndefined();
  });
});

describe('checkSummaryGrid', () => {
  const grid: Cell[][] = [['项目编号', '项目名称', '校验'], ['P-1', '甲'], [' P-2 ', '乙'], [null, '丙'], ['P-1', '甲二'], [1001, '丁']];
  const tabs = new Map([['台账-温县', grid]]);

  it('when rows have problems, then each (tab, 项目编号) gets one row; clean rows and rows without 项目编号 are left out', () => {
    const checks = new Map([['台账-温县', new Map([[2, '✗ A'], [3, '⚠ B'], [4, '✗ C'], [5, '✓'], [6, '⚠ D']])]]);
    expect(checkSummaryGrid(checks, tabs)).toEqual([
      CHECK_SUMMARY_TAB.columns.map((c) => c.header),
      ['台账-温县', 'P-1', '✗ A'],
      ['台账-温县', 'P-2', '⚠ B'],
      ['台账-温县', '1001', '⚠ D'],
    ]);
  });

  it('when two rows of a tab share a 项目编号, then their texts are joined, in row order', () => {
    const checks = new Map([['台账-温县', new Map([[5, '✗ 第二行'], [2, '✗ 第一行']])]]);
    expect(checkSummaryGrid(checks, tabs).slice(1)).toEqual([['台账-温县', 'P-1', '✗ 第一行\n✗ 第二行']]);
  });

  it('when a tab has no 项目编号 column, then it contributes nothing', () => {
    const checks = new Map([['其他', new Map([[2, '✗ A']])]]);
    expect(checkSummaryGrid(checks, new Map([['其他', [['名称'], ['x']]]])).slice(1)).toEqual([]);
  });
});
