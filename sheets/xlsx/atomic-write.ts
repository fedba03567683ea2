/**
 * Replace a file so that a crash at any moment leaves either the old file or the new one, whole: write a
 * temporary file in the same folder, flush it to disk, then rename it over the original. On a shared
 * drive the ledger is often a symlink and group-writable: the rename goes to the symlink's target (the
 * link stays a link) and the new file gets the old one's mode and group, so colleagues can still save it.
 */
import { chown, chmod, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicOptions {
  /** Flush to disk before the rename (default true). An outbox file can skip it: the send log is the record. */
  readonly durable?: boolean;
  /** Runs after the data is on disk and just before the rename; throwing keeps the original (and the temp file is removed). */
  readonly beforeRename?: (target: string) => Promise<void>;
}

/** The file a path finally names (through symlinks), or the path itself when it does not exist yet. */
export async function resolveTarget(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

export async function writeFileAtomic(path: string, data: Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  const target = await resolveTarget(path);
  const previous = await stat(target).catch(() => undefined);
  const temp = join(dirname(target), `.~tmp.${process.pid}.${Date.now()}.${basename(target)}`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      if (previous) {
        await handle.chmod(previous.mode & 0o7777);
        // Group first (allowed to a member of the group), owner only where permitted (root, same owner).
        await chown(temp, previous.uid, previous.gid).catch(() => chown(temp, -1, previous.gid)).catch(() => undefined);
        await chmod(temp, previous.mode & 0o7777);
      }
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(target);
    await rename(temp, target);
    if (!durable) return;
    const dir = await open(dirname(target), 'r').catch(() => undefined);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
