/** The frequent validation run: 校验结果, 快照/变更记录 and the 校验 column, so clerks see problems quickly. */
import { RUN_LOG_TAB, checkBook, formatShanghaiTime, type CheckOutcome, type OutputGrid } from '../core/index.js';
import type { RunDeps } from './deps.js';
import { DONE, readRunLog, runLogGrid, startRun, failUnusable } from './run-log.js';
import { withSession } from './session.js';

export interface ValidateSummary {
  readonly runId: string;
  readonly outcome: CheckOutcome;
}

export async function runValidation(deps: RunDeps, runKey?: string): Promise<ValidateSummary> {
  return withSession(deps.store, async (session) => {
    const { tabs } = await session.read();
    const now = deps.clock();
    const run = startRun(readRunLog(tabs.get(RUN_LOG_TAB.name)), '校验', runKey ?? `校验:${formatShanghaiTime(now)}`, now);
    const outcome = checkBook(tabs, now);
    if (outcome.structure.length > 0) await failUnusable(session, tabs.get(RUN_LOG_TAB.name), run, outcome.structure, deps.clock(), { adminTo: outcome.admin.settings.adminTo, city: outcome.admin.settings.city });
    const errors = outcome.findings.filter((f) => f.level === '错误').length;
    const writes = new Map<string, OutputGrid>(outcome.writes);
    writes.set(RUN_LOG_TAB.name, runLogGrid(tabs.get(RUN_LOG_TAB.name), run, DONE, `${outcome.ledger.projects.length} 行；${errors} 处错误，${outcome.findings.length - errors} 条提醒；${outcome.changes.length} 处变更`, deps.clock()));
    await session.write({ systemTabs: writes, checks: outcome.checks });
    return { runId: run.runId, outcome };
  }, { purpose: `校验${runKey ? ` ${runKey}` : ''}` });
}
