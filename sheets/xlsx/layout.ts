/**
 * How tabs look in a workbook: header style, frozen header, widths, notes, dropdowns and number formats,
 * all derived from the tab specs in functions/core/tabs.ts. Used when a workbook is created and when a
 * system tab is rewritten.
 */
import type ExcelJS from 'exceljs';
import { INVESTMENT_METHODS, STAGES, type ColumnSpec } from '../../functions/core/index.js';

type Role = 'admin' | 'ledger' | 'system';

const FILL: Record<Role, string> = { admin: 'FF1F4E79', ledger: 'FF385723', system: 'FF595959' };
const TAB_COLOR: Record<Role, string> = { admin: 'FF2E75B6', ledger: 'FF70AD47', system: 'FFA6A6A6' };
/** Rows given dropdowns and formats in a new ledger tab. */
export const FORMATTED_ROWS = 2000;

/** Styles row 1 as a header, freezes it, sets widths and header notes. */
export function styleHeader(ws: ExcelJS.Worksheet, columns: readonly Pick<ColumnSpec, 'header' | 'note' | 'width'>[], role: Role): void {
  const row = ws.getRow(1);
  columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' }, name: 'Microsoft YaHei' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[role] } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
    if (column.note) cell.note = column.note;
    ws.getColumn(i + 1).width = column.width;
  });
  row.height = 30;
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: role === 'ledger' ? 2 : 0 }];
  ws.properties.tabColor = { argb: TAB_COLOR[role] };
  // Printed (or exported to PDF) a tab fits the page width, landscape A4, header repeated on every page.
  // A ledger tab has ~38 columns: A3 (paper size 8 in OOXML; exceljs' enum lacks it), two pages wide, stays legible.
  const wide = role === 'ledger';
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', paperSize: (wide ? 8 : 9) as ExcelJS.PaperSize, fitToPage: true, fitToWidth: wide ? 2 : 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

const AMOUNT_FORMAT = '#,##0.##';
const DATE_FORMAT = 'yyyy-mm-dd';

/** Dropdowns and number formats for a unit's ledger tab, from its column kinds. */
export function formatLedgerColumns(ws: ExcelJS.Worksheet, columns: readonly ColumnSpec[], chains: readonly string[]): void {
  // exceljs supports range validations (written as one sqref) but its typings only declare per-cell ones.
  const validations = (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((column, i) => {
    const letter = ws.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${FORMATTED_ROWS}`;
    const list = (values: readonly string[], title: string) =>
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`],
        showErrorMessage: true, errorStyle: 'warning', errorTitle: title, error: `请从下拉列表中选择：${values.join('、')}`,
        showInputMessage: true, promptTitle: column.header, prompt: column.note.slice(0, 250),
      });
    switch (column.kind) {
      case 'stage': list(STAGES, '项目阶段'); break;
      case 'chain': list(chains, '产业链'); break;
      case 'method': list(INVESTMENT_METHODS, '招商方式'); break;
      case 'choice': list(column.choices ?? [], column.header); break;
      case 'amount':
        ws.getColumn(i + 1).numFmt = AMOUNT_FORMAT;
        break;
      case 'date':
        ws.getColumn(i + 1).numFmt = DATE_FORMAT;
        validations.add(range, {
          type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1))],
          showErrorMessage: true, errorStyle: 'warning', errorTitle: column.header, error: '请填写日期，如 2026-06-14',
        });
        break;
      case 'system': {
        // exceljs applies a column's style to the cells it already has: keep the header looking like a header.
        const header = ws.getRow(1).getCell(i + 1);
        const headerStyle = { font: header.font, alignment: header.alignment };
        ws.getColumn(i + 1).alignment = { vertical: 'top' };
        ws.getColumn(i + 1).font = { color: { argb: 'FF7F7F7F' }, size: 9 };
        header.font = headerStyle.font;
        header.alignment = headerStyle.alignment;
        break;
      }
      default:
        break;
    }
  });
}
