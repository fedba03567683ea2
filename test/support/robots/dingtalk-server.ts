/**
 * A DingTalk custom robot on loopback, as documented: POST /robot/send?access_token=…[&timestamp&sign],
 * JSON body, answer HTTP 200 {"errcode","errmsg"}. Checks, in DingTalk's order: the token (300001),
 * the body size (460101, over 20000 bytes), the "加签" timestamp window (310000 invalid timestamp, more
 * than an hour off) and signature (310000 sign not match), the custom keywords (310000 keywords not in
 * content), the message (40035 for a missing msgtype), and the rate (130101 send too fast, 20 a minute,
 * then throttled for `penaltyMs`).
 */
import { createHmac } from 'node:crypto';
import { rateWindow, startLoopback, type Loopback, type Reply } from './loopback.js';

export interface DingTalkRobotSpec {
  readonly token: string;
  readonly secret?: string;
  readonly keywords?: readonly string[];
}

export interface DingTalkPost {
  readonly token: string;
  readonly title: string;
  readonly text: string;
  readonly isAtAll: boolean;
}

export interface DingTalkServer extends Loopback {
  /** Messages the robot accepted and posted into its group. */
  readonly posted: DingTalkPost[];
  /** The webhook of a robot, as DingTalk shows it. */
  webhook(token: string): string;
}

const RATE_LIMITED = { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };

export async function startDingTalkServer(robots: readonly DingTalkRobotSpec[], options: { now?: () => number; penaltyMs?: number } = {}): Promise<DingTalkServer> {
  const now = options.now ?? Date.now;
  const allow = rateWindow(20, now);
  const throttledUntil = new Map<string, number>();
  const posted: DingTalkPost[] = [];
  const answer = (errcode: number, errmsg: string): Reply => ({ body: { errcode, errmsg } });
  const loopback = await startLoopback((url, raw) => {
    const token = url.searchParams.get('access_token') ?? '';
    const robot = robots.find((r) => r.token === token);
    if (url.pathname !== '/robot/send' || !robot) return answer(300001, 'token is not exist');
    if (Buffer.byteLength(raw, 'utf8') > 20_000) return answer(460101, 'description: body 大小不合法;solution:请保持大小在 20000bytes 以内;');
    if (robot.secret) {
      const timestamp = Number(url.searchParams.get('timestamp'));
      if (!Number.isFinite(timestamp) || Math.abs(now() - timestamp) > 3_600_000) return answer(310000, 'invalid timestamp');
      const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64');
      if (url.searchParams.get('sign') !== expected) return answer(310000, '机器人发送签名不匹配;solution:请确认签名和生成签名的时间戳必须都放在调用的网址中，请确认机器人的密钥加密和填写正确;');
    }
    let body: { msgtype?: string; markdown?: { title?: string; text?: string }; at?: { isAtAll?: boolean } };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return answer(40035, '缺少参数 json');
    }
    if (body.msgtype !== 'markdown' || typeof body.markdown?.text !== 'string' || typeof body.markdown.title !== 'string') return answer(40035, '缺少参数 markdown');
    const { title, text } = body.markdown as { title: string; text: string };
    if (robot.keywords && !robot.keywords.some((k) => text.includes(k) || title.includes(k))) return answer(310000, 'keywords not in content');
    if ((throttledUntil.get(token) ?? 0) > now()) return { body: RATE_LIMITED };
    if (!allow(token)) {
      throttledUntil.set(token, now() + (options.penaltyMs ?? 600_000));
      return { body: RATE_LIMITED };
    }
    posted.push({ token, title, text, isAtAll: body.at?.isAtAll === true });
    return answer(0, 'ok');
  }, () => ({ body: RATE_LIMITED }));
  return { ...loopback, posted, webhook: (token) => `${loopback.origin}/robot/send?access_token=${token}` };
}
