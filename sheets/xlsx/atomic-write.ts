/**
 * Replace a file so that a crash at any moment leaves either the old file or the new one, whole: write a
 * temporary file in the same folder, flush it to disk, then rename it over the original.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicOptions {
  /** Flush to disk before the rename (default true). An outbox file can skip it: the send log is the record. */
  readonly durable?: boolean;
}

export async function writeFileAtomic(path: string, data: Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  const temp = join(dirname(path), `.~tmp.${process.pid}.${Date.now()}.${basename(path)}`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    if (!durable) return;
    const dir = await open(dirname(path), 'r').catch(() => undefined);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
