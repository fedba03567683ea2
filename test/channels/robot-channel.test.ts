import { afterEach, describe, expect, it } from 'vitest';
import { createRobotChannel, groupOf, robotRecipient } from '../../functions/channels/robot-channel.js';
import type { Digest } from '../../functions/channels/robot.js';
import { createWeComRobot } from '../../functions/channels/wecom.js';
import type { OutgoingMail } from '../../functions/ports.js';
import type { Fault } from '../support/robots/loopback.js';
import { startWeComServer, type WeComServer } from '../support/robots/wecom-server.js';
import { virtualClock } from './support.js';

let wecom: WeComServer | undefined;
afterEach(async () => { await wecom?.close(); });

const digest = (key: string): Digest => ({ key, fit: () => ({ key, title: `${key} 招商引资`, markdown: `#### ${key} 招商引资` }) });
const mail = (to: string[], key = '单位月报:温县', withDigest = true): OutgoingMail => ({
  messageId: `<${key}@x>`, name: key, to, subject: key, html: '<p>x</p>', text: 'x', attachments: [], date: new Date(0), ...(withDigest ? { digest: digest(key) } : {}),
});

async function channel() {
  const clock = virtualClock();
  const server = await startWeComServer(['key-wen'], { now: clock.now });
  wecom = server;
  const robots = new Map([['温县招商专班', createWeComRobot({ group: '温县招商专班', url: server.webhook('key-wen') })]]);
  return { clock, server, robot: createRobotChannel(robots, { clock, budgetMs: 240_000 }) };
}

const TO = robotRecipient('wecom', '温县招商专班');

describe('group robots behind the mail transport port', () => {
  it('when a recipient is written 企业微信:群名, then the group name picks the robot', () => {
    expect(TO).toBe('企业微信:温县招商专班');
    expect(groupOf('钉钉：市招商工作群')).toBe('市招商工作群');
  });

  it.each<[string, string, Fault | undefined, number]>([
    ['answers errcode 0', 'accepted', undefined, 0],
    ['answers 45009 once', 'accepted', 'rate-limit', 1],
    ['stays rate-limited past the budget', 'rejected', 'rate-limit', 9],
    ['answers HTTP 502 once', 'accepted', 'server-error', 1],
    ['drops the connection', 'unknown', 'drop', 1],
  ])('when the robot %s, then the recipient is %s for the send log', async (_case, expected, fault, times) => {
    const { robot, server } = await channel();
    if (fault) server.inject(fault, times);
    const result = await robot.send(mail([TO]));
    const bucket = result.accepted.includes(TO) ? 'accepted' : result.rejected.some((r) => r.address === TO) ? 'rejected' : result.unknown?.some((r) => r.address === TO) ? 'unknown' : 'none';
    expect(bucket).toBe(expected);
    expect(server.posted.length).toBe(expected === 'accepted' ? 1 : 0);
  });

  it('when still rate-limited at the end of the budget, then the reason says it was not posted and will be retried', async () => {
    const { robot, server } = await channel();
    server.inject('rate-limit', 9);
    const result = await robot.send(mail([TO]));
    expect(result.rejected[0]?.reason).toMatch(/^errcode 45009：api freq out of limit.*（共尝试 \d 次）：机器人限流或暂时不可用，本次未发出，下次运行自动重试$/);
  });

  it.each([
    ['names a group without a robot', mail(['企业微信:不存在的群']), /没有名为“不存在的群”的群机器人/],
    ['has no digest', mail([TO], '月度通报', false), /没有群消息摘要/],
  ])('when a message %s, then it is a definite failure that says why, and nothing is posted', async (_case, message, reason) => {
    const { robot, server } = await channel();
    const result = await robot.send(message);
    expect(result.rejected[0]?.reason).toMatch(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('when a run posts 21 reports to one group, then the 21st waits for the robot’s minute instead of being refused', async () => {
    const { robot, clock, server } = await channel();
    for (let i = 0; i < 21; i++) expect((await robot.send(mail([TO], `单位月报:${i}`))).accepted).toEqual([TO]);
    expect(server.posted).toHaveLength(21);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60_000 - 1);
  });
});
