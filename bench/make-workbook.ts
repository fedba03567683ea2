/** Writes a generated city as an .xlsx with exceljs' streaming writer (the in-memory one is too slow for 100k rows). */
import ExcelJS from 'exceljs';
import { bookTabs, SYSTEM_TAB_NAMES } from '../functions/core/index.js';
import { generateCity } from '../functions/demo/generate-city.js';

export async function makeBenchWorkbook(path: string, units: number, rowsPerUnit: number, now: Date): Promise<void> {
  const tabs = bookTabs(generateCity({ now, units, rowsPerUnit }));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  for (const [name, grid] of tabs) {
    const ws = writer.addWorksheet(name);
    for (const row of grid) ws.addRow(row.map((c) => (c === undefined ? null : c))).commit();
    ws.commit();
  }
  for (const name of SYSTEM_TAB_NAMES) if (!tabs.has(name)) writer.addWorksheet(name).commit();
  await writer.commit();
}
