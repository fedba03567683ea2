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

/** What the run does with one report of a month, given 通报审核 and the 审核 tab. */
export type SignoffAction =
  /** To every recipient, as today; `approvedBy` when an admin signed it off (reports may say so). */
  | { readonly action: 'send'; readonly approvedBy: string | undefined }
  /** Only to 管理员邮箱, marked 送审稿, under the send-log key `sendKey`; leaders get nothing yet. */
  | { readonly action: 'draft'; readonly sendKey: string }
  /** Nothing to leaders; the admins are told once, under `sendKey`, who returned it and why. */
  | { readonly action: 'returned'; readonly sendKey: string; readonly by: string; readonly note: string };

/** The send-log key of a report's 送审稿, distinct from the report's own so "sent once" holds for each. */
export const draftKey = (report: string) => `送审稿:${report}`;
/** The send-log key of the admins' notice that a report was returned. */
export const returnedKey = (report: string, row: number) => `退回:${report}#${row}`;

/**
 * The plan for one report. Reports outside SIGNOFF_REPORTS (单位月报, 周上报提醒) always go out. A rerun
 * after 同意 plans `send` again: the send log, not this function, keeps it to once.
 */
export function signoffAction(required: boolean, report: string, month: Period, signoffs: Pick<Signoffs, 'decisions'>): SignoffAction {
  const kind = SIGNOFF_REPORTS.find((r) => r === report);
  if (!kind) return { action: 'send', approvedBy: undefined };
  const state = signoffState(signoffs, month, kind);
  if (state.status === APPROVE) return { action: 'send', approvedBy: state.by };
  if (!required) return { action: 'send', approvedBy: undefined };
  if (state.status === RETURN) return { action: 'returned', sendKey: returnedKey(kind, state.row), by: state.by, note: state.note };
  return { action: 'draft', sendKey: draftKey(kind) };
}
