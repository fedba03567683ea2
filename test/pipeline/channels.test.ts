import { describe, expect, it } from 'vitest';
import { createChannelRouter } from '../../functions/mail/channels.js';
import type { DeliveryResult, MailTransport, OutgoingMail } from '../../functions/ports.js';

/** A transport of our own port that records what it was given and answers as told. */
function recording(label: string, answer: (mail: OutgoingMail) => DeliveryResult): MailTransport & { sent: string[][] } {
  const sent: string[][] = [];
  return { label, sent, send: async (mail) => { sent.push([...mail.to]); return answer(mail); }, close: async () => undefined };
}

const mail = (to: string[]): OutgoingMail => ({ messageId: '<m@x>', name: 'n', to, subject: 's', html: '', text: '', attachments: [], date: new Date(0) });

describe('delivery channels', () => {
  it('when a report goes to mail addresses and a DingTalk group, then each part goes through its own transport and the answers are merged', async () => {
    const smtp = recording('SMTP', (m) => ({ accepted: [...m.to], rejected: [], detail: '250 OK' }));
    const robot = recording('钉钉机器人', (m) => ({ accepted: [], rejected: [], unknown: m.to.map((address) => ({ address, reason: '超时' })), detail: 'timeout' }));
    const router = createChannelRouter({ 邮件: smtp, 钉钉: robot });
    const result = await router.send(mail(['a@x.cn', '钉钉:市招商工作群', 'b@x.cn']));
    expect(smtp.sent).toEqual([['a@x.cn', 'b@x.cn']]);
    expect(robot.sent).toEqual([['钉钉:市招商工作群']]);
    expect(result).toEqual({ accepted: ['a@x.cn', 'b@x.cn'], rejected: [], unknown: [{ address: '钉钉:市招商工作群', reason: '超时' }], detail: '250 OK；timeout' });
  });

  it('when a recipient names a channel nobody configured, then it is a definite failure saying so', async () => {
    const router = createChannelRouter({ 邮件: recording('SMTP', (m) => ({ accepted: [...m.to], rejected: [], detail: '' })) });
    const result = await router.send(mail(['企业微信:县招商群']));
    expect(result.rejected).toEqual([{ address: '企业微信:县招商群', reason: '未配置“企业微信”发送通道：请检查收件人写法或部署配置' }]);
  });

  it('when one channel’s transport throws, then its recipients are 状态未知 and the other channel’s answer is kept', async () => {
    const smtp = recording('SMTP', (m) => ({ accepted: [...m.to], rejected: [], detail: '250 OK' }));
    const broken: MailTransport = { label: '坏的', send: async () => { throw new Error('意外错误'); }, close: async () => undefined };
    const result = await createChannelRouter({ 邮件: smtp, 钉钉: broken }).send(mail(['a@x.cn', '钉钉:市招商工作群']));
    expect(result.accepted).toEqual(['a@x.cn']);
    expect(result.unknown).toEqual([{ address: '钉钉:市招商工作群', reason: '意外错误' }]);
  });
});
