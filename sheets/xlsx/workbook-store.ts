/**
 * The .xlsx ledger store: the embedded default, and the real answer for offices without Google services.
 * A run holds the file for its duration (run lock; refused while an office program has it open), streams
 * every tab's cells out of the package, and writes back by patching the package: only the system tabs'
 * parts and the 校验 cells change, every other part is copied byte for byte (charts, pivots, images,
 * comments, macros survive). The new file replaces the old one atomically, through a symlink, keeping
 * mode and group; an office lock that appears meanwhile makes the run keep its result aside instead.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SEND_LOG_TAB, type Cell, type Grid } from '../../functions/core/index.js';
import { LedgerError } from '../../functions/errors.js';
import type { LedgerContents, LedgerSession, LedgerStore, LedgerUpdate } from '../../functions/ports.js';
import { resolveTarget, writeFileAtomic } from './atomic-write.js';
import { LIMITS, type Limits } from './limits.js';
import { acquireRunLock, refuseIfOpenElsewhere, type LockOwner } from './locks.js';
import { keepPending, pendingPath, promotePending } from './pending-result.js';
import { openJournal, readJournal } from './send-journal.js';
import { loadWorkbook, reindexWorkbook, type LoadedWorkbook } from './workbook-read.js';
import { patchWorkbook } from './workbook-write.js';

export interface WorkbookStoreOptions {
  readonly path: string;
  /** For the lock file's timestamp; defaults to the system clock. */
  readonly now?: () => Date;
  /** Bounds on hostile files (tests lower them). */
  readonly limits?: Limits;
  /** Who takes the run lock (tests play a second computer). */
  readonly owner?: LockOwner;
}

export function createWorkbookStore(options: WorkbookStoreOptions): LedgerStore {
  return { open: () => openWorkbook(options) };
}

const notWorkbook = (name: string, cause: unknown) =>
  new LedgerError('LEDGER_UNUSABLE', `“${name}”不是有效的 Excel 工作簿（.xlsx）：请确认文件没有损坏；WPS 或 Excel 中“另存为”Excel 工作簿 (*.xlsx) 后再试。`, { cause });

async function openWorkbook(options: WorkbookStoreOptions): Promise<LedgerSession> {
  const { path } = options;
  const name = basename(path);
  try {
    await stat(path);
  } catch {
    throw new LedgerError('LEDGER_UNUSABLE', `找不到台账文件“${path}”：请检查路径，或用 npm run init -- --ledger ${path} 新建一个。`);
  }
  const target = await resolveTarget(path);
  // Office lock files sit beside the name the program opened: the link's and the target's folders.
  const refuseOpen = async () => {
    await refuseIfOpenElsewhere(path);
    if (target !== path) await refuseIfOpenElsewhere(target);
  };
  await refuseOpen();
  const release = await acquireRunLock(target, (options.now ?? (() => new Date()))(), options.owner);
  let wb: LoadedWorkbook;
  try {
    let bytes: Buffer = await readFile(target);
    bytes = (await promotePending(target, bytes, { beforeRename: refuseOpen })) ?? bytes;
    try {
      wb = await loadWorkbook(bytes, options.limits ?? LIMITS);
    } catch (cause) {
      throw cause instanceof LedgerError ? cause : notWorkbook(name, cause);
    }
  } catch (error) {
    await release();
    throw error;
  }
  const journal = openJournal(path);
  let journaled = 0;
  let handedOut = false;
  let closed = false;
  return {
    label: path,
    async read(): Promise<LedgerContents> {
      // A second read in one session parses what the package holds now (after any write of this session).
      const source = handedOut ? await loadWorkbook(wb.zip, options.limits ?? LIMITS) : wb;
      const tabs = new Map<string, Grid>(source.tabs);
      // The run has the grids now; the store needs only where each 校验 column goes (wb.checkColumns),
      // so it lets them go: the run can drop them after assessing, before reports and the write.
      wb = { ...wb, tabs: new Map() };
      handedOut = true;
      const pending = await readJournal(path);
      journaled = pending.length;
      if (pending.length > 0) tabs.set(SEND_LOG_TAB.name, mergeSendLog(tabs.get(SEND_LOG_TAB.name), pending));
      return { tabs };
    },
    async write(update: LedgerUpdate): Promise<void> {
      const result = await patchWorkbook(wb, update);
      try {
        await writeFileAtomic(target, result, { beforeRename: refuseOpen });
      } catch (error) {
        if (error instanceof LedgerError && error.code === 'LEDGER_LOCKED') {
          await keepPending(target, result, wb.zip);
          throw new LedgerError('LEDGER_LOCKED', `${error.message}本次结果已保存在 ${basename(pendingPath(target))}，台账未改动；关闭文件后下次运行时，如台账在此期间没有被保存过，会自动写入。`, { cause: error });
        }
        throw error;
      }
      // A further write in this session (the run log at the end) patches what is now on disk.
      wb = reindexWorkbook(result, wb, options.limits ?? LIMITS);
      if (update.systemTabs.has(SEND_LOG_TAB.name) && journaled > 0) {
        await journal.clear();
        journaled = 0;
      }
    },
    async appendSendLog(rows: readonly Cell[][]): Promise<void> {
      await journal.append(rows);
      journaled += rows.length;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await journal.close();
      } finally {
        await release();
      }
    },
  };
}

/** 发送记录 as read plus journal rows it does not have yet (same Message-ID, recipient and status). */
function mergeSendLog(existing: Grid | undefined, pending: readonly Cell[][]): Cell[][] {
  const header = SEND_LOG_TAB.columns.map((c) => c.header);
  const rows = (existing ?? [header]).map((r) => [...(r ?? [])]);
  if (rows.length === 0) rows.push(header);
  const key = (r: readonly Cell[]) => `${String(r[4] ?? '')}\u0000${String(r[2] ?? '')}\u0000${String(r[3] ?? '')}`;
  const seen = new Set(rows.slice(1).map(key));
  for (const row of pending) if (!seen.has(key(row))) rows.push([...row]);
  return rows;
}
