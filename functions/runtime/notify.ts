/**
 * Telling the admins (参数.管理员邮箱) that a scheduled run failed: once a day per distinct failure, with
 * the run key and what to fix. Sending the notice never hides the failure itself.
 */
import { createHash } from 'node:crypto';
import { formatShanghaiTime } from '../core/index.js';
import type { FailureNotice } from '../errors.js';
import type { MailTransport } from '../ports.js';

export async function notifyAdmins(transport: MailTransport, notice: FailureNotice, job: string, message: string, now: Date, domain: string): Promise<boolean> {
  if (!notice.firstToday || notice.to.length === 0) return false;
  const day = formatShanghaiTime(now).slice(0, 10);
  const hash = createHash('sha256').update(`${day}\u0000${job}\u0000${message}`).digest('hex').slice(0, 16);
  const text = [
    `${notice.city}招商引资台账的定时任务“${job}”运行失败（${formatShanghaiTime(now)}）。`,
    '',
    message,
    '',
    '请按上述提示修改台账；修改后下一次定时运行会自动补做。同一问题当天只通知一次，详见台账“运行记录”页。',
  ].join('\n');
  const result = await transport.send({
    messageId: `<failure.${day}.${hash}@${domain}>`, name: `${day} 运行失败-${job}`, to: notice.to,
    subject: `【${notice.city}招商引资台账】${job}运行失败，需要处理`, text,
    html: `<pre style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;white-space:pre-wrap;font-size:14px">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`,
    attachments: [], date: now,
  });
  return result.accepted.length > 0;
}
