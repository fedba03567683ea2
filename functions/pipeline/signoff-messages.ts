/** The two messages sign-off adds: the 送审稿 to the admins and the notice that a report was returned. */
import { APPROVE, RETURN, SIGNOFF_TAB } from '../core/index.js';
import type { Deliverable } from './deliver.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Subject prefix of every 送审稿: in the subject so it is seen in the inbox list, not only when opened. */
export const DRAFT_MARK = '【送审稿·请审核】';

/**
 * The report as a 送审稿: admins only, marked in the subject and by a banner above the report, without
 * the robots' digest (a group never sees a draft). The attachments are the report's own.
 */
export function draftOf(
  report: Deliverable, key: string, admins: { readonly to: readonly string[] }, month: string, fingerprint: string, changed: boolean,
): Deliverable {
  const tab = SIGNOFF_TAB.name;
  const lines = [
    `这是 ${month} ${report.key}的送审稿（内容指纹 ${fingerprint}），尚未发给领导和工作群。`,
    ...(changed ? ['台账数据在上一稿之后有变化，本稿为更新后的内容；此前的审核意见不适用于本稿。'] : []),
    `审核：在台账“${tab}”页新增一行——月份 ${month}，报告 ${report.key}（或留空表示本月所有待审核报告），结论 ${APPROVE} 或 ${RETURN}，审核人 填姓名，${RETURN}时在“意见”中写明要改什么。`,
    `填写${APPROVE}后，下一次整点校验会把本稿内容发给全部收件人（邮件和工作群），只发一次；若届时台账数据已变，会先发新的送审稿。`,
  ];
  const banner = `<div style="border:3px solid #c00;background:#fff4f4;color:#900;padding:12px 16px;margin:0 0 12px;font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6">`
    + `<p style="margin:0 0 6px;font-size:18px;font-weight:bold">送审稿 · 请审核 · 请勿转发</p>${lines.map((l) => `<p style="margin:0 0 4px">${escapeHtml(l)}</p>`).join('')}</div>`;
  const at = /<body[^>]*>/i.exec(report.html);
  const html = at ? `${report.html.slice(0, at.index + at[0].length)}${banner}${report.html.slice(at.index + at[0].length)}` : `${banner}${report.html}`;
  return {
    key, to: [...admins.to], subject: `${DRAFT_MARK}${report.subject}`, html,
    text: ['==== 送审稿 · 请审核 · 请勿转发 ====', ...lines, '====', '', report.text].join('\n'), attachments: report.attachments,
  };
}

/** The admins' notice that a report was returned: who, why, and what to do next. Sent once per 退回 row. */
export function returnedNotice(
  kind: string, key: string, admins: { readonly to: readonly string[]; readonly city: string }, month: string,
  state: { readonly by: string; readonly note: string; readonly row: number },
): Deliverable {
  const text = [
    `${state.by} 在台账“${SIGNOFF_TAB.name}”页第 ${state.row} 行退回了 ${month} 的${kind}${state.note ? `，意见：“${state.note}”` : '（没有写意见）'}。`,
    `${kind}没有发给领导和工作群。`,
    `请按意见更正台账，再运行一次本月考评（npm run cycle -- --period ${month} …，或调用 rerun 函数），系统会发出新的送审稿；审核人在该行以下新增一行“${APPROVE}”后，由下一次整点校验发出。`,
  ].join('\n');
  return {
    key, to: [...admins.to], subject: `【${admins.city}招商引资台账】${month} ${kind}已被退回（${state.by}）`, text,
    html: `<pre style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;white-space:pre-wrap;font-size:14px">${escapeHtml(text)}</pre>`, attachments: [],
  };
}
