/**
 * Creates a file that must not exist yet, atomically: the bytes go to a temporary file in the same
 * folder, are flushed to disk, and are then hard-linked to the final name, which fails if a file of
 * that name appeared meanwhile (no check-then-rename race). Where hard links are not supported (some
 * network shares), it falls back to a check and a rename.
 */
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LedgerError } from '../../functions/errors.js';

/** The error for a target that exists: nothing is ever overwritten. */
export function existsError(path: string): LedgerError {
  return new LedgerError('BAD_CONFIG', `“${path}”已经存在，不会覆盖：请用 --out 指定另一个文件名，或先把已有的文件移走（如果它是上一次结转的结果，核对后即可直接使用）。`);
}

export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function writeNewFile(path: string, data: Uint8Array): Promise<void> {
  if (await fileExists(path)) throw existsError(path);
  const temp = join(dirname(path), `.~tmp.${process.pid}.${Date.now()}.${basename(path)}`);
  try {
    const handle = await open(temp, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new LedgerError('BAD_CONFIG', `文件夹“${dirname(path)}”不存在：请先建好该文件夹，或用 --out 指定已有文件夹中的文件名。`, { cause: error });
      throw error;
    });
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw existsError(path);
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code ?? '')) throw error;
      if (await fileExists(path)) throw existsError(path);
      await rename(temp, path);
    }
    const dir = await open(dirname(path), 'r').catch(() => undefined);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  } finally {
    await rm(temp, { force: true });
  }
}
