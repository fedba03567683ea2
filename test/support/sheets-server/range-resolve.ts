/**
 * Resolves A1 text against a spreadsheet: picks the sheet (or named range)
 * and bounds the cells by the grid, raising Google's errors.
 */
import { parseA1, type A1Cells } from './a1.js';
import { badRequest } from './errors.js';
import { assertInGrid, findSheetByTitle, firstSheet, sheetById } from './grid.js';
import type { Box, GridRange, SheetModel, SpreadsheetModel } from './types.js';

/** An A1 range resolved to a sheet and a grid-bounded box. */
export interface ResolvedRange {
  sheet: SheetModel;
  /** Cells bounded by the grid (open ends filled with the grid size). */
  box: Box;
  /** The text named one cell, which writes treat as an anchor. */
  single: boolean;
  /** Whether the row / column end was written explicitly (vs. implied by the grid). */
  explicitEnd: { rows: boolean; cols: boolean };
}

/** The `Unable to parse range` error Google answers with. */
export function unparseable(text: string): Error {
  return badRequest(`Unable to parse range: ${text}`);
}

function fromGridRange(ss: SpreadsheetModel, range: GridRange): { sheet: SheetModel; cells: A1Cells } {
  const sheet = sheetById(ss, range.sheetId);
  const cells: A1Cells = { single: false };
  if (range.startRowIndex !== undefined) cells.startRow = range.startRowIndex;
  if (range.endRowIndex !== undefined) cells.endRow = range.endRowIndex;
  if (range.startColumnIndex !== undefined) cells.startCol = range.startColumnIndex;
  if (range.endColumnIndex !== undefined) cells.endCol = range.endColumnIndex;
  return { sheet, cells };
}

function locate(ss: SpreadsheetModel, text: string): { sheet: SheetModel; cells: A1Cells } {
  const parsed = parseA1(text);
  if (!parsed) throw unparseable(text);
  const whole: A1Cells = { single: false };
  if (parsed.sheetName === undefined) return { sheet: firstSheet(ss), cells: parsed.cells ?? whole };
  const sheet = findSheetByTitle(ss, parsed.sheetName);
  if (sheet) return { sheet, cells: parsed.cells ?? whole };
  if (!parsed.cells) {
    const named = ss.namedRanges.find((n) => n['name'] === parsed.sheetName);
    if (named) return fromGridRange(ss, (named['range'] ?? {}) as GridRange);
  }
  throw unparseable(text);
}

/**
 * Resolves A1 text. Reads (`allowBeyondGrid` false) fail with
 * `exceeds grid limits` when an explicit bound lies outside the grid;
 * writes may go beyond (the values API grows the grid).
 */
export function resolveA1(
  ss: SpreadsheetModel,
  text: string,
  options: { allowBeyondGrid?: boolean } = {},
): ResolvedRange {
  const { sheet, cells } = locate(ss, text);
  const g = sheet.properties.gridProperties;
  const box: Box = {
    startRow: cells.startRow ?? 0,
    endRow: cells.endRow ?? Math.max(g.rowCount, cells.startRow ?? 0),
    startCol: cells.startCol ?? 0,
    endCol: cells.endCol ?? Math.max(g.columnCount, cells.startCol ?? 0),
  };
  if (!options.allowBeyondGrid) assertInGrid(sheet, box);
  return {
    sheet,
    box,
    single: cells.single,
    explicitEnd: { rows: cells.endRow !== undefined, cols: cells.endCol !== undefined },
  };
}
