/**
 * The admins' notice about deliveries that need a person: every 状态未知 one (with its Message-ID, to
 * search the mail server's log), every 失败 one, and those that went out late after an earlier failure.
 * It is delivered like a report, through 发送记录, under a key made from its content: the same set of
 * problems is told once, a new one again. When the mail path itself is down the notice fails with the
 * rest; 运行记录 and the ERROR log line carry the failure, and the next run that can send tells it.
 */
import { createHash } from 'node:crypto';
import { FAILED, UNKNOWN, UNKNOWN_ADVICE } from './send-state.js';

export interface DeliveryProblem {
  readonly report: string;
  readonly to: string;
  readonly status: string;
  readonly messageId: string;
  /** When it was recorded (`YYYY-MM-DD HH:mm`). */
  readonly time: string;
  /** The server's words, or why the outcome is unknown. */
  readonly reason: string;
}

/** Report keys of notices start with this; they are never the subject of another notice. */
export const NOTICE_PREFIX = '运行通知:';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The notice for a period's problems, or undefined when there is nothing to tell or nobody to tell it. */
export function adminNotice(
  admins: { readonly to: readonly string[]; readonly city: string }, period: string,
  problems: readonly DeliveryProblem[], recovered: readonly DeliveryProblem[],
) {
  const own = (p: DeliveryProblem) => !p.report.startsWith(NOTICE_PREFIX);
  const unknown = problems.filter((p) => own(p) && p.status === UNKNOWN);
  const failed = problems.filter((p) => own(p) && p.status === FAILED);
  const late = recovered.filter(own);
  if (admins.to.length === 0 || unknown.length + failed.length + late.length === 0) return undefined;
  const line = (p: DeliveryProblem) => `- ${p.report} → ${p.to}（${p.time}）Message-ID ${p.messageId}${p.reason ? `：${p.reason.slice(0, 160)}` : ''}`;
  const sections: string[] = [];
  if (unknown.length > 0) sections.push(`【状态未知 ${unknown.length} 封】${UNKNOWN_ADVICE}`, ...unknown.map(line), '');
  if (failed.length > 0) sections.push(`【发送失败 ${failed.length} 封】服务器明确拒收或无法连接；下一次运行会自动重试。若反复失败，请检查收件地址和 LEDGER_SMTP_URL；“钉钉:”“企业微信:”开头的是群机器人，请检查 LEDGER_ROBOTS（可用 npm run robots -- --test 测试）。`, ...failed.map(line), '');
  if (late.length > 0) sections.push(`【已补发 ${late.length} 封】此前失败或状态未知，本次已发出：`, ...late.map(line), '');
  const text = [`${admins.city}招商引资台账 ${period} 的报告发送情况需要处理：`, '', ...sections, '详见台账“发送记录”和“运行记录”页。'].join('\n');
  const id = (section: string) => (p: DeliveryProblem) => `${section}|${p.report}|${p.to}|${p.messageId}`;
  const hash = createHash('sha256').update([...unknown.map(id('未知')), ...failed.map(id('失败')), ...late.map(id('补发'))].sort().join('\n')).digest('hex').slice(0, 12);
  const counts = [unknown.length && `${unknown.length} 封状态未知`, failed.length && `${failed.length} 封失败`, late.length && `${late.length} 封已补发`].filter(Boolean).join('，');
  return {
    key: `${NOTICE_PREFIX}${hash}`,
    to: [...admins.to],
    subject: `【${admins.city}招商引资台账】${period} 报告发送：${counts}`,
    text,
    html: `<pre style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;white-space:pre-wrap;font-size:14px">${escapeHtml(text)}</pre>`,
    attachments: [],
  };
}
