/**
 * The weekly jobs: at the deadline, record 周报记录 for it; the day before, remind the units that have
 * 错误 rows or active rows not yet updated this week.
 */
import {
  RUN_LOG_TAB, SEND_LOG_TAB, WEEKLY_TAB, closeWeek, formatDay, formatShanghaiTime, parseAdmin, readSendLog, shanghaiParts, shanghaiToday,
  type OutputGrid, type WeekOutcome,
} from '../core/index.js';
import { latestDeadline, nextDeadline } from '../core/weekly-deadline.js';
import { renderWeeklyReminders } from '../../templates/index.js';
import type { RunDeps } from './deps.js';
import { deliver, type DeliveryOutcome } from './deliver.js';
import { deliveryFailure, deliveryProblemText } from './delivery-result.js';
import { foldSendLog } from './send-state.js';
import { LedgerError } from '../errors.js';
import { DONE, FAILED_RUN, completedBefore, readRunLog, runLogGrid, startRun, failUnusable } from './run-log.js';
import type { SkippedRun } from './monthly.js';
import { withSession } from './session.js';

export interface WeekRequest {
  /** Record this deadline; default: the latest deadline at or before now (参数.周上报截止). */
  readonly deadline?: Date;
  /** The instant the deadline is chosen from (the scheduled time); default now. */
  readonly reference?: Date;
  /** Send the reminders for the next deadline instead of recording one. */
  readonly remind?: boolean;
  readonly dryRun?: boolean;
  readonly runKey?: string;
  /** Exactly once: skip when 运行记录 shows this key completed. */
  readonly once?: boolean;
  /** The operator's explicit action: send again the reminders whose outcome is unknown. */
  readonly resendUnknown?: boolean;
}

export interface WeekSummary {
  readonly runId: string;
  readonly outcome: WeekOutcome;
  readonly delivery: DeliveryOutcome | undefined;
  /** Set when a reminder failed or is unknown: recorded in 运行记录; the entry points raise it. */
  readonly failure: LedgerError | undefined;
}

export async function runWeekly(deps: RunDeps, request: WeekRequest): Promise<WeekSummary | SkippedRun> {
  return withSession(deps.store, async (session): Promise<WeekSummary | SkippedRun> => {
    const { tabs } = await session.read();
    const now = deps.clock();
    const settings = parseAdmin(tabs).settings;
    const setting = settings.weeklyDeadline;
    if (request.deadline && Number.isInteger(settings.year) && settings.year > 0 && shanghaiParts(request.deadline).year !== settings.year) {
      throw new LedgerError('BAD_CONFIG', `截止时间 ${formatShanghaiTime(request.deadline)} 不在台账“参数”页的年度 ${settings.year} 内：请给出 ${settings.year} 年内的截止时间，如 ${settings.year}-07-03T17:00:00+08:00。`);
    }
    const reference = request.reference ?? now;
    const deadline = request.deadline ?? (request.remind ? nextDeadline(setting, reference) : latestDeadline(setting, reference));
    const stamp = formatShanghaiTime(deadline);
    const job = request.remind ? '周上报提醒' : '周报记录';
    const key = request.runKey ?? `${job}:${stamp}`;
    const runLog = readRunLog(tabs.get(RUN_LOG_TAB.name));
    const done = request.once && !request.resendUnknown ? completedBefore(runLog, key) : undefined;
    if (done) return { skipped: true, runId: done.runId, key };
    const run = startRun(runLog, job, key, now);
    const outcome = closeWeek(tabs, deadline, now);
    if (outcome.structure.length > 0) await failUnusable(session, tabs.get(RUN_LOG_TAB.name), run, outcome.structure, deps.clock(), { adminTo: outcome.admin.settings.adminTo, city: outcome.admin.settings.city });
    const writes = new Map<string, OutputGrid>(outcome.writes);
    // A reminder is sent before the deadline: its verdicts are a forecast, not the week's record.
    if (request.remind) writes.delete(WEEKLY_TAB.name);
    let delivery: DeliveryOutcome | undefined;
    const complete = `${outcome.verdicts.filter((v) => v.onTime).length}/${outcome.verdicts.length} 个单位`;
    // Before the deadline the week is not over: a count so far, not the verdict 周报记录 will hold.
    let note = request.remind ? `截止 ${stamp}：提醒时已全部更新 ${complete}` : `截止 ${stamp}：按时 ${complete}`;
    if (request.remind) {
      const reports = await renderWeeklyReminders(outcome, now);
      delivery = await deliver({
        period: formatDay(shanghaiToday(deadline)), reports, log: readSendLog(tabs.get(SEND_LOG_TAB.name)), transport: deps.transport,
        session, now: deps.clock, domain: deps.mailDomain, dryRun: request.dryRun ?? false, resendUnknown: request.resendUnknown ?? false,
        admins: { to: outcome.admin.settings.adminTo, city: outcome.admin.settings.city },
      });
      // A preview sends nothing: earlier problems do not fail it.
      const problem = request.dryRun ? undefined : deliveryProblemText(delivery);
      note = `${note}；提醒 ${reports.length} 个单位，发出 ${delivery.sent}，失败 ${delivery.failed}，状态未知 ${delivery.unknown}${problem ? `。${problem}` : ''}`;
      writes.set(SEND_LOG_TAB.name, foldSendLog(tabs.get(SEND_LOG_TAB.name), delivery.rows));
      writes.set(RUN_LOG_TAB.name, runLogGrid(tabs.get(RUN_LOG_TAB.name), run, problem ? FAILED_RUN : DONE, note, deps.clock()));
      await session.write({ systemTabs: writes, checks: outcome.checks });
    } else {
      writes.set(RUN_LOG_TAB.name, runLogGrid(tabs.get(RUN_LOG_TAB.name), run, DONE, note, deps.clock()));
      await session.write({ systemTabs: writes, checks: outcome.checks });
    }
    const failure = delivery && !request.dryRun ? deliveryFailure(delivery, run.runId, { deadline: stamp }) : undefined;
    return { runId: run.runId, outcome, delivery, failure };
  }, { purpose: `${request.remind ? '周上报提醒' : '周报记录'}${request.runKey ? ` ${request.runKey}` : ''}` });
}
