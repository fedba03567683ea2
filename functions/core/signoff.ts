/**
 * Leader sign-off in the sheet. With 参数 通报审核 = 是 the city-wide reports of a month go first to the
 * admins as a 送审稿; an admin approves or returns them by typing a row in the 审核 tab:
 *
 *   月份 | 报告 | 结论 | 审核人 | 意见 | 时间
 *   2026-06 |  | 同意 | 王局长 |  |            ← every report awaiting sign-off that month
 *   2026-06 | 季度讲评 | 退回 | 王局长 | 温县目标录错了 |
 *
 * The lowest row for a (month, report) wins, so a 退回 followed by a later 同意 approves. Rows that
 * cannot count are findings on their cells, never exceptions. Pure: the pipeline decides what to send.
 */
import { a1, cellText, isBlank, toHalfWidth, type Cell, type Grid } from './cells.js';
import { parsePeriod, formatPeriod, type Period } from './dates.js';
import type { Finding, StructureProblem } from './findings.js';
import { cellAt, locateTable } from './table.js';
import { SIGNOFF_TAB } from './tabs.js';
import { APPROVE, LEVEL_ERROR, LEVEL_REMINDER, PENDING, RETURN, SIGNOFF_REPORTS, type Level, type SignoffReport } from './vocabulary.js';

/** One usable row of 审核. */
export interface SignoffDecision {
  readonly month: Period;
  /** undefined: every report of the month. */
  readonly report: SignoffReport | undefined;
  readonly decision: typeof APPROVE | typeof RETURN;
  readonly by: string;
  readonly note: string;
  readonly at: string;
  /** 1-based sheet row. */
  readonly row: number;
}

export type SignoffState =
  | { readonly status: typeof PENDING }
  | { readonly status: typeof APPROVE; readonly by: string; readonly row: number }
  | { readonly status: typeof RETURN; readonly by: string; readonly note: string; readonly row: number };

export interface Signoffs {
  readonly decisions: readonly SignoffDecision[];
  readonly findings: readonly Finding[];
  readonly structure: readonly StructureProblem[];
}

/** Reads the 审核 tab; an absent tab means nothing was decided yet. */
export function parseSignoffs(grid: Grid | undefined): Signoffs {
  if (!grid || grid.length === 0) return { decisions: [], findings: [], structure: [] };
  const tab = SIGNOFF_TAB.name;
  const table = locateTable(tab, grid, SIGNOFF_TAB.columns, ['note', 'at', 'report']);
  const findings: Finding[] = [];
  const decisions: SignoffDecision[] = [];
  const colOf = (key: string) => table.columns.get(key) ?? 0;
  for (const { row, cells } of table.rows) {
    const raw = (key: string): Cell => (table.columns.has(key) ? cellAt(cells, table.columns, key) : null);
    const text = (key: string) => toHalfWidth(cellText(raw(key))).trim();
    const report = (level: Level, key: string, field: string, problem: string, fix: string) =>
      findings.push({ level, tab, cell: a1(colOf(key), row), field, value: cellText(raw(key)), problem, fix, unit: '', projectId: '', row });
    const monthRaw = raw('month');
    const month = monthRaw instanceof Date ? { year: monthRaw.getUTCFullYear(), month: monthRaw.getUTCMonth() + 1 } : parsePeriod(text('month'));
    if (!month) {
      report(LEVEL_ERROR, 'month', '月份', isBlank(monthRaw) ? '月份未填写，本行不生效' : '无法识别为月份，本行不生效', '请写成 2026-06 的形式');
      continue;
    }
    const reportText = text('report');
    const reportName = SIGNOFF_REPORTS.find((r) => r === reportText);
    if (reportText !== '' && !reportName) {
      report(LEVEL_ERROR, 'report', '报告', '不是需要审核的报告，本行不生效', `请填写 ${SIGNOFF_REPORTS.join('、')} 之一，或留空表示该月所有待审核的报告`);
      continue;
    }
    const decision = text('decision');
    if (decision !== APPROVE && decision !== RETURN) {
      report(LEVEL_ERROR, 'decision', '结论', decision === '' ? '结论未填写，本行不生效' : `结论只能是“${APPROVE}”或“${RETURN}”，本行不生效`, `同意发出请填“${APPROVE}”，需要修改请填“${RETURN}”并在“意见”中写明`);
      continue;
    }
    const by = text('by');
    if (by === '') {
      report(LEVEL_ERROR, 'by', '审核人', `审核人未填写，本行的“${decision}”不生效`, '请填写审核人姓名：报告会注明由谁审核');
      continue;
    }
    const note = text('note');
    if (decision === RETURN && note === '') report(LEVEL_REMINDER, 'note', '意见', '退回没有写明意见', '请写明哪里需要修改，管理员据此更正台账');
    decisions.push({ month, report: reportName, decision, by, note, at: text('at'), row });
  }
  return { decisions, findings, structure: table.problems };
}

/** Where a report of a month stands: the lowest row that speaks for it, or 待审核. */
export function signoffState(signoffs: Pick<Signoffs, 'decisions'>, month: Period, report: SignoffReport): SignoffState {
  const mine = signoffs.decisions.filter((d) => formatPeriod(d.month) === formatPeriod(month) && (d.report === undefined || d.report === report));
  const last = mine.reduce<SignoffDecision | undefined>((latest, d) => (!latest || d.row > latest.row ? d : latest), undefined);
  if (!last) return { status: PENDING };
  return last.decision === APPROVE ? { status: APPROVE, by: last.by, row: last.row } : { status: RETURN, by: last.by, note: last.note, row: last.row };
}

/** A 送审稿 that reached the admins: the fingerprint of its figures and the 审核 row it follows (0: none). */
export interface SentDraft {
  readonly fingerprint: string;
  readonly mark: number;
  /** When it was sent (`YYYY-MM-DD HH:mm`). */
  readonly time: string;
}

/**
 * The send-log key of a 送审稿: the report, the fingerprint of its figures and the 审核 row it follows.
 * Distinct from the report's own key, so "sent once" holds for each; a changed content or a 送审稿 sent
 * after a decision is a new key, hence a new message.
 */
export const draftKey = (report: SignoffReport, fingerprint: string, mark: number) => `送审稿:${report}#${fingerprint}@${mark}`;
/** The send-log key of the admins' notice that a report was returned. */
export const returnedKey = (report: string, row: number) => `退回:${report}#${row}`;

/** The 送审稿 of `kind` among delivered send-log rows of one month (report key and time), oldest first. */
export function sentDrafts(delivered: readonly { readonly report: string; readonly time: string }[], kind: SignoffReport): SentDraft[] {
  const pattern = new RegExp(`^送审稿:${kind}#([0-9a-f]+)@(\\d+)$`);
  const drafts = new Map<string, SentDraft>();
  for (const r of delivered) {
    const m = pattern.exec(r.report);
    if (m && !drafts.has(r.report)) drafts.set(r.report, { fingerprint: m[1]!, mark: Number(m[2]), time: r.time });
  }
  return [...drafts.values()];
}

/** What a run does with one report of a month. */
export type SignoffAction =
  /** To every recipient (mail and groups); `approvedBy`/`row` when an admin signed it off. */
  | { readonly action: 'send'; readonly approvedBy?: string; readonly row?: number }
  /** Only to 管理员邮箱 as a 送审稿 under `sendKey`; `changed` when it replaces one the figures no longer match. */
  | { readonly action: 'draft'; readonly sendKey: string; readonly mark: number; readonly changed: boolean }
  /** Nothing to leaders; the admins are told once, under `sendKey`; `redraft` when a corrected ledger needs a new 送审稿. */
  | { readonly action: 'returned'; readonly sendKey: string; readonly by: string; readonly note: string; readonly row: number; readonly redraft?: { readonly sendKey: string; readonly mark: number } }
  /** Nothing at all this run, for the reason given (运行记录). */
  | { readonly action: 'hold'; readonly reason: string };

export interface SignoffInput {
  /** 参数 通报审核 = 是. */
  readonly required: boolean;
  readonly report: string;
  readonly month: Period;
  readonly signoffs: Pick<Signoffs, 'decisions'>;
  /** The 送审稿 of this report already sent this month. */
  readonly drafts: readonly SentDraft[];
  /** True when the report itself already reached a recipient this month. */
  readonly delivered: boolean;
  /** The fingerprint of the figures as rendered now. */
  readonly fingerprint: string;
  /** The hourly validation run: approvals and 退回 notices only, never a first 送审稿. */
  readonly approvalsOnly: boolean;
}

/**
 * The sign-off rule. Reports outside SIGNOFF_REPORTS (单位月报, 周上报提醒) and any report when 通报审核 is
 * off go out. Otherwise a 同意 sends the report only if it is typed below a 送审稿 whose fingerprint is the
 * content's now: the approved content is the reviewed content. A rerun after 同意 plans `send` again: the
 * send log, not this function, keeps it to once.
 */
export function signoffAction(input: SignoffInput): SignoffAction {
  const kind = SIGNOFF_REPORTS.find((r) => r === input.report);
  if (!kind || !input.required) return input.approvalsOnly ? { action: 'hold', reason: '无需审核' } : { action: 'send' };
  const { drafts, fingerprint } = input;
  const state = signoffState(input.signoffs, input.month, kind);
  if (state.status === APPROVE) {
    if (drafts.some((d) => d.fingerprint === fingerprint && d.mark < state.row)) return { action: 'send', approvedBy: state.by, row: state.row };
    // Already out to leaders: a later rerun (other figures, another day) never re-submits it.
    if (input.delivered) return { action: 'hold', reason: '已按审核发出，重算结果不再发送' };
    if (input.approvalsOnly && !drafts.some((d) => d.mark < state.row)) return { action: 'hold', reason: PENDING };
    return { action: 'draft', sendKey: draftKey(kind, fingerprint, state.row), mark: state.row, changed: drafts.length > 0 };
  }
  if (state.status === RETURN) {
    // A corrected ledger gets a new 送审稿 from the next monthly run, not hourly while staff still type.
    const redraft = !input.approvalsOnly && !drafts.some((d) => d.fingerprint === fingerprint) ? { sendKey: draftKey(kind, fingerprint, state.row), mark: state.row } : undefined;
    return { action: 'returned', sendKey: returnedKey(kind, state.row), by: state.by, note: state.note, row: state.row, ...(redraft ? { redraft } : {}) };
  }
  if (input.approvalsOnly) return { action: 'hold', reason: PENDING };
  return { action: 'draft', sendKey: draftKey(kind, fingerprint, 0), mark: 0, changed: false };
}
