/**
 * Who else holds the workbook. Our own runs take `.~zhaoshang.<file>.lock` with O_EXCL; Excel and WPS
 * leave `~$<file>` beside an open workbook and LibreOffice `.~lock.<file>#`. Saving over a workbook that
 * an office program holds open would be undone when the user saves there, so such a file is refused.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LedgerError } from '../../functions/errors.js';

/** Lock files office programs leave beside an open workbook. */
export function officeLockFiles(path: string): string[] {
  const dir = dirname(path);
  const name = basename(path);
  return [join(dir, `~$${name}`), join(dir, `.~lock.${name}#`), join(dir, `.~${name}`), join(dir, `~$${name.slice(2)}`)];
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses a workbook that Excel, WPS or LibreOffice holds open. */
export async function refuseIfOpenElsewhere(path: string): Promise<void> {
  for (const lock of officeLockFiles(path)) {
    if (!(await exists(lock))) continue;
    throw new LedgerError('LEDGER_LOCKED', `台账文件“${basename(path)}”正被 Excel、WPS 或 LibreOffice 打开（发现锁文件 ${basename(lock)}）：请先在该程序中保存并关闭文件，再重新运行。否则那边保存时会覆盖本次结果。`);
  }
}

/** Path of our own run lock for a workbook. */
export function runLockPath(path: string): string {
  return join(dirname(path), `.~zhaoshang.${basename(path)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the run lock, or refuses with a clear message while another run holds it. A lock left by a
 * process that no longer exists (a crash) is taken over.
 */
export async function acquireRunLock(path: string, now: Date): Promise<() => Promise<void>> {
  const lock = runLockPath(path);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, since: now.toISOString() }));
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(lock);
      if (holder && alive(holder.pid)) {
        throw new LedgerError('LEDGER_LOCKED', `台账文件“${basename(path)}”正在被另一次运行处理（进程 ${holder.pid}，开始于 ${holder.since}）：请等它结束后再运行。`);
      }
      await rm(lock, { force: true });
    }
  }
  throw new LedgerError('LEDGER_LOCKED', `无法锁定台账文件“${basename(path)}”：请删除 ${basename(lock)} 后重试。`);
}

async function readHolder(lock: string): Promise<{ pid: number; since: string } | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lock, 'utf8')) as { pid?: unknown; since?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, since: String(parsed.since ?? '') } : undefined;
  } catch {
    return undefined;
  }
}
