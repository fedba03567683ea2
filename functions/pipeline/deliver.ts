/**
 * Sending reports exactly once, never silently. 发送记录 decides (see send-state.ts):
 * - before a message goes out, its intent (`发送中`, Message-ID, recipient) is durable in the session's
 *   send log — the workbook's fsync'd journal, or a 发送记录 write on Sheets;
 * - after the reply, `已发送` or `失败` with the server's words, or `状态未知` when the reply never came.
 *   The outcome rides with the next message's intent (one send-log write per message);
 * - a message whose latest row is `发送中` or `状态未知` is not sent again unless the operator asks;
 * - the admins (参数.管理员邮箱) get one notice per distinct set of problems, listing every 状态未知 and
 *   失败 delivery with its Message-ID, and the deliveries that went out late after an earlier failure.
 */
import { createHash } from 'node:crypto';
import { formatShanghaiTime, type Cell, type SendRecord } from '../core/index.js';
import type { Digest } from '../channels/robot.js';
import type { DeliveryResult, LedgerSession, MailTransport, OutgoingMail, PreparedMail } from '../ports.js';
import { adminNotice, type DeliveryProblem } from './admin-notice.js';
import { FAILED, NO_RECIPIENT, SENDING, SENT, UNKNOWN, UNKNOWN_ADVICE, DEAD_RUN_NOTE, decide, deliveryKey, latestStates } from './send-state.js';

export { SENT, FAILED, NO_RECIPIENT, UNKNOWN, SENDING } from './send-state.js';
export type { DeliveryProblem } from './admin-notice.js';

/** What is delivered: a rendered report, or the admins' notice. */
export interface Deliverable {
  /** Stable within a period, e.g. `单位月报:温县`. */
  readonly key: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly { filename: string; content: Buffer; contentType: string }[];
  /** The group robots' Markdown digest, for robot recipients (`钉钉:…`, `企业微信:…`). */
  readonly digest?: Digest;
}

export interface DeliveryOutcome {
  /** New 发送记录 rows of this run, in the order they happened (intents, then outcomes). */
  readonly rows: Cell[][];
  readonly sent: number;
  /** Definite failures of this run (retried by the next run). */
  readonly failed: number;
  /** Deliveries whose outcome is unknown after this run (this run's and earlier ones not resent). */
  readonly unknown: number;
  readonly skipped: number;
  /** Every 失败 and 状态未知 delivery after this run, for the admins and the run's result. */
  readonly problems: readonly DeliveryProblem[];
  /** Sent by this run after an earlier 失败 or 状态未知. */
  readonly recovered: readonly DeliveryProblem[];
}

export interface DeliverInput {
  /** `YYYY-MM` for monthly reports, the deadline date for weekly reminders: the 月份 column. */
  readonly period: string;
  readonly reports: readonly Deliverable[];
  readonly log: readonly SendRecord[];
  readonly transport: MailTransport;
  readonly session: LedgerSession;
  readonly now: () => Date;
  /** Domain of generated Message-IDs. */
  readonly domain: string;
  /** Render only: log nothing, send nothing. */
  readonly dryRun?: boolean;
  /** The operator's explicit action: send again the deliveries whose outcome is unknown. */
  readonly resendUnknown?: boolean;
  /** Who hears about problems (参数.管理员邮箱) and the city for the notice's subject. */
  readonly admins?: { readonly to: readonly string[]; readonly city: string };
}

/** The deterministic Message-ID of a report in a period: a retried run produces the same one. */
export function messageIdOf(period: string, reportKey: string, domain: string): string {
  const hash = createHash('sha256').update(`${period}\u0000${reportKey}`).digest('hex').slice(0, 16);
  return `<${period}.${hash}@${domain}>`;
}

export async function deliver(input: DeliverInput): Promise<DeliveryOutcome> {
  const states = latestStates(input.log, input.period);
  const rows: Cell[][] = [];
  const problems: DeliveryProblem[] = [];
  const recovered: DeliveryProblem[] = [];
  const counts = { sent: 0, failed: 0, unknown: 0, skipped: 0 };
  // Outcome rows not yet durable: written together with the next intent, or at the end.
  let carry: Cell[][] = [];
  const record = (row: Cell[]) => {
    rows.push(row);
    carry.push(row);
  };

  const one = async (report: Deliverable): Promise<void> => {
    const messageId = messageIdOf(input.period, report.key, input.domain);
    if (report.to.length === 0) {
      if (input.dryRun) return;
      const already = input.log.some((r) => r.month === input.period && r.report === report.key && r.status === NO_RECIPIENT);
      if (!already) record([input.period, report.key, null, NO_RECIPIENT, messageId, formatShanghaiTime(input.now()), '无收件人：请在“单位”或“参数”页填写邮箱']);
      return;
    }
    const pending: string[] = [];
    for (const to of report.to) {
      const latest = states.get(deliveryKey(input.period, report.key, to));
      const decision = decide(latest, input.resendUnknown ?? false);
      if (decision === 'already-sent') counts.skipped++;
      else if (decision === 'unknown') {
        counts.unknown++;
        problems.push({ report: report.key, to, status: UNKNOWN, messageId, time: latest?.time ?? '', reason: latest?.status === SENDING ? DEAD_RUN_NOTE : latest?.note ?? '' });
      } else pending.push(to);
    }
    if (pending.length === 0 || input.dryRun) return;
    const note = input.resendUnknown ? '管理员要求重发状态未知的邮件' : null;
    const intent = pending.map((to) => [input.period, report.key, to, SENDING, messageId, formatShanghaiTime(input.now()), note]);
    // The intent must be durable before the message leaves: if this write fails, nothing is sent.
    const batch = [...carry, ...intent];
    carry = [];
    const durable = input.session.appendSendLog(batch);
    // While the log is written, the transport may build the message (nothing leaves before `send`):
    // its CPU work overlaps the write's wait instead of following it.
    const prepared = prepareOnce(input.transport, {
      messageId, name: `${input.period.slice(0, 10)} ${report.key.replace(':', '-')}`, to: pending, subject: report.subject, html: report.html,
      text: report.text, attachments: report.attachments, date: input.now(), ...(report.digest ? { digest: report.digest } : {}),
    });
    await durable;
    rows.push(...intent);
    const result = await prepared();
    const time = formatShanghaiTime(input.now());
    const answered = new Set([...result.accepted, ...result.rejected.map((r) => r.address), ...(result.unknown ?? []).map((r) => r.address)].map((a) => a.toLowerCase()));
    const unknown = [...(result.unknown ?? []), ...pending.filter((to) => !answered.has(to.toLowerCase())).map((address) => ({ address, reason: '发送结果中没有此收件人' }))];
    for (const to of result.accepted) {
      record([input.period, report.key, to, SENT, messageId, time, result.detail.slice(0, 200) || null]);
      const before = states.get(deliveryKey(input.period, report.key, to));
      if (before) recovered.push({ report: report.key, to, status: before.status === SENDING ? UNKNOWN : before.status, messageId, time: before.time, reason: before.note });
    }
    for (const r of result.rejected) {
      record([input.period, report.key, r.address, FAILED, messageId, time, r.reason.slice(0, 200)]);
      problems.push({ report: report.key, to: r.address, status: FAILED, messageId, time, reason: r.reason });
    }
    for (const r of unknown) {
      record([input.period, report.key, r.address, UNKNOWN, messageId, time, `${r.reason.slice(0, 120)}。${UNKNOWN_ADVICE}`]);
      problems.push({ report: report.key, to: r.address, status: UNKNOWN, messageId, time, reason: r.reason });
    }
    counts.sent += result.accepted.length;
    counts.failed += result.rejected.length;
    counts.unknown += unknown.length;
  };

  for (const report of input.reports) await one(report);
  const notice = input.dryRun || !input.admins ? undefined : adminNotice(input.admins, input.period, problems, recovered);
  if (notice) {
    // Its own outcome is logged like any message, but it reports nothing about itself.
    const before = { ...counts };
    await one(notice);
    Object.assign(counts, { sent: before.sent, skipped: before.skipped, failed: before.failed, unknown: before.unknown });
  }
  if (carry.length > 0) {
    const last = carry;
    carry = [];
    await input.session.appendSendLog(last);
  }
  return { rows, ...counts, problems, recovered };
}

/**
 * The message ready to send once its intent is durable: prepared ahead where the transport can, else
 * sent plainly when called. A transport that throws instead of answering, in either step, leaves the
 * outcome unknown: the safe side.
 */
function prepareOnce(transport: MailTransport, mail: OutgoingMail): () => Promise<DeliveryResult> {
  const unknown = (error: unknown): DeliveryResult => {
    const reason = (error as Error)?.message ?? String(error);
    return { accepted: [], rejected: [], unknown: mail.to.map((address) => ({ address, reason })), detail: reason };
  };
  let prepared: PreparedMail | undefined;
  let failure: { error: unknown } | undefined;
  try {
    prepared = transport.prepare?.(mail);
  } catch (error) {
    failure = { error };
  }
  return async () => {
    try {
      if (failure) throw failure.error;
      return await (prepared ? prepared.send() : transport.send(mail));
    } catch (error) {
      return unknown(error);
    }
  };
}
