/**
 * The 校验 column of a unit tab in Google Sheets: one ARRAYFORMULA in the column's header cell, set at
 * provisioning, never rewritten by a run. Per row it shows
 *   - nothing for an empty row,
 *   - "✗ 项目编号未填写…" when the row has content but no 项目编号,
 *   - the row's 校验 text from the hidden 校验汇总 tab, looked up by this tab's name and the row's 项目编号,
 *   - ✓ when 校验汇总 has nothing for that 项目编号.
 * Its ranges start at row 1 (the header row prints "校验") and are open-ended, so rows inserted anywhere
 * below the header, or appended, are inside them. The formula uses en_US/zh_CN syntax (comma argument
 * separator, `{a,b}` array literals).
 */
import { columnLetter, normalizeHeader, type Cell } from '../../functions/core/cells.js';
import { headerIndex } from '../../functions/core/table.js';
import { CHECK_COLUMN, LEDGER_COLUMNS } from '../../functions/core/tabs.js';
import { CHECK_SUMMARY_TAB, CLEAN_CHECK, idColumnOf } from './check-summary.js';
import { quoteTitle } from './cell-values.js';

const headerOf = (key: string): string => LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? key;

/** Header text of the 校验 column. */
export const CHECK_HEADER = headerOf(CHECK_COLUMN);

/** Where the formula's inputs are in one unit tab (0-based columns). */
export interface CheckLayout {
  readonly tab: string;
  readonly idColumn: number;
  readonly checkColumn: number;
  /** Every column that holds staff data: any of them filled makes the row non-empty. */
  readonly dataColumns: readonly number[];
}

/** The layout of a unit tab from its header row, or undefined when 项目编号 or 校验 is missing. */
export function checkLayout(tab: string, header: readonly Cell[]): CheckLayout | undefined {
  const idColumn = idColumnOf(header);
  const checkColumn = headerIndex(header).get(normalizeHeader(CHECK_HEADER));
  if (idColumn === undefined || checkColumn === undefined) return undefined;
  const dataColumns = Array.from({ length: header.length }, (_, i) => i).filter((i) => i !== checkColumn);
  return { tab, idColumn, checkColumn, dataColumns };
}

const text = (value: string): string => `"${value.replace(/"/g, '""')}"`;
const column = (index: number): string => `${columnLetter(index)}1:${columnLetter(index)}`;

/** The formula for the 校验 header cell. */
export function checkFormula(layout: CheckLayout): string {
  const id = column(layout.idColumn);
  const filled = layout.dataColumns.map(column).join('&');
  const summary = quoteTitle(CHECK_SUMMARY_TAB.name);
  const lookupTable = `{${summary}!A1:A&"|"&${summary}!B1:B,${summary}!C1:C}`;
  const idHeader = headerOf('id');
  const missingId = `✗ ${idHeader}未填写：请在本行填写${idHeader}（全市唯一），系统才能校验本行`;
  return (
    `=ARRAYFORMULA(IF(ROW(${id})=1,${text(CHECK_HEADER)},` +
    `IF(LEN(${filled})=0,"",` +
    `IF(LEN(TRIM(${id}))=0,${text(missingId)},` +
    `IFERROR(VLOOKUP(${text(`${layout.tab}|`)}&TRIM(${id}),${lookupTable},2,FALSE),${text(CLEAN_CHECK)})))))`
  );
}
