/**
 * Next year's workbook: the old one loaded, the rollover plan applied in place, written to a new file.
 * The old file is only read. Behind {@link RolloverWriter}, so a writer that patches the .xlsx package
 * directly (keeping charts and everything exceljs does not model) can replace this one.
 *
 * What exceljs loses on the way (it rewrites the whole package): charts, pivot tables, slicers, images
 * anchored by drawings it does not model, form controls, custom document properties and named cell
 * styles, on every tab, the user's own included. Values, types, formulas, number formats, fonts, fills,
 * borders, widths, frozen panes, notes, data validations and sheet protection are kept.
 */
import ExcelJS from 'exceljs';
import { rowRunsFromBottom, type Cell, type RolloverPlan } from '../../functions/core/index.js';
import { LedgerError } from '../../functions/errors.js';
import type { RolloverWriter } from '../../functions/ports.js';
import { toExcel } from './cell-value.js';
import { writeNewFile } from './write-new-file.js';

/** A writer from the workbook at `from` to a new workbook at `to(plan)` (refused if it exists). */
export function workbookRolloverWriter(from: string, to: (plan: RolloverPlan) => string): RolloverWriter {
  return async (plan) => {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(from);
    } catch (cause) {
      throw new LedgerError('LEDGER_UNUSABLE', `无法读取“${from}”：请确认它是 Excel 工作簿（.xlsx）且没有损坏。`, { cause });
    }
    applyPlan(workbook, plan);
    const buffer = await workbook.xlsx.writeBuffer();
    const path = to(plan);
    await writeNewFile(path, new Uint8Array(buffer as ArrayBuffer));
    return { label: path };
  };
}

/** The plan applied to a loaded workbook: edits, then row deletions bottom-up, then whole tabs. */
export function applyPlan(workbook: ExcelJS.Workbook, plan: RolloverPlan): void {
  for (const { tab, edits, deleteRows } of plan.edits) {
    const ws = workbook.getWorksheet(tab);
    if (!ws) continue;
    // Setting .value keeps the cell's style, so a cleared month keeps its number format for January.
    for (const edit of edits) ws.getRow(edit.row).getCell(edit.column + 1).value = toExcel(edit.value);
    for (const [start, count] of rowRunsFromBottom(deleteRows)) removeRows(ws, start, count);
  }
  for (const [name, grid] of plan.replace) replaceContents(workbook, name, grid);
}

/**
 * Deletes rows, moving the ones below up. exceljs' spliceRows leaves a run that reaches the last row in
 * place (it only clears rows it moved something into), so such a run is emptied instead.
 */
function removeRows(ws: ExcelJS.Worksheet, start: number, count: number): void {
  if (start + count - 1 < ws.rowCount) ws.spliceRows(start, count);
  else clearRows(ws, start, ws.rowCount);
}

function clearRows(ws: ExcelJS.Worksheet, from: number, to: number): void {
  for (let r = from; r <= to; r++) ws.getRow(r).eachCell((cell) => { cell.value = null; });
}

/** A tab's rows replaced by the grid's, keeping the tab itself (styles, protection, place). */
function replaceContents(workbook: ExcelJS.Workbook, name: string, grid: readonly (readonly Cell[])[]): void {
  const ws = workbook.getWorksheet(name) ?? workbook.addWorksheet(name);
  clearRows(ws, 2, ws.rowCount);
  grid.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((cell, c) => {
      const target = row.getCell(c + 1);
      const value = toExcel(cell);
      // The header keeps its typed cells (and their notes); a new column's header is styled like its neighbour.
      if (r === 0 && target.value === null && c > 0) target.style = { ...row.getCell(c).style };
      if (r > 0 || target.value !== value) target.value = value;
    });
  });
}
