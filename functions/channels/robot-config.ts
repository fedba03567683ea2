/**
 * Which robot posts to which group. Webhook URLs and signing secrets are secrets, so they live in the
 * environment (on Cloud Functions: one Secret Manager secret exposed as `LEDGER_ROBOTS`), never in the
 * sheet; the sheet only names the group (参数 通报群, 单位 工作群). Group names are Chinese, which
 * environment variable names cannot carry portably, hence one JSON object keyed by group name:
 *
 *   LEDGER_ROBOTS={"市招商工作群":{"url":"https://oapi.dingtalk.com/robot/send?access_token=…","secret":"SEC…"},
 *                  "温县招商专班":{"url":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"}}
 *
 * A DingTalk robot secured by "自定义关键词" instead of 加签 needs a keyword every digest contains:
 * 招商引资 is in every digest's title line.
 */
import * as z from 'zod';
import { createDingTalkRobot } from './dingtalk.js';
import type { PostOptions } from './http.js';
import type { RobotKind, RobotTransport } from './robot.js';
import { createWeComRobot } from './wecom.js';

const Robot = z.object({
  url: z.string().url('不是网址：请粘贴机器人设置页显示的完整 Webhook 地址'),
  /** DingTalk "加签" secret. */
  secret: z.string().min(1).optional(),
  /** dingtalk / wecom; inferred from the URL when omitted. */
  type: z.enum(['dingtalk', 'wecom']).optional(),
  /** Mention everyone (DingTalk only). */
  atAll: z.boolean().default(false),
}).strict();

export const Robots = z.record(z.string().trim().min(1), Robot);

export interface RobotConfig {
  readonly group: string;
  readonly kind: RobotKind;
  readonly url: string;
  readonly secret: string | undefined;
  readonly atAll: boolean;
}

/** The robot kind a webhook URL belongs to, by its documented path. */
export function kindOf(url: string): RobotKind | undefined {
  const path = new URL(url).pathname;
  if (path.endsWith('/robot/send')) return 'dingtalk';
  if (path.endsWith('/cgi-bin/webhook/send')) return 'wecom';
  return undefined;
}

/**
 * Parses `LEDGER_ROBOTS`. Returns the robots or the problems, each naming the group and never quoting
 * the URL or the secret (the message may end up in a log).
 */
export function parseRobots(json: string | undefined): { robots: RobotConfig[]; problems: string[] } {
  if (json === undefined || json.trim() === '') return { robots: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { robots: [], problems: ['LEDGER_ROBOTS 不是合法的 JSON：请写成 {"群名":{"url":"Webhook 地址","secret":"加签密钥"}}'] };
  }
  const parsed = Robots.safeParse(raw);
  if (!parsed.success) {
    return { robots: [], problems: parsed.error.issues.map((i) => `LEDGER_ROBOTS 中${i.path.length > 0 ? `“${i.path.join('.')}”` : ''}：${i.message}`) };
  }
  const robots: RobotConfig[] = [];
  const problems: string[] = [];
  for (const [group, robot] of Object.entries(parsed.data)) {
    const kind = robot.type ?? kindOf(robot.url);
    if (!kind) {
      problems.push(`LEDGER_ROBOTS 中“${group}”的地址既不是钉钉（…/robot/send?access_token=…）也不是企业微信（…/cgi-bin/webhook/send?key=…）的机器人地址：请核对，或加上 "type":"dingtalk" / "wecom"`);
      continue;
    }
    const search = new URL(robot.url).searchParams;
    if (kind === 'dingtalk' && !search.get('access_token')) problems.push(`LEDGER_ROBOTS 中“${group}”的钉钉地址缺少 access_token：请粘贴完整的 Webhook 地址`);
    else if (kind === 'wecom' && !search.get('key')) problems.push(`LEDGER_ROBOTS 中“${group}”的企业微信地址缺少 key：请粘贴完整的 Webhook 地址`);
    else if (kind === 'wecom' && robot.secret) problems.push(`LEDGER_ROBOTS 中“${group}”是企业微信机器人，没有加签密钥：请删去 secret`);
    else robots.push({ group: group.trim(), kind, url: robot.url, secret: robot.secret, atAll: robot.atAll });
  }
  return { robots, problems };
}

/** The transport of one configured robot. */
export function robotFor(config: RobotConfig, now: () => number, options: PostOptions = {}): RobotTransport {
  return config.kind === 'dingtalk'
    ? createDingTalkRobot({ ...options, group: config.group, url: config.url, secret: config.secret, atAll: config.atAll, now })
    : createWeComRobot({ ...options, group: config.group, url: config.url });
}

/** Every configured robot's transport, by group name. */
export function robotMap(configs: readonly RobotConfig[], now: () => number, options: PostOptions = {}): Map<string, RobotTransport> {
  return new Map(configs.map((c) => [c.group, robotFor(c, now, options)]));
}
