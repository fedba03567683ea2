/**
 * The send log's safety net for workbooks: every delivery is appended to `<file>.sendlog.jsonl` and
 * flushed to disk before the next message goes out, so a run killed half way knows on the next start
 * exactly which messages left. The journal is folded into 发送记录 by the next workbook write.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
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
      // A line cut short by a crash was never complete on disk: a cut intent's message was not sent
      // (it is written before sending); a cut outcome leaves its message 状态未知.
    }
  }
  return rows;
}

/**
 * Appends rows and waits until they are on disk. The pipeline writes a message's intent (`发送中`) here
 * before the message leaves, so the row must survive the process (and, with the folder synced when the
 * journal is created, the machine) dying right after.
 */
export async function appendJournal(workbookPath: string, rows: readonly Cell[][]): Promise<void> {
  if (rows.length === 0) return;
  const path = journalPath(workbookPath);
  const handle = await open(path, 'a');
  let created = false;
  try {
    created = (await handle.stat()).size === 0;
    await handle.writeFile(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await syncFolder(dirname(path));
}

async function syncFolder(folder: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows): the file's own fsync is what remains.
  const handle = await open(folder, 'r').catch(() => undefined);
  try {
    await handle?.sync();
  } catch {
    // ignored for the same reason
  } finally {
    await handle?.close();
  }
}

export async function clearJournal(workbookPath: string): Promise<void> {
  await rm(journalPath(workbookPath), { force: true });
}
