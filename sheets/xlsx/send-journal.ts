/**
 * The send log's safety net for workbooks: every delivery is appended to `<file>.sendlog.jsonl` and
 * flushed to disk before the next message goes out, so a run killed half way knows on the next start
 * exactly which messages left. The journal is folded into 发送记录 by the next workbook write.
 */
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
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

/** A session's journal: appends through one open file, so a message costs one synchronous write. */
export interface Journal {
  /**
   * Appends rows and waits until they are on disk. The pipeline writes a message's intent (`发送中`) here
   * before the message leaves, so the row must survive the process (and, with the folder synced when the
   * journal is created, the machine) dying right after.
   */
  append(rows: readonly Cell[][]): Promise<void>;
  /** Removes the journal (its rows are in the workbook now); a later append starts a new one. */
  clear(): Promise<void>;
  /** Lets the file go. Safe to call twice; a later append opens it again. */
  close(): Promise<void>;
}

/**
 * The journal of one session (the store holds the ledger's run lock, so no one else writes it).
 *
 * Why: a run appends once per message (~200 a month), and opening, checking and closing the file each
 * time, plus an fsync apart from the write, were four thread-pool round trips per message beside the
 * one write that makes the row durable. What makes a row durable is unchanged: `append` resolves only
 * once the row is on disk, and a file found empty (just created) gets its folder synced once, as before.
 * The handle is dropped on any failure (the next append reopens) and before `clear` removes the file
 * (appends to a removed file would be lost; Windows cannot remove an open file).
 */
export function openJournal(workbookPath: string): Journal {
  const path = journalPath(workbookPath);
  let handle: FileHandle | undefined;
  let created = false;
  const drop = async () => {
    const current = handle;
    handle = undefined;
    await current?.close();
  };
  return {
    async append(rows) {
      if (rows.length === 0) return;
      try {
        if (!handle) {
          // 'as' is append with O_SYNC: a write returns once its bytes (and the file's size) are on
          // disk, what a write followed by fsync gave, in one round trip instead of two.
          handle = await open(path, 'as');
          created = (await handle.stat()).size === 0;
        }
        await handle.writeFile(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
      } catch (error) {
        await drop().catch(() => undefined);
        throw error;
      }
      if (created) {
        await syncFolder(dirname(path));
        created = false;
      }
    },
    async clear() {
      await drop();
      await rm(path, { force: true });
    },
    close: drop,
  };
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
