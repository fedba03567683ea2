/**
 * Programmable fault injection: a FIFO queue of faults, each applied to the
 * next `times` requests it matches.
 */
import { READ_KINDS, type RequestKind } from './types.js';

/** Which requests a fault applies to: one kind, all reads, all writes, or any. */
export type FaultMatch = RequestKind | 'read' | 'write' | 'any';

/** The effect of a fault. */
export type FaultEffect =
  /** Answer with this status and Google's error body (429 → RESOURCE_EXHAUSTED quota error). State is untouched. */
  | { kind: 'status'; status: number; message?: string }
  /** Wait `ms` before handling the request normally (the request is still applied). */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket without any response. State is untouched. */
  | { kind: 'drop' }
  /** Never respond (until the server closes). State is untouched. */
  | { kind: 'hang' };

/** A fault to push: an effect, what it matches (default `any`) and how often (default 1). */
export type Fault = FaultEffect & { match?: FaultMatch; times?: number };

interface Pending {
  effect: FaultEffect;
  match: FaultMatch;
  remaining: number;
}

function matches(match: FaultMatch, kind: RequestKind): boolean {
  if (match === 'any') return true;
  if (match === 'read') return READ_KINDS.has(kind);
  if (match === 'write') return !READ_KINDS.has(kind);
  return match === kind;
}

/** FIFO fault queue. The first pending fault that matches a request is applied to it. */
export class FaultQueue {
  readonly #pending: Pending[] = [];
  /** Faults applied so far, in order (for assertions). */
  readonly applied: { kind: RequestKind; effect: FaultEffect }[] = [];

  /** Queues one or more faults. */
  push(...faults: Fault[]): void {
    for (const fault of faults) {
      const { match = 'any', times = 1, ...effect } = fault;
      if (times > 0) this.#pending.push({ effect: effect as FaultEffect, match, remaining: times });
    }
  }

  /** Takes the fault for a request of `kind`, if any, consuming one use. */
  take(kind: RequestKind): FaultEffect | undefined {
    const index = this.#pending.findIndex((p) => matches(p.match, kind));
    if (index < 0) return undefined;
    const pending = this.#pending[index];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.#pending.splice(index, 1);
    this.applied.push({ kind, effect: pending.effect });
    return pending.effect;
  }

  /** Number of fault uses still queued. */
  get pending(): number {
    return this.#pending.reduce((n, p) => n + p.remaining, 0);
  }

  /** Removes all queued faults and forgets applied ones. */
  clear(): void {
    this.#pending.length = 0;
    this.applied.length = 0;
  }
}
