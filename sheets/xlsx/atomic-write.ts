/**
 * Replace a file so that a crash at any moment leaves either the old file or the new one, whole: write a
 * temporary file in the same folder, flush it to disk, then rename it over the original. On a shared
 * drive the ledger is often a symlink and group-writable: the rename goes to the symlink's target (the
 * link stays a link) and the new file gets the old one's mode and group, so colleagues can still save it.
 */
import { chown, chmod, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicOptions {
  /** Runs after the data is on disk and just before the rename; throwing keeps the original (and the temp file is removed). */
  readonly beforeRename?: (target: string) => Promise<void>;
}

/** The file a path finally names (through symlinks), or the path itself when it does not exist yet. */
export async function resolveTarget(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

export async function writeFileAtomic(path: string, data: Uint8Array, options: AtomicOptions = {}): Promise<void> {
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
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(target);
    await rename(temp, target);
    const dir = await open(dirname(target), 'r').catch(() => undefined);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Replace a file the program alone makes (an outbox message): a crash leaves the old file or the new
 * one, whole. Unlike writeFileAtomic nothing is flushed to disk (the send log, not the file, records what
 * was sent) and nothing of the old file is carried over: the path itself is replaced (not a symlink's
 * target) and the new file has the default mode.
 *
 * Why beside writeFileAtomic: each step is a thread-pool round trip, and a month's ~200 outbox messages
 * paid six each (resolve links, read the old mode, open, write, close, rename) where four give the same
 * all-or-nothing replacement. A ledger, which colleagues share through links and group modes, always
 * goes through writeFileAtomic.
 */
export async function replaceFile(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.~tmp.${process.pid}.${Date.now()}.${basename(path)}`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
