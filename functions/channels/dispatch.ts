/**
 * Sending a run's messages to one robot: paced under its per-minute limit, and when the robot still
 * answers "too fast" (others post through the same robot), waiting and trying again later in the same
 * run. A message is posted at most once per `sent`: it is never resent after the robot accepted it, and
 * never resent after an `unknown` (no answer), which the send log resolves instead.
 */
import type { RobotMessage, RobotResult, RobotTransport } from './robot.js';

export interface DispatchClock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface DispatchOptions {
  readonly clock: DispatchClock;
  /** Epoch ms after which no retry is started: the run must finish (a function's timeout). */
  readonly deadline: number;
  /** Attempts per message, the first included. */
  readonly maxAttempts?: number;
  /** Called after every final result, before the next message goes out: the write-ahead log's hook. */
  readonly onResult?: (message: RobotMessage, result: RobotResult, attempts: number) => Promise<void> | void;
}

export interface Dispatched {
  readonly message: RobotMessage;
  readonly result: RobotResult;
  readonly attempts: number;
}

/** A sliding one-minute window of this run's posts to one robot. */
export function createPacer(perMinute: number, clock: DispatchClock): { wait(): Promise<void> } {
  const posts: number[] = [];
  return {
    async wait() {
      for (;;) {
        const now = clock.now();
        while (posts.length > 0 && now - (posts[0] ?? 0) >= 60_000) posts.shift();
        if (posts.length < perMinute) break;
        await clock.sleep(60_000 - (now - (posts[0] ?? now)) + 1);
      }
      posts.push(clock.now());
    },
  };
}

/** Options of one paced send. */
export interface PacedOptions {
  readonly clock: DispatchClock;
  readonly deadline: number;
  readonly maxAttempts?: number;
}

/**
 * One message to one robot: waits its turn under the robot's per-minute limit and, while the robot says
 * "not now", tries again later, until `maxAttempts` or the deadline. Never retries `sent` or `unknown`.
 */
export async function sendPaced(robot: RobotTransport, message: RobotMessage, pacer: { wait(): Promise<void> }, options: PacedOptions): Promise<{ result: RobotResult; attempts: number }> {
  const { clock } = options;
  const maxAttempts = options.maxAttempts ?? 4;
  let attempts = 0;
  for (;;) {
    await pacer.wait();
    attempts += 1;
    const result = await robot.send(message);
    if (result.kind !== 'retry' || attempts >= maxAttempts) return { result, attempts };
    // Back off longer each time: DingTalk keeps a robot throttled for minutes once it is over.
    const wait = result.afterMs * 2 ** (attempts - 1);
    if (clock.now() + wait > options.deadline) return { result, attempts };
    await clock.sleep(wait);
  }
}

/** Sends each message in order; returns one final result per message. */
export async function dispatch(robot: RobotTransport, messages: readonly RobotMessage[], options: DispatchOptions): Promise<Dispatched[]> {
  const pacer = createPacer(robot.limits.perMinute, options.clock);
  const done: Dispatched[] = [];
  for (const message of messages) {
    const { result, attempts } = await sendPaced(robot, message, pacer, options);
    await options.onResult?.(message, result, attempts);
    done.push({ message, result, attempts });
  }
  return done;
}

/** The real clock. */
export const systemClock: DispatchClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
