/** Running the core on a book for the template tests: a month's outcome, a week's outcome, xlsx read-back. */
import ExcelJS from 'exceljs';
import { WEEKLY_TAB, assessMonth, bookTabs, closeWeek, readWeeklyRecords, type BookDef, type MonthOutcome, type WeekOutcome, type WeeklyRecord } from '../../../functions/core/index.js';

/** The monthly run's clock: 06:00 in Shanghai on the 1st of the month after `month`. */
export function runTimeAfter(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1) - 2 * 3_600_000);
}

/** Assesses `month` of 2026 as the monthly run would, with the 周报记录 of the book. */
export function monthOf(book: BookDef, month: number): { outcome: MonthOutcome; now: Date; weekly: WeeklyRecord[] } {
  const now = runTimeAfter(2026, month);
  const tabs = bookTabs(book);
  return { outcome: assessMonth(tabs, { year: 2026, month }, now), now, weekly: readWeeklyRecords(tabs.get(WEEKLY_TAB.name)) };
}

/** Closes the weekly deadline of Friday 3 July 2026, 17:00, as run the day before. */
export function weekOf(book: BookDef): { outcome: WeekOutcome; now: Date } {
  const now = new Date('2026-07-02T01:00:00Z');
  return { outcome: closeWeek(bookTabs(book), new Date('2026-07-03T09:00:00Z'), now), now };
}

/** An .xlsx attachment read back with exceljs, as a person's spreadsheet program would open it. */
export async function readWorkbook(content: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of a workbook whose text equals `text`. */
export function cellsWithText(wb: ExcelJS.Workbook, text: string): ExcelJS.Cell[] {
  const found: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === text || cell.text === text) found.push(cell);
  })));
  return found;
}

/** The part of an HTML message between two section headings. */
export function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  const end = html.indexOf(to, start + from.length);
  return html.slice(start, end < 0 ? undefined : end);
}
