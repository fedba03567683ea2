import { afterEach, describe, expect, it } from 'vitest';
import { createDingTalkRobot, dingTalkSign, signedUrl } from '../../functions/channels/dingtalk.js';
import { dispatch } from '../../functions/channels/dispatch.js';
import { fitMarkdown } from '../../functions/channels/markdown.js';
import type { RobotMessage } from '../../functions/channels/robot.js';
import { createWeComRobot } from '../../functions/channels/wecom.js';
import { startDingTalkServer, type DingTalkRobotSpec, type DingTalkServer } from '../support/robots/dingtalk-server.js';
import { startWeComServer, type WeComServer } from '../support/robots/wecom-server.js';
import { virtualClock } from './support.js';

const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab';
const message = (n = 1, markdown = `#### 焦作市 2026年6月 招商引资考评通报\n\n第 ${n} 条`): RobotMessage => ({ key: `月度通报#${n}`, title: '2026年6月 招商引资考评通报', markdown });

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function dingTalk(clock = virtualClock(), robots: readonly DingTalkRobotSpec[] = [{ token: 'tok-city', secret: SECRET }]): Promise<DingTalkServer> {
  const server = await startDingTalkServer(robots, { now: clock.now });
  servers.push(server);
  return server;
}

async function weCom(clock = virtualClock()): Promise<WeComServer> {
  const server = await startWeComServer(['key-wenxian'], { now: clock.now });
  servers.push(server);
  return server;
}

describe('DingTalk custom robot with 加签', () => {
  it('when a known timestamp and secret are signed, then the signature equals one computed independently (Python hmac) and is URL-encoded', () => {
    // python3: base64.b64encode(hmac.new(secret, f"{ts}\n{secret}", sha256).digest()), then quote_plus.
    expect(dingTalkSign('SEC1234567890abcdef', 1577262236757)).toBe('f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T+WkIqzDk=');
    expect(signedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC1234567890abcdef', 1577262236757))
      .toBe('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1577262236757&sign=f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T%2BWkIqzDk%3D');
  });

  it('when a digest is larger than DingTalk’s 20000-byte body, then unfitted it is refused (460101) and fitted it is posted', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-city'), secret: SECRET, now: clock.now });
    const lines = Array.from({ length: 800 }, (_, i) => `- 第 ${i + 1} 名：“引号”与\\反斜杠的项目名称`);
    expect((await robot.send(message(1, lines.join('\n')))).detail).toMatch(/^errcode 460101：/);
    const fitted = fitMarkdown(lines, robot.fits, '完整通报见邮件');
    expect((await robot.send(message(2, fitted))).kind).toBe('sent');
    expect(Buffer.byteLength(server.requests[1]!.raw)).toBeLessThanOrEqual(20_000);
    expect(Buffer.byteLength(server.requests[1]!.raw)).toBeGreaterThan(19_000);
  });

  it('when a report is sent with the right secret, then the robot verifies the signature and posts it once', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-city'), secret: SECRET, now: clock.now });
    const result = await robot.send(message());
    expect(result).toEqual({ kind: 'sent', detail: 'errcode 0：ok' });
    expect(server.posted).toEqual([{ token: 'tok-city', title: '2026年6月 招商引资考评通报', text: message().markdown, isAtAll: false }]);
    const url = server.requests[0]!.url;
    expect(Number(url.searchParams.get('timestamp'))).toBe(clock.now());
    expect(url.searchParams.get('sign')).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it.each([
    ['the secret is wrong', { secret: `${SECRET}x`, skewMs: 0 }, /签名不匹配/],
    ['the clock is more than an hour off', { secret: SECRET, skewMs: 3_700_000 }, /invalid timestamp/],
    ['the robot has no secret configured here', { secret: undefined, skewMs: 0 }, /invalid timestamp/],
  ])('when %s, then it is a definite failure in the robot’s own words and nothing is posted', async (_case, { secret, skewMs }, words) => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-city'), secret, now: () => clock.now() - skewMs });
    const result = await robot.send(message());
    expect(result.kind).toBe('failed');
    expect(result.detail).toMatch(/^errcode 310000：/);
    expect(result.detail).toMatch(words);
    expect(server.posted).toHaveLength(0);
  });

  it('when the token is unknown, then the failure says so and the token is not repeated in it', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-nobody'), secret: SECRET, now: clock.now });
    const result = await robot.send(message());
    expect(result).toEqual({ kind: 'failed', detail: 'errcode 300001：token is not exist' });
  });

  it('when the robot requires a keyword the digest lacks, then the failure quotes “keywords not in content”', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock, [{ token: 'tok-city', keywords: ['台账'] }]);
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-city'), now: clock.now });
    expect(await robot.send(message())).toEqual({ kind: 'failed', detail: 'errcode 310000：keywords not in content' });
    expect((await robot.send(message(2, '招商引资台账 通报'))).kind).toBe('sent');
  });

  it('when @all is configured, then the message mentions everyone; otherwise it never does', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    const quiet = createDingTalkRobot({ group: 'g', url: server.webhook('tok-city'), secret: SECRET, now: clock.now });
    const loud = createDingTalkRobot({ group: 'g', url: server.webhook('tok-city'), secret: SECRET, atAll: true, now: clock.now });
    await quiet.send(message(1));
    await loud.send(message(2));
    expect(server.posted.map((p) => p.isAtAll)).toEqual([false, true]);
  });
});

describe('WeCom group robot', () => {
  it('when the key is known, then the markdown content is posted', async () => {
    const server = await weCom();
    const robot = createWeComRobot({ group: '温县招商专班', url: server.webhook('key-wenxian') });
    expect((await robot.send(message())).kind).toBe('sent');
    expect(server.posted).toEqual([{ key: 'key-wenxian', content: message().markdown }]);
  });

  it('when the key is unknown, then 93000 is a definite failure with the robot’s words', async () => {
    const server = await weCom();
    const robot = createWeComRobot({ group: '温县招商专班', url: server.webhook('key-deleted') });
    const result = await robot.send(message());
    expect(result.kind).toBe('failed');
    expect(result.detail).toMatch(/^errcode 93000：invalid webhook url/);
  });

  it('when a digest is longer than 4096 bytes, then unfitted it is refused and fitted it is posted with the pointer line', async () => {
    const server = await weCom();
    const robot = createWeComRobot({ group: '温县招商专班', url: server.webhook('key-wenxian') });
    const lines = ['#### 2026年6月 招商引资考评通报', ...Array.from({ length: 300 }, (_, i) => `- 第 ${i + 1} 名：项目名称很长的一个重点项目`)];
    expect((await robot.send(message(1, lines.join('\n')))).detail).toMatch(/^errcode 40058：/);
    const fitted = fitMarkdown(lines, robot.fits, '完整通报见邮件附件');
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(4096);
    expect((await robot.send(message(2, fitted))).kind).toBe('sent');
    expect(server.posted[0]!.content.endsWith('\n\n完整通报见邮件附件')).toBe(true);
  });
});

describe('rate limits: paced, and retried later in the same run without duplicates', () => {
  it('when the robot answers 130101 twice, then the message is retried after backing off and posted exactly once', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    server.inject('rate-limit', 2);
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-city'), secret: SECRET, now: clock.now });
    const logged: string[] = [];
    const [done] = await dispatch(robot, [message()], { clock, deadline: clock.now() + 540_000, onResult: (m, r) => { logged.push(`${m.key}:${r.kind}`); } });
    expect(done).toMatchObject({ attempts: 3, result: { kind: 'sent' } });
    expect(server.requests).toHaveLength(3);
    expect(server.posted).toHaveLength(1);
    expect(clock.slept).toEqual([60_000, 120_000]);
    expect(logged).toEqual(['月度通报#1:sent']);
  });

  it('when 25 messages go to one WeCom robot, then they are paced under 20 a minute and the robot never says 45009', async () => {
    const clock = virtualClock();
    const server = await weCom(clock);
    const robot = createWeComRobot({ group: '温县招商专班', url: server.webhook('key-wenxian') });
    const start = clock.now();
    const done = await dispatch(robot, Array.from({ length: 25 }, (_, i) => message(i + 1)), { clock, deadline: start + 540_000 });
    expect(done.map((d) => d.result.kind)).toEqual(Array(25).fill('sent'));
    expect(done.every((d) => d.attempts === 1)).toBe(true);
    expect(server.posted.map((p) => p.content)).toEqual(Array.from({ length: 25 }, (_, i) => message(i + 1).markdown));
    expect(clock.now() - start).toBeGreaterThanOrEqual(60_000);
  });

  it('when the rate limit outlasts the run’s deadline, then the message stays unsent as retryable for the next run', async () => {
    const clock = virtualClock();
    const server = await weCom(clock);
    server.inject('rate-limit', 5);
    const robot = createWeComRobot({ group: '温县招商专班', url: server.webhook('key-wenxian') });
    const [done] = await dispatch(robot, [message()], { clock, deadline: clock.now() + 90_000 });
    expect(done!.result.kind).toBe('retry');
    expect(done!.result.detail).toMatch(/^errcode 45009：api freq out of limit/);
    expect(done!.attempts).toBe(2);
    expect(server.posted).toHaveLength(0);
  });

  it('when the robot answers HTTP 502 once, then the message is retried and posted once', async () => {
    const clock = virtualClock();
    const server = await weCom(clock);
    server.inject('server-error');
    const robot = createWeComRobot({ group: '温县招商专班', url: server.webhook('key-wenxian') });
    const [done] = await dispatch(robot, [message()], { clock, deadline: clock.now() + 540_000 });
    expect(done).toMatchObject({ attempts: 2, result: { kind: 'sent' } });
    expect(server.posted).toHaveLength(1);
  });

  it('when the connection drops before an answer, then the result is unknown and the message is not resent blindly', async () => {
    const clock = virtualClock();
    const server = await dingTalk(clock);
    server.inject('drop');
    const robot = createDingTalkRobot({ group: '市招商工作群', url: server.webhook('tok-city'), secret: SECRET, now: clock.now });
    const done = await dispatch(robot, [message(1), message(2)], { clock, deadline: clock.now() + 540_000 });
    expect(done.map((d) => [d.result.kind, d.attempts])).toEqual([['unknown', 1], ['sent', 1]]);
    expect(done[0]!.result.detail).toMatch(/^没有收到机器人的答复/);
    expect(done[0]!.result.detail).not.toContain('tok-city');
    expect(server.requests).toHaveLength(2);
  });
});
