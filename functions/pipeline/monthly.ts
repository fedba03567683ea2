/**
 * The monthly cycle: read → validate, record, score and rank (pure) → write the system tabs → render and
 * send the month's reports once → record what was sent. The same pipeline serves the CLI and the
 * scheduled function; only the store and the mail transport differ.
 */
import {
  CHECK_RESULTS_TAB, SEND_LOG_TAB, SIGNOFF_TAB, RUN_LOG_TAB, assessMonth, checkResultsGrid, formatPeriod, formatShanghaiTime, parseSignoffs,
  readSendLog, readWeeklyRecords, WEEKLY_TAB, type MonthOutcome, type OutputGrid, type Period,
} from '../core/index.js';
import type { RenderedReport } from '../../templates/index.js';
import { monthDeliverables } from './month-deliverables.js';
import { fingerprintOf, planSignoff } from './signoff-plan.js';
import type { RunDeps } from './deps.js';
import { deliver, type DeliveryOutcome } from './deliver.js';
import { deliveryFailure, deliveryProblemText } from './delivery-result.js';
import { foldSendLog } from './send-state.js';
import type { LedgerError } from '../errors.js';
import { DONE, FAILED_RUN, completedBefore, readRunLog, runLogGrid, startRun, failUnusable } from './run-log.js';
import { withSession } from './session.js';

export interface MonthRequest {
  readonly period: Period;
  /** Render the reports but send and log nothing (results are still written). */
  readonly dryRun?: boolean;
  /** Run key for 运行记录; defaults to `月度:YYYY-MM`. */
  readonly runKey?: string;
  /** Exactly once: when 运行记录 shows this key completed, do nothing (a duplicate scheduler delivery). */
  readonly once?: boolean;
  /** The operator's explicit action: send again the messages whose outcome is unknown (状态未知). */
  readonly resendUnknown?: boolean;
}

/** What a duplicate delivery of a completed run returns. */
export interface SkippedRun {
  readonly skipped: true;
  readonly runId: string;
  readonly key: string;
}

/** A report of the run as the entry points describe it (the rendered one is gone by the write). */
export interface ReportSummary {
  readonly key: string;
  readonly kind: RenderedReport['kind'];
  readonly subject: string;
  readonly to: readonly string[];
  readonly htmlBytes: number;
}

export interface MonthSummary {
  readonly runId: string;
  readonly outcome: MonthOutcome;
  readonly reports: readonly ReportSummary[];
  readonly delivery: DeliveryOutcome;
  /** Set when a delivery failed or is unknown: recorded in 运行记录; the entry points raise it. */
  readonly failure: LedgerError | undefined;
}

export async function runMonthlyCycle(deps: RunDeps, request: MonthRequest & { once: true }): Promise<MonthSummary | SkippedRun>;
export async function runMonthlyCycle(deps: RunDeps, request: MonthRequest): Promise<MonthSummary>;
export async function runMonthlyCycle(deps: RunDeps, request: MonthRequest): Promise<MonthSummary | SkippedRun> {
  const say = deps.progress ?? (() => undefined);
  const month = formatPeriod(request.period);
  const key = request.runKey ?? `月度:${month}`;
  return withSession(deps.store, async (session): Promise<MonthSummary | SkippedRun> => {
    say(`读取台账 ${session.label} …`);
    const { tabs } = await session.read();
    // Only these small tabs are needed past the assessment (see the tabs.clear() below).
    const [runLogTab, sendLogTab, signoffTab, weeklyTab] = [RUN_LOG_TAB, SEND_LOG_TAB, SIGNOFF_TAB, WEEKLY_TAB].map((t) => tabs.get(t.name));
    const now = deps.clock();
    const runLog = readRunLog(runLogTab);
    const done = request.once && !request.resendUnknown ? completedBefore(runLog, key) : undefined;
    if (done) return { skipped: true, runId: done.runId, key };
    const run = startRun(runLog, '月度考评', key, now);
    say(`校验并计算 ${month} 的得分和排名 …`);
    const outcome = assessMonth(tabs, request.period, now);
    // The ledger's grids (~90 MB for 100,000 rows) are not needed any more: the store handed them over
    // and keeps only where 校验 goes, so clearing the map lets them go before reports and the write.
    tabs.clear();
    if (outcome.structure.length > 0) await failUnusable(session, runLogTab, run, outcome.structure, deps.clock(), { adminTo: outcome.admin.settings.adminTo, city: outcome.admin.settings.city });
    const signoffs = parseSignoffs(signoffTab);
    // Rendered reports and their attachments (~70 MB for 200 units) live only inside this call: they
    // are gone before the workbook is written, which is when a run needs the most memory.
    const { reports, delivery, plan, routeFindings } = await (async () => {
      say('生成报告 …');
      const { rendered, reports: deliverables, findings } = await monthDeliverables(outcome, now, { weekly: readWeeklyRecords(weeklyTab) }, deps.robots);
      const log = readSendLog(sendLogTab);
      const admins = { to: outcome.admin.settings.adminTo, city: outcome.admin.settings.city };
      // 通报审核 = 是: city-wide reports go to the admins as a 送审稿 until 审核 approves them (signoff-plan.ts).
      const planned = planSignoff({
        month: request.period, reports: deliverables, signoffs, required: outcome.admin.settings.signoffRequired, log,
        fingerprint: fingerprintOf(outcome), admins, time: formatShanghaiTime(now),
      });
      // Mail first, then one write of everything: each delivery is already durable in the send log
      // (journal or buffered rows), so a run that dies before the write re-sends nothing, and the ledger
      // is rewritten once per run rather than twice.
      say(`${request.dryRun ? '预览' : '发送'} ${planned.reports.length} 份报告（${deps.transport.label}）…`);
      const delivered = await deliver({
        period: month, reports: planned.reports, log, transport: deps.transport, session,
        now: deps.clock, domain: deps.mailDomain, dryRun: request.dryRun ?? false, resendUnknown: request.resendUnknown ?? false, admins,
      });
      const described = rendered.map((r): ReportSummary => ({ key: r.key, kind: r.kind, subject: r.subject, to: r.to, htmlBytes: Buffer.byteLength(r.html) }));
      return { reports: described, delivery: delivered, plan: { held: planned.held, rows: planned.rows }, routeFindings: findings };
    })();
    const errors = outcome.findings.filter((f) => f.level === '错误').length;
    // A preview sends nothing: earlier problems are listed in its detail, they do not fail it.
    const problem = request.dryRun ? undefined : deliveryProblemText(delivery);
    const note = [
      `${outcome.scores.length} 个单位；${errors} 处错误，${outcome.excluded.length} 个项目未计入；报告 ${reports.length} 份，发出 ${delivery.sent}，失败 ${delivery.failed}，状态未知 ${delivery.unknown}，已发过 ${delivery.skipped}`,
      plan.held.length > 0 ? `等待审核：${plan.held.join('、')}` : '',
      signoffs.structure.length > 0 ? `“${SIGNOFF_TAB.name}”页无法读取：${signoffs.structure.map((p) => p.message).join(' ')}` : '',
    ].filter(Boolean).join('；') + (request.dryRun ? '（预览，未发送）' : '') + (problem ? `。${problem}` : '');
    const writes = new Map<string, OutputGrid>(outcome.writes);
    // Robot groups without a robot and unusable 审核 rows are findings like any other cell's.
    const extra = [...routeFindings, ...signoffs.findings];
    if (extra.length > 0 && writes.has(CHECK_RESULTS_TAB.name)) writes.set(CHECK_RESULTS_TAB.name, checkResultsGrid([...outcome.findings, ...extra], now));
    writes.set(SEND_LOG_TAB.name, foldSendLog(sendLogTab, [...delivery.rows, ...(request.dryRun ? [] : plan.rows)]));
    writes.set(RUN_LOG_TAB.name, runLogGrid(runLogTab, run, problem ? FAILED_RUN : DONE, note, deps.clock()));
    say(`写回系统页（${[...writes.keys()].join('、')}）…`);
    await session.write({ systemTabs: writes, checks: outcome.checks });
    const failure = request.dryRun ? undefined : deliveryFailure(delivery, run.runId, { period: month, sent: delivery.sent });
    return { runId: run.runId, outcome, reports, delivery, failure };
  }, { purpose: `月度考评 ${key}` });
}
