/**
 * Who else holds the workbook. Our own runs take `.~zhaoshang.<file>.lock` with O_EXCL; Excel and WPS
 * leave `~$<file>` beside an open workbook and LibreOffice `.~lock.<file>#`. Saving over a workbook that
 * an office program holds open would be undone when the user saves there, so such a file is refused.
 */
import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
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

/**
 * A lock whose heartbeat is older than this is taken over even from another computer: the run there
 * died with its machine or lost the shared drive. A live run refreshes its heartbeat every
 * {@link HEARTBEAT_MS} by rewriting the lock file, so only a run silent for five minutes loses its lock.
 * The heartbeat is the lock file's modification time; five minutes also absorbs the usual clock skew
 * between office PCs.
 */
export const STALE_AFTER_MS = 5 * 60_000;
const HEARTBEAT_MS = 20_000;

/** Who holds a run lock, as recorded in the lock file. */
interface LockHolder {
  readonly host: string;
  readonly pid: number;
  readonly since: string;
}

/** Where the run lock is taken from (a test passes another host name to play a second computer). */
export interface LockOwner {
  readonly host: string;
  readonly pid: number;
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
 * Takes the run lock, or refuses with a message naming the holder. A lock is taken over only when it is
 * certainly dead: on this computer its process no longer exists; from another computer (or an
 * unreadable lock, perhaps being written right now) its heartbeat is older than {@link STALE_AFTER_MS}.
 */
export async function acquireRunLock(path: string, now: Date, owner: LockOwner = { host: hostname(), pid: process.pid }): Promise<() => Promise<void>> {
  const lock = runLockPath(path);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(JSON.stringify({ host: owner.host, pid: owner.pid, since: now.toISOString() }));
      await handle.close();
      const record = JSON.stringify({ host: owner.host, pid: owner.pid, since: now.toISOString() });
      const timer = setInterval(() => void writeFile(lock, record).catch(() => undefined), HEARTBEAT_MS);
      timer.unref();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await rm(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(lock);
      const beat = await stat(lock).then((s) => s.mtimeMs, () => 0);
      const silentFor = Date.now() - beat;
      const dead = holder !== undefined && holder.host === owner.host ? !alive(holder.pid) : silentFor > STALE_AFTER_MS;
      if (!dead) {
        const who = holder ? `进程 ${holder.pid}，电脑 ${holder.host}，开始于 ${holder.since}` : `进程未知，锁文件 ${basename(lock)} 正在写入`;
        throw new LedgerError('LEDGER_LOCKED', `台账文件“${basename(path)}”正在被另一次运行处理（${who}，最近心跳 ${new Date(beat).toISOString()}）：请等它结束后再运行。如果那台电脑已关机或断网，锁在最近心跳 ${STALE_AFTER_MS / 60_000} 分钟后自动失效。`);
      }
      await rm(lock, { force: true });
    }
  }
  throw new LedgerError('LEDGER_LOCKED', `无法锁定台账文件“${basename(path)}”：请删除 ${basename(lock)} 后重试。`);
}

async function readHolder(lock: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lock, 'utf8')) as { host?: unknown; pid?: unknown; since?: unknown };
    if (typeof parsed.pid !== 'number') return undefined;
    // A lock written before hosts were recorded came from this computer's runs.
    return { host: typeof parsed.host === 'string' ? parsed.host : hostname(), pid: parsed.pid, since: String(parsed.since ?? '') };
  } catch {
    return undefined;
  }
}
