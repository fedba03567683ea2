/**
 * Sending reports exactly once. 发送记录 decides: a (period, report, recipient) already recorded as
 * 已发送 is never sent again; each delivery is logged through the session before the next message goes
 * out; a recipient the server refuses is logged 失败 and tried again by the next run, alone.
 */
import { createHash } from 'node:crypto';
import { formatShanghaiTime, type Cell, type SendRecord } from '../core/index.js';
import type { LedgerSession, MailTransport } from '../ports.js';
import type { RenderedReport } from '../../templates/index.js';

export const SENT = '已发送';
export const FAILED = '失败';
export const NO_RECIPIENT = '未发送';

export interface DeliveryOutcome {
  /** New 发送记录 rows of this run, in the order they happened. */
  readonly rows: Cell[][];
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface DeliverInput {
  /** `YYYY-MM` for monthly reports, the deadline date for weekly reminders: the 月份 column. */
  readonly period: string;
  readonly reports: readonly RenderedReport[];
  readonly log: readonly SendRecord[];
  readonly transport: MailTransport;
  readonly session: LedgerSession;
  readonly now: () => Date;
  /** Domain of generated Message-IDs. */
  readonly domain: string;
  /** Render only: log nothing, send nothing. */
  readonly dryRun?: boolean;
}

/** The deterministic Message-ID of a report in a period: a retried run produces the same one. */
export function messageIdOf(period: string, reportKey: string, domain: string): string {
  const hash = createHash('sha256').update(`${period}\u0000${reportKey}`).digest('hex').slice(0, 16);
  return `<${period}.${hash}@${domain}>`;
}

export async function deliver(input: DeliverInput): Promise<DeliveryOutcome> {
  const sentBefore = new Set(
    input.log.filter((r) => r.month === input.period && r.status === SENT).map((r) => `${r.report}\u0000${r.to.toLowerCase()}`),
  );
  const rows: Cell[][] = [];
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  for (const report of input.reports) {
    const messageId = messageIdOf(input.period, report.key, input.domain);
    const pending = report.to.filter((to) => !sentBefore.has(`${report.key}\u0000${to.toLowerCase()}`));
    skipped += report.to.length - pending.length;
    if (report.to.length === 0) {
      if (input.dryRun) continue;
      const already = input.log.some((r) => r.month === input.period && r.report === report.key && r.status === NO_RECIPIENT);
      if (!already) rows.push([input.period, report.key, null, NO_RECIPIENT, messageId, formatShanghaiTime(input.now()), '无收件人：请在“单位”或“参数”页填写邮箱']);
      continue;
    }
    if (pending.length === 0 || input.dryRun) continue;
    const result = await input.transport.send({
      messageId, name: `${input.period.slice(0, 10)} ${report.key.replace(':', '-')}`, to: pending, subject: report.subject, html: report.html, text: report.text, attachments: report.attachments, date: input.now(),
    });
    const time = formatShanghaiTime(input.now());
    const mine: Cell[][] = [
      ...result.accepted.map((to) => [input.period, report.key, to, SENT, messageId, time, result.detail.slice(0, 200) || null]),
      ...result.rejected.map((r) => [input.period, report.key, r.address, FAILED, messageId, time, r.reason.slice(0, 200)]),
    ];
    sent += result.accepted.length;
    failed += result.rejected.length;
    await input.session.appendSendLog(mine);
    rows.push(...mine);
  }
  if (rows.length > 0 && !input.dryRun) {
    const unlogged = rows.filter((r) => r[3] === NO_RECIPIENT);
    if (unlogged.length > 0) await input.session.appendSendLog(unlogged);
  }
  return { rows, sent, failed, skipped };
}
