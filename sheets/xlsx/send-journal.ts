/**
 * The send log's safety net for workbooks: every delivery is appended to `<file>.sendlog.jsonl` and
 * flushed to disk before the next message goes out, so a run killed half way knows on the next start
 * exactly which messages left. The journal is folded into 发送记录 by the next workbook write.
 */
import { appendFile, open, readFile, rm } from 'node:fs/promises';
import type { Cell } from '../../functions/core/index.js';

export function journalPath(workbookPath: string): string {
  return `${workbookPath}.sendlog.jsonl`;
}

/** Rows recorded by a run that did not finish writing them into the workbook. */
export async function readJournal(workbookPath: string): Promise<Cell[][]> {
  let text: string;
  try {
    text = await readFile(journalPath(workbookPath), 'utf8');
  } catch {
    return [];
  }
  const rows: Cell[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const row: unknown = JSON.parse(line);
      if (Array.isArray(row)) rows.push(row as Cell[]);
    } catch {
      // A line cut short by a crash: the message it describes was not confirmed, so it is resent.
    }
  }
  return rows;
}

export async function appendJournal(workbookPath: string, rows: readonly Cell[][]): Promise<void> {
  if (rows.length === 0) return;
  await appendFile(journalPath(workbookPath), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const handle = await open(journalPath(workbookPath), 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function clearJournal(workbookPath: string): Promise<void> {
  await rm(journalPath(workbookPath), { force: true });
}
