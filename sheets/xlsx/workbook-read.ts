/**
 * Reading a workbook package: every tab's cells, streamed part by part within the limits, plus what a
 * later patch needs (the zip's entries, where each sheet lives, the styles part).
 */
import type { Grid } from '../../functions/core/index.js';
import { LIMITS, type Limits } from './limits.js';
import { readDateStyles, readPackageInfo, readSharedStrings, workbookRelPart, type PackageInfo } from './package-parts.js';
import { readSheet, type SheetContext } from './sheet-reader.js';
import { isSystemTab, joinContinuations } from './system-sheet.js';
import { listEntries, type ZipEntry } from './zip-package.js';

export interface LoadedWorkbook {
  readonly zip: Buffer;
  readonly entries: readonly ZipEntry[];
  readonly byName: ReadonlyMap<string, ZipEntry>;
  readonly info: PackageInfo;
  readonly stylesPart: string | undefined;
  /** Every tab's grid by name, in tab order. */
  readonly tabs: Map<string, Grid>;
  /** Per tab, columns up to the last cell holding anything (see `SheetCells.usedWidth`). */
  readonly usedWidths: ReadonlyMap<string, number>;
}

/** Parses a package; throws LedgerError for limits, a plain Error for anything that is not a workbook. */
export function loadWorkbook(zip: Buffer, limits: Limits = LIMITS): LoadedWorkbook {
  const entries = listEntries(zip, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const info = readPackageInfo(zip, byName, limits);
  const stylesPart = workbookRelPart(zip, byName, info.workbookPart, 'styles', limits);
  const context: SheetContext = {
    sharedStrings: readSharedStrings(zip, byName, workbookRelPart(zip, byName, info.workbookPart, 'sharedStrings', limits), limits),
    dateStyles: readDateStyles(zip, byName, stylesPart, limits),
    date1904: info.date1904,
    limits,
    cellCount: { value: 0 },
  };
  const tabs = new Map<string, Grid>();
  const usedWidths = new Map<string, number>();
  for (const sheet of info.sheets) {
    const entry = byName.get(sheet.part);
    const { grid, usedWidth } = entry && sheet.isWorksheet ? readSheet(zip, entry, sheet.name, context) : { grid: [], usedWidth: 0 };
    tabs.set(sheet.name, isSystemTab(sheet.name) ? joinContinuations(grid) : grid);
    usedWidths.set(sheet.name, usedWidth);
  }
  return { zip, entries, byName, info, stylesPart, tabs, usedWidths };
}

/**
 * The workbook after our own write, without parsing its cells again: only the container and the small
 * structural parts are read. The grids stay as they were read, which is right for what a further write
 * needs from them (where 校验 is: staff cells did not change, and a new 校验 column is found again at
 * the same place).
 */
export function reindexWorkbook(zip: Buffer, previous: LoadedWorkbook, limits: Limits = LIMITS): LoadedWorkbook {
  const entries = listEntries(zip, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const info = readPackageInfo(zip, byName, limits);
  return { zip, entries, byName, info, stylesPart: workbookRelPart(zip, byName, info.workbookPart, 'styles', limits), tabs: previous.tabs, usedWidths: previous.usedWidths };
}
