/**
 * Posting a run's digests to the groups the sheet names: one paced queue per robot, robots in
 * parallel, each digest fitted to its robot. It never throws for a robot's failure: a robot that is
 * misconfigured or down costs its own digests, never the mail or another group's robot. Exactly-once
 * across runs is the send log's job: `alreadySent` filters, `onResult` records each outcome before the
 * robot's next message goes out.
 */
import type { RobotRoute } from '../core/index.js';
import { dispatch, type DispatchClock } from './dispatch.js';
import type { RobotMessage, RobotResult, RobotTransport } from './robot.js';

/** A digest before fitting, as templates/robot builds it. */
export interface Digest {
  readonly key: string;
  /** Fits the digest to one robot's limit. */
  fit(fits: (markdown: string) => boolean): RobotMessage;
}

export interface RobotDelivery {
  readonly report: string;
  readonly group: string;
  readonly result: RobotResult;
  readonly attempts: number;
}

export interface DeliverRobotsInput {
  readonly routes: readonly RobotRoute[];
  readonly digests: readonly Digest[];
  /** Configured robots by group name. */
  readonly robots: ReadonlyMap<string, RobotTransport>;
  readonly clock: DispatchClock;
  /** Epoch ms after which no retry starts. */
  readonly deadline: number;
  /** True when the send log already has this (report, group) as delivered. */
  readonly alreadySent?: (report: string, group: string) => boolean;
  readonly onResult?: (delivery: RobotDelivery) => Promise<void> | void;
}

export async function deliverToRobots(input: DeliverRobotsInput): Promise<RobotDelivery[]> {
  const byGroup = new Map<string, RobotMessage[]>();
  for (const route of input.routes) {
    const robot = input.robots.get(route.group);
    const digest = input.digests.find((d) => d.key === route.report);
    if (!robot || !digest || input.alreadySent?.(route.report, route.group)) continue;
    byGroup.set(route.group, [...(byGroup.get(route.group) ?? []), digest.fit(robot.fits)]);
  }
  const perRobot = await Promise.all(
    [...byGroup].map(async ([group, messages]) => {
      const robot = input.robots.get(group)!;
      const done: RobotDelivery[] = [];
      try {
        await dispatch(robot, messages, {
          clock: input.clock,
          deadline: input.deadline,
          onResult: async (message, result, attempts) => {
            const delivery = { report: message.key, group, result, attempts };
            done.push(delivery);
            await input.onResult?.(delivery);
          },
        });
      } catch (error) {
        // A bug or a send-log failure in this robot's queue: its remaining digests wait for the next run.
        const detail = `发送中断：${(error as Error).message}`;
        for (const m of messages.filter((m) => !done.some((d) => d.report === m.key))) done.push({ report: m.key, group, result: { kind: 'retry', detail, afterMs: 0 }, attempts: 0 });
      }
      return done;
    }),
  );
  return perRobot.flat();
}
