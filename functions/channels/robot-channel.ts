/**
 * Group robots behind the same MailTransport port as mail, so a robot delivery goes through the one
 * write-ahead send log (发送中 → 已发送 / 失败 / 状态未知), exactly like an email. A robot recipient is
 * written `钉钉:市招商工作群` or `企业微信:温县招商专班`: the channel router (mail/channels.ts) hands it
 * here, and the group name after the colon picks the configured robot. The message is the report's
 * digest, fitted to that robot's size limit; the HTML and attachments are the mail's, not the group's.
 *
 * Answers map onto the send log's states: `sent` → 已发送; `failed` → 失败 (the next run retries, the
 * admins are told); a rate-limit or 5xx answer is retried within the run, paced, until the budget runs
 * out, and then is 失败 too — the robot said it did not post, so the next run may safely try again;
 * no answer → 状态未知, never resent without the operator (robots have no idempotency key).
 */
import type { DeliveryResult, MailTransport, OutgoingMail } from '../ports.js';
import { createPacer, sendPaced, type DispatchClock } from './dispatch.js';
import { ROBOT_NAMES, type RobotKind, type RobotTransport } from './robot.js';

/** The recipient prefix of each robot kind: the 发送记录 channel. */
export const ROBOT_CHANNELS: Readonly<Record<RobotKind, string>> = { dingtalk: '钉钉', wecom: '企业微信' };

/** How a group robot appears as a recipient in 发送记录, e.g. `钉钉:市招商工作群`. */
export function robotRecipient(kind: RobotKind, group: string): string {
  return `${ROBOT_CHANNELS[kind]}:${group}`;
}

/** The group name of a robot recipient. */
export function groupOf(recipient: string): string {
  return recipient.replace(/^[^:：]+[:：]/, '').trim();
}

export interface RobotChannelOptions {
  readonly clock: DispatchClock;
  /**
   * How long this run may keep retrying rate-limited robots, from the channel's creation (default
   * 240 s: well inside a 540 s function timeout, and DingTalk's throttle lasts minutes).
   */
  readonly budgetMs?: number;
  readonly maxAttempts?: number;
}

/** A transport that posts each message's digest to the named groups' robots, paced per robot. */
export function createRobotChannel(robots: ReadonlyMap<string, RobotTransport>, options: RobotChannelOptions): MailTransport {
  const deadline = options.clock.now() + (options.budgetMs ?? 240_000);
  // One pacer per robot for the whole run: every report a group gets counts against its 20 a minute.
  const pacers = new Map<string, ReturnType<typeof createPacer>>();
  const pacerOf = (robot: RobotTransport) => {
    const pacer = pacers.get(robot.group) ?? createPacer(robot.limits.perMinute, options.clock);
    pacers.set(robot.group, pacer);
    return pacer;
  };
  const kinds = [...new Set([...robots.values()].map((r) => ROBOT_NAMES[r.kind]))];
  return {
    label: `${kinds.join('、') || '群机器人'}：${[...robots.keys()].join('、')}`,
    async send(mail: OutgoingMail): Promise<DeliveryResult> {
      const result = { accepted: [] as string[], rejected: [] as { address: string; reason: string }[], unknown: [] as { address: string; reason: string }[], details: [] as string[] };
      for (const to of mail.to) {
        const robot = robots.get(groupOf(to));
        if (!robot) {
          result.rejected.push({ address: to, reason: `没有名为“${groupOf(to)}”的群机器人：请在 LEDGER_ROBOTS 中配置，或更正“参数”页通报群 /“单位”页工作群` });
          continue;
        }
        if (!mail.digest) {
          result.rejected.push({ address: to, reason: '这份报告没有群消息摘要，不能发到群里' });
          continue;
        }
        const { result: answer, attempts } = await sendPaced(robot, mail.digest.fit(robot.fits), pacerOf(robot), { clock: options.clock, deadline, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) });
        const tried = attempts > 1 ? `（共尝试 ${attempts} 次）` : '';
        result.details.push(`${robot.group}：${answer.detail}${tried}`);
        if (answer.kind === 'sent') result.accepted.push(to);
        else if (answer.kind === 'unknown') result.unknown.push({ address: to, reason: answer.detail });
        else if (answer.kind === 'retry') result.rejected.push({ address: to, reason: `${answer.detail}${tried}：机器人限流或暂时不可用，本次未发出，下次运行自动重试` });
        else result.rejected.push({ address: to, reason: `${answer.detail}：请核对 LEDGER_ROBOTS 中“${robot.group}”的地址、加签密钥和机器人安全设置` });
      }
      return { accepted: result.accepted, rejected: result.rejected, unknown: result.unknown, detail: result.details.join('；') };
    },
    async close(): Promise<void> {
      // Robots hold no connection between posts.
    },
  };
}
