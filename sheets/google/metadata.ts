/**
 * The spreadsheet's tabs as spreadsheets.get describes them (properties only, never grid data).
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { requestOptions, type Caller } from './caller.js';
import type { Attempt } from './retry.js';

/** One tab's properties, as the store plans requests with them. */
export interface SheetInfo {
  readonly sheetId: number;
  readonly title: string;
  readonly index: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRowCount: number;
  readonly hidden: boolean;
  /** False for chart sheets and data-source sheets, which have no cells to read. */
  readonly isGrid: boolean;
}

const PROPERTY_FIELDS = 'sheetId,title,index,sheetType,hidden,gridProperties(rowCount,columnCount,frozenRowCount)';

/** SheetInfo from the API's SheetProperties. */
export function sheetInfo(p: sheets_v4.Schema$SheetProperties | undefined): SheetInfo {
  const g = p?.gridProperties;
  return {
    sheetId: p?.sheetId ?? 0,
    title: p?.title ?? '',
    index: p?.index ?? 0,
    rowCount: g?.rowCount ?? 0,
    columnCount: g?.columnCount ?? 0,
    frozenRowCount: g?.frozenRowCount ?? 0,
    hidden: p?.hidden ?? false,
    isGrid: (p?.sheetType ?? 'GRID') === 'GRID',
  };
}

/** Every tab, in tab order. One read request, with retries. */
export async function fetchSheets(caller: Caller, action: string): Promise<SheetInfo[]> {
  return caller.run(action, (attempt) => fetchSheetsOnce(caller, attempt));
}

/** Every tab, in tab order: one plain request, for use inside an attempt that is itself retried. */
export async function fetchSheetsOnce(caller: Caller, attempt: Attempt): Promise<SheetInfo[]> {
  const response = await caller.api.spreadsheets.get(
    { spreadsheetId: caller.spreadsheetId, fields: sheetFields(), includeGridData: false },
    requestOptions(attempt),
  );
  return (response.data.sheets ?? []).map((s) => sheetInfo(s.properties)).sort((a, b) => a.index - b.index);
}

/** Every tab with the parts named in `fields` (e.g. protectedRanges), in tab order. One read request. */
export async function fetchSheetResources(caller: Caller, action: string, fields: string): Promise<sheets_v4.Schema$Sheet[]> {
  const response = await caller.run(action, (attempt) =>
    caller.api.spreadsheets.get({ spreadsheetId: caller.spreadsheetId, fields, includeGridData: false }, requestOptions(attempt)),
  );
  const sheets = [...(response.data.sheets ?? [])];
  sheets.sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0));
  return sheets;
}

/** The field mask for {@link fetchSheetResources} with extra sheet parts. */
export function sheetFields(...parts: string[]): string {
  return `sheets(${[`properties(${PROPERTY_FIELDS})`, ...parts].join(',')})`;
}
