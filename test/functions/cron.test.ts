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

describe('cron rules the hand-written matcher got wrong', () => {
  it.each([
    // Day-of-month and day-of-week both restricted: either one fires (cron's OR rule).
    ['0 0 1 * 1', '2026-06-30T16:00:00Z', true], // Wed 07-01 00:00 Shanghai: the 1st
    ['0 0 1 * 1', '2026-07-05T16:00:00Z', true], // Mon 07-06 00:00 Shanghai: a Monday
    ['0 0 1 * 1', '2026-07-06T16:00:00Z', false], // Tue 07-07: neither
    // Weekday and month names.
    ['0 17 * * THU', '2026-06-25T09:00:00Z', true], // Thu 17:00 Shanghai
    ['0 17 * * THU', '2026-06-26T09:00:00Z', false], // Fri
    ['0 17 * * MON-FRI', '2026-06-27T09:00:00Z', false], // Sat
    ['30 8 * JUL *', '2026-07-14T00:30:00Z', true],
    // Seconds inside the minute still count as that minute.
    ['0 17 * * THU', '2026-06-25T09:00:42Z', true],
  ])('when “%s” is checked at %s, then it fires: %s', (expression, iso, expected) => {
    expect(cronMatches(expression, at(iso))).toBe(expected);
  });

  it.each([['0 0 1 *'], ['0 0 1 * * *'], ['61 0 * * *'], ['0 0 * * FUNDAY']])('when the expression is “%s”, then it is refused with a message naming it', (expression) => {
    expect(() => cronMatches(expression, at('2026-07-01T00:00:00Z'))).toThrow(/cron 表达式/);
  });
});
