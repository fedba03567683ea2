/**
 * What 发送记录 says about each delivery, and the tab rewritten after a run. Pure: no I/O, no clock.
 *
 * A delivery is (period, report, recipient); its channel is derived from the recipient (`钉钉:市招商工作群`
 * is a DingTalk robot, a plain address is email), so a new channel only adds a transport. Rows are
 * chronological, and the latest row of a delivery is its state:
 * - `发送中` — intent, written durably before the message goes out. Still the latest row when a run
 *   starts, it means a run died or lost the reply: the message may or may not have arrived.
 * - `已发送` — the server accepted it: never sent again.
 * - `失败` — the server gave a definite 4xx/5xx answer (or could not be reached): the next run retries.
 * - `状态未知` — the reply never came (connection dropped, timeout) or a run died in between: not sent
 *   again until an operator asks for it (`--resend-unknown`, `{"resendUnknown":true}`).
 * - `未发送` — the report has no recipient.
 */
import { SEND_LOG_TAB, type Cell, type Grid, type OutputGrid, type SendRecord } from '../core/index.js';

export const SENDING = '发送中';
export const SENT = '已发送';
export const FAILED = '失败';
export const UNKNOWN = '状态未知';
export const NO_RECIPIENT = '未发送';

/** Channel of a recipient: the prefix before `:` of a robot recipient (`钉钉:…`, `企业微信:…`), else 邮件. */
export function channelOf(recipient: string): string {
  const robot = /^([^:@\s]{1,12})[:：]/.exec(recipient);
  return robot?.[1] ?? '邮件';
}

/** One delivery's identity. Addresses compare case-insensitively. */
export function deliveryKey(period: string, report: string, recipient: string): string {
  return `${period}\u0000${report}\u0000${recipient.trim().toLowerCase()}`;
}

/** The latest record of each delivery of `period`. */
export function latestStates(log: readonly SendRecord[], period: string): Map<string, SendRecord> {
  const states = new Map<string, SendRecord>();
  for (const record of log) {
    if (record.month !== period || record.to === '') continue;
    states.set(deliveryKey(record.month, record.report, record.to), record);
  }
  return states;
}

/** What a run does with a delivery given its latest record. */
export type SendDecision = 'send' | 'already-sent' | 'unknown';

export function decide(latest: SendRecord | undefined, resendUnknown: boolean): SendDecision {
  if (!latest) return 'send';
  if (latest.status === SENT) return 'already-sent';
  if (latest.status === SENDING || latest.status === UNKNOWN) return resendUnknown ? 'send' : 'unknown';
  return 'send';
}

/** The advice written next to every 状态未知 row and in the admins' notice. */
export const UNKNOWN_ADVICE =
  '是否送达未知，系统不会自动重发：请按 Message-ID 在邮件服务器日志中查找（群机器人消息请直接查看该群）；确认对方未收到后，运行 npm run cycle -- … --resend-unknown（函数请求体 {"resendUnknown":true}）重发一次。';

/** 说明 of a `发送中` row a dead run left behind, when a later run turns it into 状态未知. */
export const DEAD_RUN_NOTE = `发送前已登记，但发出的运行中断、未记录结果。${UNKNOWN_ADVICE}`;

const COL = Object.fromEntries(SEND_LOG_TAB.columns.map((c, i) => [c.header, i])) as Record<string, number>;
const at = (row: readonly Cell[] | undefined, header: string): string => String(row?.[COL[header] ?? -1] ?? '').trim();
const rowKey = (row: readonly Cell[] | undefined) => deliveryKey(at(row, '月份'), at(row, '报告'), at(row, '收件人'));

/**
 * 发送记录 after a run: the rows read, then this run's rows, with each `发送中` row replaced in place by
 * the outcome that follows it, so the tab keeps one row per attempt's outcome. A `发送中` row no outcome
 * follows — left by a run that died — becomes 状态未知 with {@link DEAD_RUN_NOTE}. The workbook store
 * folds its journal in as plain rows; Sheets holds the flushed rows already: both end the same.
 */
export function foldSendLog(existing: Grid | undefined, added: readonly Cell[][]): OutputGrid {
  const header = SEND_LOG_TAB.columns.map((c) => c.header);
  const out: Cell[][] = [header];
  const open = new Map<string, number>();
  const rows = [...(existing ?? []).slice(1), ...added];
  for (const row of rows) {
    if (!row || row.every((c) => c === null || c === undefined || c === '')) continue;
    const copy = header.map((_, i) => row[i] ?? null);
    const key = rowKey(row);
    const status = at(row, '状态');
    const pending = open.get(key);
    if (status === SENDING) {
      if (pending !== undefined) out[pending] = deadRow(out[pending]!);
      open.set(key, out.length);
      out.push(copy);
    } else if (pending !== undefined && at(row, 'Message-ID') === at(out[pending], 'Message-ID')) {
      out[pending] = copy;
      open.delete(key);
    } else {
      out.push(copy);
    }
  }
  for (const index of open.values()) out[index] = deadRow(out[index]!);
  return out;
}

function deadRow(row: readonly Cell[]): Cell[] {
  const copy = [...row];
  copy[COL['状态']!] = UNKNOWN;
  copy[COL['说明']!] = DEAD_RUN_NOTE;
  return copy;
}
