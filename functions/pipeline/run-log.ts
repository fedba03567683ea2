/**
 * 运行记录: one row per run. A run is identified by its key (job + scheduled time or period); 运行ID is
 * the key and the attempt number, so a retried delivery of the same schedule is recognisable.
 */
import { RUN_LOG_TAB, appendGrid, formatShanghaiTime, readRunLog, type Cell, type Grid, type OutputGrid, type RunRecord, type StructureProblem } from '../core/index.js';
import { LedgerError } from '../errors.js';

export const RUNNING = '进行中';
export const DONE = '完成';
export const FAILED_RUN = '失败';
export const SKIPPED = '跳过';

export interface RunHandle {
  readonly runId: string;
  readonly key: string;
  readonly job: string;
  readonly start: Date;
}

/** Attempt number n of a key: earlier rows with the same key + 1. */
export function startRun(log: readonly RunRecord[], job: string, key: string, start: Date): RunHandle {
  const attempts = log.filter((r) => r.runId === key || r.runId.startsWith(`${key}#`)).length;
  return { runId: `${key}#${attempts + 1}`, key, job, start };
}

/** True when an earlier attempt of this key completed. */
export function completedBefore(log: readonly RunRecord[], key: string): RunRecord | undefined {
  return log.find((r) => (r.runId === key || r.runId.startsWith(`${key}#`)) && r.result === DONE);
}

/** 运行记录 with this run's row set (replacing its 进行中 row if written before). */
export function runLogGrid(existing: Grid | undefined, run: RunHandle, result: string, note: string, end: Date | undefined): OutputGrid {
  const row: Cell[] = [run.runId, run.job, formatShanghaiTime(run.start), end ? formatShanghaiTime(end) : null, result, note.slice(0, 2000)];
  const grid = appendGrid(existing, RUN_LOG_TAB, []);
  const at = grid.findIndex((r, i) => i > 0 && r[0] === run.runId);
  if (at > 0) grid[at] = row;
  else grid.push(row);
  return grid;
}

export { readRunLog };

/**
 * A ledger the run cannot use: record the failure in 运行记录 (the system tabs are still writable) and
 * throw the error that says which tab and column to fix (exit 2, HTTP 422).
 */
export async function failUnusable(
  session: { write(update: { systemTabs: ReadonlyMap<string, OutputGrid>; checks: ReadonlyMap<string, ReadonlyMap<number, string>> }): Promise<void> },
  runLog: Grid | undefined, run: RunHandle, structure: readonly StructureProblem[], end: Date,
  admins: { readonly adminTo: readonly string[]; readonly city: string },
): Promise<never> {
  const why = structure.map((s) => s.message).join('\n');
  const today = formatShanghaiTime(end).slice(0, 10);
  const seenToday = readRunLog(runLog).some((r) => r.result === FAILED_RUN && r.note === why.slice(0, 2000) && r.start.startsWith(today));
  await session.write({ systemTabs: new Map([[RUN_LOG_TAB.name, runLogGrid(runLog, run, FAILED_RUN, why, end)]]), checks: new Map() });
  throw new LedgerError('LEDGER_UNUSABLE', `台账无法使用：\n${why}`, { notice: { to: admins.adminTo, city: admins.city, firstToday: !seenToday } });
}
