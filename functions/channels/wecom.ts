/**
 * WeCom group robot ("群机器人"): POST {"msgtype":"markdown","markdown":{"content"}} to
 * `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`; the key in the URL is the only credential.
 * Limits: markdown.content at most 4096 bytes UTF-8 (errcode 40058 "markdown.content exceed max length
 * 4096"), 20 messages per minute per robot (errcode 45009 "api freq out of limit"); an unknown or
 * deleted key is errcode 93000 ("invalid webhook url"). The markdown message type cannot mention
 * everyone, so `atAll` is a DingTalk-only setting.
 */
import { byteLength } from './markdown.js';
import { postToRobot, redactParams, type PostOptions } from './http.js';
import type { RobotLimits, RobotTransport } from './robot.js';

export const WECOM_LIMITS: RobotLimits = { maxBytes: 4096, perMinute: 20 };
export const WECOM_RATE_LIMITED = 45009;

export interface WeComOptions extends PostOptions {
  readonly group: string;
  /** The webhook as WeCom shows it, with key. */
  readonly url: string;
}

export function createWeComRobot(options: WeComOptions): RobotTransport {
  const redact = (text: string) => redactParams(text, ['key']);
  const table = { rateLimited: new Set([WECOM_RATE_LIMITED]), retryAfterMs: 60_000 };
  return {
    kind: 'wecom',
    group: options.group,
    limits: WECOM_LIMITS,
    fits: (markdown) => byteLength(markdown) <= WECOM_LIMITS.maxBytes,
    // WeCom has no title field: the title is the digest's first line.
    send: (message) => postToRobot(options.url, { msgtype: 'markdown', markdown: { content: message.markdown } }, table, redact, options),
  };
}
