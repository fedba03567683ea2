/**
 * DingTalk custom robot ("自定义机器人"): POST {"msgtype":"markdown","markdown":{"title","text"}} to
 * `https://oapi.dingtalk.com/robot/send?access_token=…`. With the "加签" security setting the URL also
 * carries `timestamp` (ms, within an hour of DingTalk's clock) and `sign` = URL-encoded
 * base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)).
 * Limits: 20 messages per minute per robot, over which DingTalk answers errcode 130101 ("send too
 * fast, exceed 20 times per minute") and throttles the robot for about 10 minutes; a request body
 * over 20000 bytes is refused with errcode 460101. Security failures are errcode 310000 (sign not
 * match, invalid timestamp, keywords not in content, ip not in whitelist).
 */
import { createHmac } from 'node:crypto';
import { byteLength } from './markdown.js';
import { postToRobot, redactParams, type PostOptions } from './http.js';
import type { RobotLimits, RobotMessage, RobotTransport } from './robot.js';

/** Body limit 20000 bytes; the JSON envelope and escaping get the rest. */
export const DINGTALK_LIMITS: RobotLimits = { maxBytes: 20_000, perMinute: 20 };
export const DINGTALK_RATE_LIMITED = 130101;

export interface DingTalkOptions extends PostOptions {
  readonly group: string;
  /** The webhook as DingTalk shows it, with access_token. */
  readonly url: string;
  /** The "加签" secret (starts with SEC); omit when the robot uses keywords or an IP list instead. */
  readonly secret?: string;
  /** Mention everyone (isAtAll); off unless configured. */
  readonly atAll?: boolean;
  /** Milliseconds since the epoch, for the signature. */
  readonly now: () => number;
}

/** The "加签" signature of a timestamp, not yet URL-encoded. */
export function dingTalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The URL of one request: signing needs a fresh timestamp each time. */
export function signedUrl(url: string, secret: string | undefined, timestamp: number): string {
  if (!secret) return url;
  const target = new URL(url);
  target.searchParams.set('timestamp', String(timestamp));
  target.searchParams.set('sign', dingTalkSign(secret, timestamp));
  return target.toString();
}

function bodyOf(message: Pick<RobotMessage, 'title' | 'markdown'>, atAll: boolean): unknown {
  return { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown }, at: { isAtAll: atAll } };
}

export function createDingTalkRobot(options: DingTalkOptions): RobotTransport {
  const redact = (text: string) => redactParams(text, ['access_token', 'sign', 'timestamp']);
  const table = { rateLimited: new Set([DINGTALK_RATE_LIMITED]), retryAfterMs: 60_000 };
  return {
    kind: 'dingtalk',
    group: options.group,
    limits: DINGTALK_LIMITS,
    // Measured on the whole request body, with a long title, as DingTalk measures it.
    fits: (markdown) => byteLength(JSON.stringify(bodyOf({ title: '招'.repeat(64), markdown }, options.atAll ?? false))) <= DINGTALK_LIMITS.maxBytes,
    send: (message) => postToRobot(signedUrl(options.url, options.secret, options.now()), bodyOf(message, options.atAll ?? false), table, redact, options),
  };
}
