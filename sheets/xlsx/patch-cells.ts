/**
 * Writing a few cells an admin asked for (目标任务 targets) into a workbook: under the run lock, refused
 * while an office program has the file open, only the named cells set, the file replaced atomically.
 */
import ExcelJS from 'exceljs';
import type { CellEdit } from '../../functions/core/index.js';
import { LedgerError } from '../../functions/errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { toExcel } from './cell-value.js';
import { acquireRunLock, refuseIfOpenElsewhere } from './locks.js';

export async function patchWorkbookCells(path: string, tab: string, edits: readonly CellEdit[], now: Date): Promise<void> {
  await refuseIfOpenElsewhere(path);
  const release = await acquireRunLock(path, now);
  try {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const ws = workbook.getWorksheet(tab);
    if (!ws) throw new LedgerError('LEDGER_UNUSABLE', `“${path}”中没有“${tab}”页：请先恢复该页。`);
    for (const edit of edits) {
      const cell = ws.getRow(edit.row).getCell(edit.column + 1);
      cell.value = toExcel(edit.value);
      // A new column or row takes its neighbour's look (header fill, number format).
      if (edit.column > 0 && cell.style && Object.keys(cell.style).length === 0) cell.style = { ...ws.getRow(edit.row).getCell(edit.column).style };
    }
    const buffer = await workbook.xlsx.writeBuffer();
    await writeFileAtomic(path, new Uint8Array(buffer as ArrayBuffer));
  } finally {
    await release();
  }
}
