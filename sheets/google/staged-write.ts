/**
 * Writing system tabs too big for one request. Google refuses request bodies over 10 MiB ("Request
 * payload size exceeds the limit: 10485760 bytes"), and a city's 快照 alone is ~30 MB at 100,000
 * rows, so one atomic batchUpdate cannot carry everything. The content goes first into hidden staging
 * tabs, in as many requests as the budget needs; then one batchUpdate swaps it in: for each tab it
 * clears the real tab, copies the staging tab's values over it (PASTE_VALUES) and deletes the staging
 * tab. Only that last request changes what anybody sees, and it is atomic, so a run that fails half way
 * leaves the system tabs exactly as they were (and hidden staging tabs, removed by the next write).
 * The real tabs keep their sheetId, so protections and the 校验 formulas' references survive.
 * Only the tabs whose changes do not fit one request go this way; the swap request also carries the
 * other tabs' row diffs (sheets-store.ts, diff-write.ts), so it stays the one visible change.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { OutputGrid } from '../../functions/core/outputs.js';
import { LedgerError } from '../../functions/errors.js';
import { quoteTitle, rawValue } from './cell-values.js';
import type { SheetInfo } from './metadata.js';
import { ensureTab, replaceValues, type SystemTabPlan } from './system-tab-requests.js';

type Request = sheets_v4.Schema$Request;

/** Staging tabs are named with this prefix; any left over is deleted by the next write. */
export const STAGING_PREFIX = '~写入中~';

/** The staging tab of a system tab. */
export const stagingTitle = (title: string) => `${STAGING_PREFIX}${title}`;

/** Room kept in each request for the JSON around the rows. */
const ENVELOPE_BYTES = 4_096;

type Raw = string | number | boolean;

/** A row as the values API takes it with RAW input, trailing blanks dropped. */
function rawRow(row: readonly unknown[]): Raw[] {
  const values = row.map((cell) => rawValue(cell as Parameters<typeof rawValue>[0]));
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return values.slice(0, end);
}

/** Bytes of the rows of all tabs written compactly (the least any encoding needs). */
export function compactBytes(tabs: ReadonlyMap<string, OutputGrid>): number {
  let bytes = 0;
  for (const grid of tabs.values()) for (const row of grid) bytes += Buffer.byteLength(JSON.stringify(rawRow(row))) + 1;
  return bytes;
}

/** Deletes every staging tab there is (left over by a run that died). */
export function leftoverRequests(sheets: readonly SheetInfo[]): Request[] {
  return sheets.filter((s) => s.title.startsWith(STAGING_PREFIX)).map((s) => ({ deleteSheet: { sheetId: s.sheetId } }));
}

/** Step 1: remove leftovers, add one hidden staging tab per system tab, sized to its content. */
export function prepareRequests(sheets: readonly SheetInfo[], tabs: ReadonlyMap<string, OutputGrid>): SystemTabPlan {
  const requests = leftoverRequests(sheets);
  const kept = sheets.filter((s) => !s.title.startsWith(STAGING_PREFIX));
  const next = [...kept];
  let nextId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
  for (const [title, grid] of tabs) {
    const sheet: SheetInfo = {
      sheetId: nextId++, title: stagingTitle(title), index: next.length, rowCount: Math.max(grid.length, 1),
      columnCount: Math.max(1, ...grid.map((r) => r.length)), frozenRowCount: 0, hidden: true, isGrid: true,
    };
    requests.push({
      addSheet: {
        properties: { sheetId: sheet.sheetId, title: sheet.title, index: sheet.index, hidden: true, gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount } },
      },
    });
    next.push(sheet);
  }
  return { requests, sheets: next };
}

/** Step 2: the rows, as bodies of values.batchUpdate (RAW), each under `budget` bytes. */
export function chunkRequests(tabs: ReadonlyMap<string, OutputGrid>, budget: number): sheets_v4.Schema$ValueRange[][] {
  const chunks: sheets_v4.Schema$ValueRange[][] = [];
  let chunk: sheets_v4.Schema$ValueRange[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const [title, grid] of tabs) {
    const target = quoteTitle(stagingTitle(title));
    let range: { start: number; values: Raw[][] } | undefined;
    const close = () => {
      if (range && range.values.length > 0) chunk.push({ range: `${target}!A${range.start + 1}`, majorDimension: 'ROWS', values: range.values });
      range = undefined;
    };
    grid.forEach((row, r) => {
      const values = rawRow(row);
      const size = Buffer.byteLength(JSON.stringify(values)) + 1;
      if (bytes + size > budget && (chunk.length > 0 || (range?.values.length ?? 0) > 0)) {
        close();
        chunks.push(chunk);
        chunk = [];
        bytes = ENVELOPE_BYTES;
      }
      if (!range) {
        range = { start: r, values: [] };
        bytes += Buffer.byteLength(target) + 64;
      }
      range.values.push(values);
      bytes += size;
    });
    close();
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * Step 3, atomic: for each tab, clear it (creating or growing it as needed), paste the staging tab's
 * values over it, delete the staging tab. On a retry (`retrying`), staging tabs already gone mean the
 * swap was applied by the attempt that timed out: there is nothing left to do.
 */
export function finishRequests(sheets: readonly SheetInfo[], tabs: ReadonlyMap<string, OutputGrid>, hidden: ReadonlySet<string>, retrying: boolean): SystemTabPlan {
  const staged = new Map(sheets.filter((s) => s.title.startsWith(STAGING_PREFIX)).map((s) => [s.title, s]));
  const missing = [...tabs.keys()].filter((t) => !staged.has(stagingTitle(t)));
  if (missing.length === tabs.size && retrying) return { requests: [], sheets: [...sheets] };
  if (missing.length > 0) {
    throw new LedgerError('BACKEND', `写入系统页失败：暂存页“${stagingTitle(missing[0] ?? '')}”在写入过程中被删除。系统页没有改动，请重新运行。`);
  }
  // Staging tabs stay in the list while planning, so a tab created here gets an id none of them has.
  const next = [...sheets];
  const requests: Request[] = [];
  for (const [title, grid] of tabs) {
    const from = staged.get(stagingTitle(title));
    if (!from) continue;
    const height = Math.max(grid.length, 1);
    const width = Math.max(1, ...grid.map((r) => r.length));
    const to = ensureTab(next, title, height, width, hidden.has(title));
    requests.push(...to.requests, replaceValues(to.sheet.sheetId, undefined));
    requests.push({
      copyPaste: {
        source: { sheetId: from.sheetId, startRowIndex: 0, endRowIndex: height, startColumnIndex: 0, endColumnIndex: width },
        destination: { sheetId: to.sheet.sheetId, startRowIndex: 0, endRowIndex: height, startColumnIndex: 0, endColumnIndex: width },
        pasteType: 'PASTE_VALUES',
        pasteOrientation: 'NORMAL',
      },
    });
    requests.push({ deleteSheet: { sheetId: from.sheetId } });
  }
  return { requests, sheets: next.filter((s) => !s.title.startsWith(STAGING_PREFIX)) };
}
