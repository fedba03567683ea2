/**
 * One transport per delivery channel behind the MailTransport port. A recipient names its channel
 * (`钉钉:市招商工作群`, `企业微信:县招商群`; a plain address is 邮件, see send-state.ts channelOf), so a new
 * channel only adds a transport here: the send log, the write-ahead intent, 状态未知 and the admins'
 * notice work per (report, channel, recipient) unchanged.
 */
import { channelOf } from '../pipeline/send-state.js';
import type { DeliveryResult, MailTransport, OutgoingMail, PreparedMail } from '../ports.js';

/** A transport that splits each message's recipients by channel and sends each part through its own. */
export function createChannelRouter(transports: Readonly<Record<string, MailTransport>>): MailTransport {
  const names = Object.keys(transports);
  // Each channel's part is prepared ahead where its transport can (see MailTransport.prepare), so the
  // router passes the overlap on; parts still leave one channel after another, only in send.
  const prepare = (mail: OutgoingMail): PreparedMail => {
    const byChannel = new Map<string, string[]>();
    for (const to of mail.to) byChannel.set(channelOf(to), [...(byChannel.get(channelOf(to)) ?? []), to]);
    const parts = [...byChannel].map(([channel, to]) => ({ channel, to, transport: transports[channel], part: { ...mail, to } }));
    const ready = parts.map(({ transport, part }) => (transport ? prepareSafely(transport, part) : undefined));
    return {
      async send(): Promise<DeliveryResult> {
        const results: DeliveryResult[] = [];
        for (const [i, { channel, to, part }] of parts.entries()) {
          const send = ready[i];
          // No transport for the channel: nothing left, a definite failure that says what to configure.
          if (!send) results.push({ accepted: [], rejected: to.map((address) => ({ address, reason: `未配置“${channel}”发送通道：请检查收件人写法或部署配置` })), detail: '' });
          else results.push(await sendSafely(send, part));
        }
        return {
          accepted: results.flatMap((r) => r.accepted),
          rejected: results.flatMap((r) => r.rejected),
          unknown: results.flatMap((r) => r.unknown ?? []),
          detail: results.map((r) => r.detail).filter(Boolean).join('；'),
        };
      },
    };
  };
  return {
    label: names.map((n) => `${n}（${transports[n]!.label}）`).join('、'),
    send: (mail) => prepare(mail).send(),
    prepare,
    async close(): Promise<void> {
      await Promise.all(Object.values(transports).map((t) => t.close()));
    },
  };
}

/** A part's send: prepared now where its transport can, else its plain send when called; a throw waits for send. */
function prepareSafely(transport: MailTransport, part: OutgoingMail): () => Promise<DeliveryResult> {
  try {
    const prepared = transport.prepare?.(part);
    return prepared ? () => prepared.send() : () => transport.send(part);
  } catch (error) {
    return () => Promise.reject(error);
  }
}

/**
 * One channel's throw must not lose another channel's answer (mail already accepted must be logged
 * 已发送): a transport that throws leaves its own recipients 状态未知, the safe side.
 */
async function sendSafely(send: () => Promise<DeliveryResult>, mail: OutgoingMail): Promise<DeliveryResult> {
  try {
    return await send();
  } catch (error) {
    const reason = (error as Error)?.message ?? String(error);
    return { accepted: [], rejected: [], unknown: mail.to.map((address) => ({ address, reason })), detail: reason };
  }
}
