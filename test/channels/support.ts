/** A virtual clock shared by the robot, the dispatcher and the loopback server: waits take no time. */
import type { DispatchClock } from '../../functions/channels/dispatch.js';

export interface VirtualClock extends DispatchClock {
  readonly slept: number[];
}

export function virtualClock(startIso = '2026-07-01T06:00:00+08:00'): VirtualClock {
  let t = Date.parse(startIso);
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}
