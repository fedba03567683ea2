import { afterEach, describe, expect, it } from 'vitest';
import { createDingTalkRobot } from '../../functions/channels/dingtalk.js';
import { deliverToRobots, type RobotDelivery } from '../../functions/channels/deliver-robots.js';
import type { RobotTransport } from '../../functions/channels/robot.js';
import { createWeComRobot } from '../../functions/channels/wecom.js';
import { WEEKLY_TAB, assessMonth, bookTabs, readWeeklyRecords, robotRoutes } from '../../functions/core/index.js';
import { asDigests, monthDigests } from '../../templates/robot/index.js';
import { startDingTalkServer, type DingTalkServer } from '../support/robots/dingtalk-server.js';
import { startWeComServer, type WeComServer } from '../support/robots/wecom-server.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';
import { virtualClock } from './support.js';

const SECRET = 'SECcity';
const book = {
  ...WORKED_EXAMPLE,
  settings: { ...WORKED_EXAMPLE.settings, 通报群: '市招商工作群' },
  units: WORKED_EXAMPLE.units.map((u) => (u.name === '甲县' ? { ...u, robotGroup: '甲县招商专班' } : u.name === '乙县' ? { ...u, robotGroup: '乙县招商专班' } : u)),
};
const tabs = bookTabs(book);
const outcome = assessMonth(tabs, { year: 2026, month: 6 }, WORKED_EXAMPLE_NOW);
const digests = asDigests(monthDigests(outcome, WORKED_EXAMPLE_NOW, { weekly: readWeeklyRecords(tabs.get(WEEKLY_TAB.name)) }));

let ding: DingTalkServer;
let wecom: WeComServer;
afterEach(async () => {
  await ding.close();
  await wecom.close();
});

async function setUp(clock = virtualClock(), jiaKey = 'key-jia') {
  ding = await startDingTalkServer([{ token: 'tok-city', secret: SECRET }], { now: clock.now });
  wecom = await startWeComServer(['key-jia', 'key-yi'], { now: clock.now });
  const robots = new Map<string, RobotTransport>([
    ['市招商工作群', createDingTalkRobot({ group: '市招商工作群', url: ding.webhook('tok-city'), secret: SECRET, now: clock.now })],
    ['甲县招商专班', createWeComRobot({ group: '甲县招商专班', url: wecom.webhook(jiaKey) })],
    ['乙县招商专班', createWeComRobot({ group: '乙县招商专班', url: wecom.webhook('key-yi') })],
  ]);
  const { routes, findings } = robotRoutes(outcome.admin, [...robots.keys()]);
  expect(findings).toEqual([]);
  return { clock, robots, routes };
}

describe('delivering a month’s digests to the groups the sheet names', () => {
  it('when every robot works, then each route gets its digest once and each outcome is recorded as it happens', async () => {
    const { clock, robots, routes } = await setUp();
    const recorded: string[] = [];
    const done = await deliverToRobots({ routes, digests, robots, clock, deadline: clock.now() + 540_000, onResult: (d) => { recorded.push(`${d.group}:${d.report}:${d.result.kind}`); } });
    expect(recorded.sort()).toEqual(['乙县招商专班:单位月报:乙县:sent', '市招商工作群:季度讲评:sent', '市招商工作群:月度通报:sent', '甲县招商专班:单位月报:甲县:sent']);
    expect(done).toHaveLength(4);
    expect(ding.posted.map((p) => p.title)).toEqual(['示例市2026年6月招商引资考评通报', '示例市2026年第二季度招商引资讲评']);
    expect(wecom.posted.map((p) => [p.key, p.content.split('\n')[0]])).toEqual(
      expect.arrayContaining([['key-jia', '#### 甲县2026年6月招商引资考核月报'], ['key-yi', '#### 乙县2026年6月招商引资考核月报']]),
    );
  });

  it('when one group’s robot was deleted (93000), then only its digest fails, with the robot’s words, and the others go out', async () => {
    const { clock, robots, routes } = await setUp(virtualClock(), 'key-deleted');
    const done = await deliverToRobots({ routes, digests, robots, clock, deadline: clock.now() + 540_000 });
    const failed = done.filter((d) => d.result.kind === 'failed');
    expect(failed.map((d) => [d.group, d.report])).toEqual([['甲县招商专班', '单位月报:甲县']]);
    expect(failed[0]!.result.detail).toMatch(/^errcode 93000：invalid webhook url/);
    expect(done.filter((d) => d.result.kind === 'sent')).toHaveLength(3);
  });

  it('when recording one robot’s outcome fails, then that robot’s queue stops, the posted digest is still reported as sent, and the other robots are unaffected', async () => {
    const { clock, robots, routes } = await setUp();
    const done = await deliverToRobots({
      routes, digests, robots, clock, deadline: clock.now() + 540_000,
      onResult: (d) => { if (d.group === '市招商工作群') throw new Error('发送记录写入失败'); },
    });
    expect(done.filter((d) => d.group !== '市招商工作群').map((d) => d.result.kind)).toEqual(['sent', 'sent']);
    expect(done.find((d) => d.group === '市招商工作群')?.result.kind).toBe('sent');
  });

  it('when a second run finds the first run’s deliveries in the send log, then nothing is posted again', async () => {
    const { clock, robots, routes } = await setUp();
    const log: RobotDelivery[] = [];
    await deliverToRobots({ routes, digests, robots, clock, deadline: clock.now() + 540_000, onResult: (d) => { log.push(d); } });
    const before = ding.requests.length + wecom.requests.length;
    const again = await deliverToRobots({
      routes, digests, robots, clock, deadline: clock.now() + 540_000,
      alreadySent: (report, group) => log.some((d) => d.report === report && d.group === group && d.result.kind === 'sent'),
    });
    expect(again).toEqual([]);
    expect(ding.requests.length + wecom.requests.length).toBe(before);
  });

  it('when the city robot answers 130101 once, then its digest is retried in the same run and the unit robots are not held up', async () => {
    const { clock, robots, routes } = await setUp();
    ding.inject('rate-limit');
    const done = await deliverToRobots({ routes, digests, robots, clock, deadline: clock.now() + 540_000 });
    expect(done.filter((d) => d.group === '市招商工作群').map((d) => [d.report, d.attempts, d.result.kind])).toEqual([['月度通报', 2, 'sent'], ['季度讲评', 1, 'sent']]);
    expect(ding.posted).toHaveLength(2);
    expect(done.filter((d) => d.group !== '市招商工作群').every((d) => d.attempts === 1 && d.result.kind === 'sent')).toBe(true);
  });
});
