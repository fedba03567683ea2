/**
 * The robot channel's port: a group robot (DingTalk custom robot, WeCom group robot) is any object with
 * `send`. A robot message is plain text at heart: Markdown with every typed value escaped, no HTML.
 */

/** One message to one group: a title (DingTalk shows it in the chat list) and a Markdown body. */
export interface RobotMessage {
  /** Stable within a period, e.g. `月度通报`: the send log's report key. */
  readonly key: string;
  /** One line, no Markdown. */
  readonly title: string;
  /** Markdown already fitted to the robot's limit (see `fitMarkdown`). */
  readonly markdown: string;
}

/**
 * What one attempt came to. Robots have no idempotency key, so the four cases matter to the send log:
 * - `sent`: the robot answered errcode 0; never send this message to this group again.
 * - `failed`: the robot refused for a reason a retry cannot fix (wrong secret, unknown webhook, too
 *   long); `detail` carries the robot's own words so the admin can fix the configuration.
 * - `retry`: the robot said "not now" (rate limit, server error) and did not post it; safe to resend
 *   after `afterMs`.
 * - `unknown`: no answer (connection dropped, timeout): it may have been posted. Resending could post
 *   twice, so the dispatcher leaves the decision to the send log instead of retrying on its own.
 */
export type RobotResult =
  | { readonly kind: 'sent'; readonly detail: string }
  | { readonly kind: 'failed'; readonly detail: string }
  | { readonly kind: 'retry'; readonly detail: string; readonly afterMs: number }
  | { readonly kind: 'unknown'; readonly detail: string };

/** A robot's documented limits. */
export interface RobotLimits {
  /** Largest Markdown body the robot accepts, in UTF-8 bytes as the robot counts them. */
  readonly maxBytes: number;
  /** Messages per robot per minute. */
  readonly perMinute: number;
}

export type RobotKind = 'dingtalk' | 'wecom';

export interface RobotTransport {
  readonly kind: RobotKind;
  /** The group's name as the sheet writes it (参数 通报群 / 单位 工作群), for logs and messages. */
  readonly group: string;
  readonly limits: RobotLimits;
  /** True when `markdown` fits this robot's size limit. */
  fits(markdown: string): boolean;
  send(message: RobotMessage): Promise<RobotResult>;
}

/** The product names of the robots, for Chinese messages. */
export const ROBOT_NAMES: Readonly<Record<RobotKind, string>> = { dingtalk: '钉钉群机器人', wecom: '企业微信群机器人' };

/** A report's digest before fitting, as templates/robot builds it: each robot fits it to its own limit. */
export interface Digest {
  /** The send log's report key, the same as the mail's. */
  readonly key: string;
  fit(fits: (markdown: string) => boolean): RobotMessage;
}
