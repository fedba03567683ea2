/**
 * The validation run's part in sign-off: when an admin has typed 同意 or 退回 in 审核 for a month whose
 * 送审稿 went out, the next hourly run re-renders that month as of its 送审稿 and sends the approved
 * reports to everyone (mail and robots) once, or tells the admins of the 退回 — through the same send
 * log as every delivery, so a second 同意 or a rerun sends nothing.
 */
import {
  SEND_LOG_TAB, SIGNOFF_TAB, WEEKLY_TAB, assessMonth, formatShanghaiTime, parsePeriod, parseShanghaiTime, parseSignoffs,
  readSendLog, readWeeklyRecords, type Cell, type CheckOutcome, type Finding, type Tabs,
} from '../core/index.js';
import type { LedgerSession } from '../ports.js';
import type { RunDeps } from './deps.js';
import { deliver, type DeliveryOutcome } from './deliver.js';
import { monthDeliverables } from './month-deliverables.js';
import { approvalsDue, fingerprintOf, planSignoff } from './signoff-plan.js';

export interface ApprovedSends {
  /** One per month acted on. */
  readonly deliveries: readonly { readonly month: string; readonly delivery: DeliveryOutcome; readonly held: readonly string[] }[];
  /** Send-log rows of all of them (deliveries, then 已审核 / 待审核 rows). */
  readonly rows: readonly Cell[][];
  /** Unusable 审核 rows, for 校验结果. */
  readonly findings: readonly Finding[];
}

export async function sendApproved(deps: RunDeps, session: LedgerSession, tabs: Tabs, checked: CheckOutcome): Promise<ApprovedSends> {
  const signoffs = parseSignoffs(tabs.get(SIGNOFF_TAB.name));
  const none = { deliveries: [], rows: [], findings: signoffs.findings };
  if (checked.structure.length > 0 || !checked.admin.settings.signoffRequired) return none;
  const log = readSendLog(tabs.get(SEND_LOG_TAB.name));
  const due = approvalsDue(log, signoffs);
  const admins = { to: checked.admin.settings.adminTo, city: checked.admin.settings.city };
  const deliveries: { month: string; delivery: DeliveryOutcome; held: string[] }[] = [];
  const rows: Cell[][] = [];
  for (const { month, asOf } of due) {
    const period = parsePeriod(month);
    const at = parseShanghaiTime(asOf);
    if (!period || !at) continue;
    deps.progress?.(`审核：处理 ${month} 的审核结论 …`);
    const outcome = assessMonth(tabs, period, at);
    if (outcome.structure.length > 0) continue;
    const { reports } = await monthDeliverables(outcome, at, { weekly: readWeeklyRecords(tabs.get(WEEKLY_TAB.name)) }, deps.robots);
    const plan = planSignoff({
      month: period, reports, signoffs, required: true, log, fingerprint: fingerprintOf(outcome), admins, time: formatShanghaiTime(deps.clock()), approvalsOnly: true,
    });
    const delivery = await deliver({ period: month, reports: plan.reports, log, transport: deps.transport, session, now: deps.clock, domain: deps.mailDomain, admins });
    deliveries.push({ month, delivery, held: plan.held });
    rows.push(...delivery.rows, ...plan.rows);
  }
  return { deliveries, rows, findings: signoffs.findings };
}
