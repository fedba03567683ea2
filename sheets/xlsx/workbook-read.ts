/**
 * Reading a workbook package: every tab's cells, streamed part by part within the limits, plus what a
 * later patch needs (the zip's entries, where each sheet lives, the styles part).
 */
import type { Grid } from '../../functions/core/index.js';
import { checkColumnOf, type CheckPlace } from './check-column.js';
import { LIMITS, type Limits } from './limits.js';
import { readDateStyles, readPackageInfo, readSharedStrings, workbookRelPart, type PackageInfo } from './package-parts.js';
import { prefetchParts } from './part-prefetch.js';
import { readSheet, type SheetCells, type SheetContext } from './sheet-reader.js';
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
  /**
   * Per tab, where its 校验 column is or goes, found once at read: a write needs only this of the grids,
   * so the store can let the grids go once the run has them (a 100,000-row ledger's are ~90 MB).
   */
  readonly checkColumns: ReadonlyMap<string, CheckPlace>;
}

/**
 * Worksheet XML from which parts are read ahead on a worker thread (part-prefetch.ts): below it, starting
 * the worker (tens of ms) costs more than it saves.
 */
export const PREFETCH_FROM_BYTES = 4 * 1_048_576;

/**
 * Parses a package; throws LedgerError for limits, a plain Error for anything that is not a workbook.
 * `prefetchFrom` (tests) overrides PREFETCH_FROM_BYTES.
 */
export async function loadWorkbook(zip: Buffer, limits: Limits = LIMITS, prefetchFrom = PREFETCH_FROM_BYTES): Promise<LoadedWorkbook> {
  const entries = listEntries(zip, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const info = readPackageInfo(zip, byName, limits);
  const parts = info.sheets.flatMap((sheet) => {
    const entry = sheet.isWorksheet ? byName.get(sheet.part) : undefined;
    return entry ? [{ sheet, entry }] : [];
  });
  // Started before the shared strings are read, so that the worker is busy meanwhile.
  const ahead = parts.reduce((n, p) => n + p.entry.size, 0) >= prefetchFrom ? prefetchParts(zip, parts.map((p) => p.entry), limits) : undefined;
  const stylesPart = workbookRelPart(zip, byName, info.workbookPart, 'styles', limits);
  const cells = new Map<string, SheetCells>();
  try {
    const context: SheetContext = {
      sharedStrings: readSharedStrings(zip, byName, workbookRelPart(zip, byName, info.workbookPart, 'sharedStrings', limits), limits),
      dateStyles: readDateStyles(zip, byName, stylesPart, limits),
      date1904: info.date1904,
      limits,
      cellCount: { value: 0 },
      texts: new Map(),
    };
    for (const { sheet, entry } of parts) cells.set(sheet.name, readSheet(zip, entry, sheet.name, context, await ahead?.next()));
  } finally {
    await ahead?.close();
  }
  const tabs = new Map<string, Grid>();
  const usedWidths = new Map<string, number>();
  const checkColumns = new Map<string, CheckPlace>();
  for (const sheet of info.sheets) {
    const { grid, usedWidth } = cells.get(sheet.name) ?? { grid: [], usedWidth: 0 };
    const tab = isSystemTab(sheet.name) ? joinContinuations(grid) : grid;
    tabs.set(sheet.name, tab);
    usedWidths.set(sheet.name, usedWidth);
    checkColumns.set(sheet.name, checkColumnOf(tab, usedWidth));
  }
  return { zip, entries, byName, info, stylesPart, tabs, usedWidths, checkColumns };
}

/**
 * The workbook after our own write, without parsing its cells again: only the container and the small
 * structural parts are read. The 校验 places stay as they were read, which is right for what a further write
 * needs (where 校验 is: staff cells did not change, and a new 校验 column is found again at
 * the same place).
 */
export function reindexWorkbook(zip: Buffer, previous: LoadedWorkbook, limits: Limits = LIMITS): LoadedWorkbook {
  const entries = listEntries(zip, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const info = readPackageInfo(zip, byName, limits);
  return { zip, entries, byName, info, stylesPart: workbookRelPart(zip, byName, info.workbookPart, 'styles', limits), tabs: previous.tabs, usedWidths: previous.usedWidths, checkColumns: previous.checkColumns };
}
