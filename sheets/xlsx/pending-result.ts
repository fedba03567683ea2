/**
 * A result that could not be saved because an office program opened the workbook during the run.
 * Overwriting an open workbook would be undone when that person saves, so the new package is kept
 * beside the ledger as `.~zhaoshang.<file>.pending.xlsx`, with the SHA-256 of the ledger it was computed
 * from. The next run promotes it if the ledger is still byte-identical to that source (nobody saved
 * since: nothing of theirs can be lost), and otherwise deletes it, because the ledger then holds newer
 * staff work and the run recomputes every system tab from it anyway.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

export function pendingPath(target: string): string {
  return join(dirname(target), `.~zhaoshang.${basename(target)}.pending.xlsx`);
}

const sourceNote = (target: string) => `${pendingPath(target)}.source`;

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Keeps a result that was refused at the rename. */
export async function keepPending(target: string, result: Uint8Array, source: Uint8Array): Promise<void> {
  await writeFile(pendingPath(target), result);
  await writeFile(sourceNote(target), sha256(source));
}

/**
 * Applies a pending result when the ledger is unchanged since it was computed; returns whether it did.
 * `current` is the ledger's bytes as read now.
 */
export async function promotePending(target: string, current: Uint8Array, options: { beforeRename: (target: string) => Promise<void> }): Promise<Buffer | undefined> {
  const note = await readFile(sourceNote(target), 'utf8').catch(() => undefined);
  const pending = note === undefined ? undefined : await readFile(pendingPath(target)).catch(() => undefined);
  let promoted: Buffer | undefined;
  if (pending && note?.trim() === sha256(current)) {
    await writeFileAtomic(target, pending, options);
    promoted = pending;
  }
  await rm(pendingPath(target), { force: true });
  await rm(sourceNote(target), { force: true });
  return promoted;
}
