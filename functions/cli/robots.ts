/**
 * `zhaoshang robots [--test]`: the group robots LEDGER_ROBOTS configures (never their URLs or secrets),
 * and with --test one short message to each, so an admin finds a wrong key or secret before month end.
 */
import { dispatch, systemClock } from '../channels/dispatch.js';
import { mdText } from '../channels/markdown.js';
import { ROBOT_NAMES } from '../channels/robot.js';
import { robotMap } from '../channels/robot-config.js';
import type { Config } from '../config.js';
import { formatShanghaiTime } from '../core/index.js';
import { LedgerError } from '../errors.js';
import type { Args } from './args.js';
import { renderTable } from './table.js';

export async function runRobots(args: Args, config: Config, clock: () => Date): Promise<void> {
  if (config.robots.length === 0) {
    process.stdout.write('没有配置群机器人：请在环境变量 LEDGER_ROBOTS 中按群名配置 Webhook 地址（见 README“配置”）。\n');
    return;
  }
  const rows = config.robots.map((r) => [r.group, ROBOT_NAMES[r.kind], r.kind === 'dingtalk' ? (r.secret ? '加签' : '关键词/IP') : 'key', r.atAll ? '是' : '否']);
  process.stdout.write(`${renderTable(['群名', '类型', '安全设置', '@所有人'], rows)}\n`);
  if (!args.test) return;
  const robots = robotMap(config.robots, () => clock().getTime());
  const failed: string[] = [];
  for (const [group, robot] of robots) {
    process.stderr.write(`· 向“${group}”发送测试消息…\n`);
    const [done] = await dispatch(robot, [{ key: '测试', title: '招商引资台账 机器人测试', markdown: `#### 招商引资台账 机器人测试\n\n本群“${mdText(group)}”已可接收通报摘要。\n\n发送时间：${formatShanghaiTime(clock())}` }], {
      clock: systemClock, deadline: Date.now() + 60_000, maxAttempts: 2,
    });
    const ok = done?.result.kind === 'sent';
    process.stdout.write(`${group}：${ok ? '成功' : `失败（${done?.result.detail ?? '未发送'}）`}\n`);
    if (!ok) failed.push(group);
  }
  if (failed.length > 0) throw new LedgerError('BACKEND', `${failed.length} 个群机器人测试失败：${failed.join('、')}。请核对 LEDGER_ROBOTS 中的地址和加签密钥，或机器人的安全设置。`);
}
