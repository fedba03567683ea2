/**
 * Leader sign-off applied to a month's deliverables: core/signoff.ts reads the 审核 tab and holds the
 * rule (signoffAction); this turns its answers into messages and 发送记录 rows. With 参数 通报审核 = 是 a city-wide report (月度通报, 季度讲评, 年度总评) goes:
 * 1. first as a 送审稿 to 参数.管理员邮箱 only, under the send-log key `送审稿:月度通报#<指纹>@<行>`, and
 *    发送记录 gets a `待审核` row;
 * 2. to every recipient (mail and robots) once a 同意 row below that mark is in 审核 — picked up by the
 *    next hourly validation run — but only if the content rendered now has the fingerprint of the
 *    送审稿 the admin read (the approved content is the reviewed content);
 * 3. never to leaders after 退回: the admins are told once, per 退回 row.
 *
 * Why re-render rather than store the 送审稿: a report is ~100 KB of HTML plus an .xlsx, which neither a
 * Sheets cell (50,000 characters) nor the workbook's send log can hold. The risk — the ledger changed
 * between review and approval — is closed by the fingerprint of the figures a leader reads (scores,
 * ranks, grades, indicator values, warnings): a changed fingerprint sends a new 送审稿 marked as
 * changed, and only a 同意 typed below it (its `@<行>` mark) approves the new content.
 */
import { createHash } from 'node:crypto';
import {
  APPROVE, PENDING, RETURN, SIGNOFF_REPORTS, formatPeriod, returnedKey, sentDrafts, signoffAction, signoffState,
  type Cell, type MonthOutcome, type Period, type SendRecord, type Signoffs,
} from '../core/index.js';
import type { Deliverable } from './deliver.js';
import { FAILED, SENT, latestStates } from './send-state.js';
import { draftOf, returnedNotice } from './signoff-messages.js';

/** 发送记录 status of an approval, logged when the approved report is sent. */
export const APPROVED = '已审核';

/** The figures a leader reads in a city-wide report: what a 同意 approves. */
export function fingerprintOf(outcome: MonthOutcome): string {
  const scores = outcome.scores.map((s) => [s.unit.name, s.total, s.groupRank, s.cityRank, s.grade, s.change ?? null, s.adjustment, s.scores.map((x) => [x.score, x.actual, x.target ?? null])]);
  const warnings = outcome.warnings.map((w) => [w.unit, w.projectId, w.kind, w.level, w.detail]);
  return createHash('sha256').update(JSON.stringify([formatPeriod(outcome.period), outcome.admin.settings.city, scores, warnings])).digest('hex').slice(0, 10);
}

/** The month's delivered send-log rows, for `sentDrafts`. */
const deliveredIn = (log: readonly SendRecord[], month: string) => log.filter((r) => r.month === month && r.status === SENT);

export interface SignoffPlanInput {
  readonly month: Period;
  readonly reports: readonly Deliverable[];
  readonly signoffs: Pick<Signoffs, 'decisions'>;
  /** 参数 通报审核 = 是. */
  readonly required: boolean;
  readonly log: readonly SendRecord[];
  readonly fingerprint: string;
  readonly admins: { readonly to: readonly string[]; readonly city: string };
  /** `YYYY-MM-DD HH:mm` for the rows this plan adds. */
  readonly time: string;
  /** The validation run: only approved reports and 退回 notices, never a first 送审稿 or a unit report. */
  readonly approvalsOnly?: boolean;
}

export interface SignoffPlan {
  readonly reports: Deliverable[];
  /** Reports not sent to leaders this run and why, for 运行记录: `月度通报（待审核）`. */
  readonly held: string[];
  /** 待审核 / 已审核 rows for 发送记录 (no recipient: they record the decision, not a delivery). */
  readonly rows: Cell[][];
}

/** The core's sign-off rule (core/signoff.ts) applied to each deliverable: what goes to whom this run. */
export function planSignoff(input: SignoffPlanInput): SignoffPlan {
  const month = formatPeriod(input.month);
  const delivered = deliveredIn(input.log, month);
  const reports: Deliverable[] = [];
  const held: string[] = [];
  const rows: Cell[][] = [];
  const row = (status: string, kind: string, note: string) => {
    if (!input.log.some((r) => r.month === month && r.report === kind && r.status === status && r.note === note)) rows.push([month, kind, null, status, null, input.time, note]);
  };
  const draft = (report: Deliverable, kind: string, sendKey: string, mark: number, changed: boolean) => {
    reports.push(draftOf(report, sendKey, input.admins, month, input.fingerprint, changed));
    // No admin to review it: the report waits all the same (an unclear setup must not skip the review).
    const nobody = input.admins.to.length === 0 ? '“参数”页的管理员邮箱为空，送审稿无法发出：请填写管理员邮箱' : '';
    row(PENDING, kind, nobody || `送审稿 ${input.fingerprint} 已发管理员：请在“审核”页${mark > 0 ? `第 ${mark} 行以下` : ''}新增一行填写同意或退回`);
    held.push(`${kind}（${PENDING}${nobody ? `；${nobody}` : ''}）`);
  };
  for (const report of input.reports) {
    const kind = SIGNOFF_REPORTS.find((k) => k === report.key);
    const action = signoffAction({
      required: input.required, report: report.key, month: input.month, signoffs: input.signoffs, fingerprint: input.fingerprint,
      drafts: kind ? sentDrafts(delivered, kind) : [], delivered: delivered.some((r) => r.report === report.key), approvalsOnly: input.approvalsOnly ?? false,
    });
    switch (action.action) {
      case 'send':
        reports.push(report);
        if (action.approvedBy) row(APPROVED, report.key, `${action.approvedBy} 于“审核”页第 ${action.row} 行同意（送审稿 ${input.fingerprint}）`);
        break;
      case 'draft':
        draft(report, report.key, action.sendKey, action.mark, action.changed);
        break;
      case 'returned':
        reports.push(returnedNotice(report.key, action.sendKey, input.admins, month, action));
        if (action.redraft) draft(report, report.key, action.redraft.sendKey, action.redraft.mark, true);
        else held.push(`${report.key}（${RETURN}）`);
        break;
      case 'hold':
        if (kind) held.push(`${report.key}（${action.reason}）`);
        break;
    }
  }
  return { reports, held, rows };
}

/**
 * Months the validation run must act on: a 送审稿 went out and the 审核 tab now approves or returns it,
 * and that has not been acted on (the report is not yet sent to all, or the 退回 notice not yet sent).
 */
export function approvalsDue(log: readonly SendRecord[], signoffs: Pick<Signoffs, 'decisions'>): { month: string; asOf: string }[] {
  const months = [...new Set(log.filter((r) => r.report.startsWith('送审稿:')).map((r) => r.month))];
  const due: { month: string; asOf: string }[] = [];
  for (const month of months) {
    const period = { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
    const states = [...latestStates(log, month).values()];
    const open = SIGNOFF_REPORTS.flatMap((kind) => {
      const drafts = sentDrafts(deliveredIn(log, month), kind);
      if (drafts.length === 0) return [];
      const state = signoffState(signoffs, period, kind);
      const mine = states.filter((s) => s.report === kind);
      if (state.status === APPROVE) {
        const settled = mine.some((s) => s.status === SENT) && !mine.some((s) => s.status === FAILED);
        const redrafted = drafts.some((d) => d.mark === state.row);
        return !settled && !redrafted && drafts.some((d) => d.mark < state.row) ? [drafts] : [];
      }
      if (state.status === RETURN) return log.some((r) => r.month === month && r.report === returnedKey(kind, state.row)) ? [] : [drafts];
      return [];
    });
    // Render as of the latest 送审稿, so date-dependent warnings read as they did for the reviewer.
    const latest = open.flat().map((d) => d.time).sort().at(-1);
    if (latest) due.push({ month, asOf: latest });
  }
  return due;
}
