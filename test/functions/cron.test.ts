import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/deploy/plan.js';
import { cronMatches } from '../../functions/runtime/cron.js';

const at = (iso: string) => new Date(iso);
const fires = (name: string, iso: string) => cronMatches(FUNCTIONS.find((f) => f.name === name)!.schedule!, at(iso));

describe('the local scheduler reads the deployment’s cron expressions in Asia/Shanghai', () => {
  it.each([
    ['ledger-monthly', '2026-06-30T22:00:00Z', true], // 07-01 06:00 Shanghai
    ['ledger-monthly', '2026-07-01T06:00:00Z', false], // 07-01 14:00 Shanghai
    ['ledger-weekly-deadline', '2026-06-26T09:05:00Z', true], // Fri 17:05
    ['ledger-weekly-deadline', '2026-06-25T09:05:00Z', false], // Thu
    ['ledger-weekly-reminder', '2026-06-25T09:00:00Z', true], // Thu 17:00
    ['ledger-validate', '2026-06-29T00:00:00Z', true], // Mon 08:00
    ['ledger-validate', '2026-06-28T02:00:00Z', false], // Sun 10:00
    ['ledger-validate', '2026-06-29T11:00:00Z', false], // Mon 19:00
  ])('when %s is checked at %s, then it fires: %s', (name, iso, expected) => {
    expect(fires(name, iso)).toBe(expected);
  });
});
