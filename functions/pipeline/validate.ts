/**
 * The frequent validation run: 校验结果, 快照/变更记录 and the 校验 column, so clerks see problems quickly;
 * and, with 通报审核 = 是, the sending of reports an admin approved in 审核 since the last run.
 */
import {
  CHECK_RESULTS_TAB, RUN_LOG_TAB, SEND_LOG_TAB, checkBook, checkResultsGrid, formatShanghaiTime, robotRoutes, type CheckOutcome, type OutputGrid,
} from '../core/index.js';
import type { LedgerError } from '../errors.js';
import { sendApproved, type ApprovedSends } from './approved.js';
import type { RunDeps } from './deps.js';
import { deliveryFailure, deliveryProblemText } from './delivery-result.js';
import { DONE, FAILED_RUN, readRunLog, runLogGrid, startRun, failUnusable } from './run-log.js';
import { foldSendLog } from './send-state.js';
import { withSession } from './session.js';

export interface ValidateSummary {
  readonly runId: string;
  readonly outcome: CheckOutcome;
  /** Approved reports and 退回 notices this run sent. */
  readonly approved: ApprovedSends;
  /** Set when an approved report failed or is unknown: recorded in 运行记录; the entry points raise it. */
  readonly failure: LedgerError | undefined;
}

export async function runValidation(deps: RunDeps, runKey?: string): Promise<ValidateSummary> {
  return withSession(deps.store, async (session) => {
    const { tabs } = await session.read();
    const now = deps.clock();
    const run = startRun(readRunLog(tabs.get(RUN_LOG_TAB.name)), '校验', runKey ?? `校验:${formatShanghaiTime(now)}`, now);
    const outcome = checkBook(tabs, now);
    if (outcome.structure.length > 0) await failUnusable(session, tabs.get(RUN_LOG_TAB.name), run, outcome.structure, deps.clock(), { adminTo: outcome.admin.settings.adminTo, city: outcome.admin.settings.city });
    const approved = await sendApproved(deps, session, tabs, outcome);
    const errors = outcome.findings.filter((f) => f.level === '错误').length;
    const writes = new Map<string, OutputGrid>(outcome.writes);
    // The same extra findings as the monthly run (unusable 审核 rows, a group without a robot), so they
    // stay in 校验结果 between monthly runs.
    const extra = [...approved.findings, ...(deps.robots && outcome.structure.length === 0 ? robotRoutes(outcome.admin, [...deps.robots.keys()]).findings : [])];
    if (extra.length > 0 && writes.has(CHECK_RESULTS_TAB.name)) writes.set(CHECK_RESULTS_TAB.name, checkResultsGrid([...outcome.findings, ...extra], now));
    const problems: string[] = [];
    const sent = approved.deliveries.map(({ month, delivery, held }) => {
      const problem = deliveryProblemText(delivery);
      if (problem) problems.push(problem);
      return `审核后发送 ${month}：发出 ${delivery.sent}，失败 ${delivery.failed}，状态未知 ${delivery.unknown}，已发过 ${delivery.skipped}${held.length > 0 ? `，仍待审核 ${held.join('、')}` : ''}`;
    });
    if (approved.rows.length > 0) writes.set(SEND_LOG_TAB.name, foldSendLog(tabs.get(SEND_LOG_TAB.name), approved.rows));
    const note = [`${outcome.ledger.projects.length} 行；${errors} 处错误，${outcome.findings.length - errors} 条提醒；${outcome.changes.length} 处变更`, ...sent, ...problems].join('。');
    writes.set(RUN_LOG_TAB.name, runLogGrid(tabs.get(RUN_LOG_TAB.name), run, problems.length > 0 ? FAILED_RUN : DONE, note, deps.clock()));
    await session.write({ systemTabs: writes, checks: outcome.checks });
    const failed = approved.deliveries.find((d) => deliveryProblemText(d.delivery));
    const failure = failed ? deliveryFailure(failed.delivery, run.runId, { period: failed.month }) : undefined;
    return { runId: run.runId, outcome, approved, failure };
  }, { purpose: `校验${runKey ? ` ${runKey}` : ''}` });
}
