/**
 * Backend-specific tabs derived from an outcome (none yet for workbooks). Kept in one place so every
 * job writes the same set.
 */
import type { CheckOutcome, OutputGrid } from '../core/index.js';

export function extraWrites(outcome: CheckOutcome): Map<string, OutputGrid> {
  void outcome;
  return new Map();
}
