/**
 * Per-column provisioning requests, derived from each column's kind in tabs.ts: header text and note,
 * number format, dropdown or date validation, width. Every request here *sets* a property, so running
 * them again changes nothing; none moves or rewrites a data cell.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { ColumnSpec } from '../../functions/core/tabs.js';
import { INVESTMENT_METHODS, STAGES } from '../../functions/core/vocabulary.js';

type Request = sheets_v4.Schema$Request;

/** A spec column and where it is in the tab (0-based). */
export interface PlacedColumn {
  readonly spec: ColumnSpec;
  readonly index: number;
}

/** What a column's dropdown offers, from the settings of the ledger. */
export interface Vocabulary {
  readonly chains: readonly string[];
}

const NUMBER_FORMATS: Partial<Record<ColumnSpec['kind'], sheets_v4.Schema$NumberFormat>> = {
  amount: { type: 'NUMBER', pattern: '#,##0.00' },
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
  // "2026-06" typed into a plain cell becomes the date 2026-06-01; as text it stays what was typed.
  month: { type: 'TEXT' },
};

/** Pixels per width unit of tabs.ts (a CJK character is about 13 px at the default font). */
const PX_PER_UNIT = 9;

const dataRange = (sheetId: number, index: number): sheets_v4.Schema$GridRange => ({
  sheetId, startRowIndex: 1, startColumnIndex: index, endColumnIndex: index + 1,
});

/** Header cells: text, note and bold for new headers; only the note where the header exists. */
export function headerRequests(sheetId: number, columns: readonly PlacedColumn[], isNew: (column: PlacedColumn) => boolean): Request[] {
  return columns.map((column) => {
    const fresh = isNew(column);
    const cell: sheets_v4.Schema$CellData = { note: column.spec.note };
    if (fresh) {
      cell.userEnteredValue = { stringValue: column.spec.header };
      cell.userEnteredFormat = { textFormat: { bold: true } };
    }
    return {
      updateCells: {
        start: { sheetId, rowIndex: 0, columnIndex: column.index },
        rows: [{ values: [cell] }],
        fields: fresh ? 'userEnteredValue,note,userEnteredFormat.textFormat.bold' : 'note',
      },
    };
  });
}

/** Number formats of the data rows, by kind. */
export function formatRequests(sheetId: number, columns: readonly PlacedColumn[]): Request[] {
  return columns.flatMap(({ spec, index }) => {
    const numberFormat = NUMBER_FORMATS[spec.kind];
    if (!numberFormat) return [];
    return [{ repeatCell: { range: dataRange(sheetId, index), cell: { userEnteredFormat: { numberFormat } }, fields: 'userEnteredFormat.numberFormat' } }];
  });
}

function list(values: readonly string[], note: string): sheets_v4.Schema$DataValidationRule {
  return {
    condition: { type: 'ONE_OF_LIST', values: values.map((userEnteredValue) => ({ userEnteredValue })) },
    inputMessage: note,
    strict: true,
    showCustomUi: true,
  };
}

/**
 * Validation of the data rows, by kind: dropdowns for stage, chain and method (strict: other text is
 * refused while typing); a date check that only warns, because staff may type "2026年6月14日", which
 * the core accepts and Sheets does not see as a date. Validation guards typing only; paste and API
 * writes get through, which is why the core validates every run anyway.
 */
export function validationRequests(sheetId: number, columns: readonly PlacedColumn[], vocabulary: Vocabulary): Request[] {
  return columns.flatMap(({ spec, index }) => {
    let rule: sheets_v4.Schema$DataValidationRule | undefined;
    if (spec.kind === 'stage') rule = list(STAGES, spec.note);
    else if (spec.kind === 'chain') rule = list(vocabulary.chains, spec.note);
    else if (spec.kind === 'method') rule = list(INVESTMENT_METHODS, spec.note);
    // Closed lists declared on the column (资金来源, 币种, 认定状态; 口径, 计分方式, 类型 on the admin tabs).
    else if (spec.choices) rule = { ...list(spec.choices, spec.note), strict: spec.kind === 'choice' };
    else if (spec.kind === 'date') rule = { condition: { type: 'DATE_IS_VALID' }, inputMessage: spec.note, strict: false };
    return rule ? [{ setDataValidation: { range: dataRange(sheetId, index), rule } }] : [];
  });
}

/** Column widths, for tabs created now (people resize existing ones to taste). */
export function widthRequests(sheetId: number, columns: readonly PlacedColumn[]): Request[] {
  return columns.map(({ spec, index }) => ({
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 },
      properties: { pixelSize: Math.round(spec.width * PX_PER_UNIT) },
      fields: 'pixelSize',
    },
  }));
}
