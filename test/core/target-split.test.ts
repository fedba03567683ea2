import { describe, expect, it } from 'vitest';
import { splitTarget, type SplitResult } from '../../functions/core/index.js';

const units = (...bases: number[]) => bases.map((basis, i) => ({ name: `U${i + 1}`, basis }));
const targets = (result: SplitResult) => (result.ok ? result.lines.map((l) => l.target) : result.problem);
const sum = (result: SplitResult) => (result.ok ? result.lines.reduce((s, l) => s + l.target, 0) : Number.NaN);

describe('splitTarget', () => {
  it.each([
    ['a round total in proportion', units(300, 200, 100), 1_200_000, 100, [600_000, 400_000, 200_000]],
    ['a prime total of 万元, rounded to 1', units(1, 1, 1), 1_000_003, 1, [333_335, 333_334, 333_334]],
    ['a prime total with --round 100: the leftover goes to the largest target', units(5, 3, 2), 1_000_003, 100, [500_003, 300_000, 200_000]],
    ['awkward proportions (7 units, prime basis)', units(13, 17, 19, 23, 29, 31, 37), 999_983, 1, null],
    ['exactly as many steps as units', units(100, 1, 1, 1), 400, 100, [100, 100, 100, 100]],
    ['all-zero history: equal', units(0, 0, 0), 900, 100, [300, 300, 300]],
    ['one unit with zero history: it gets one step, the rest is split', units(0, 100, 300), 10_000, 100, [100, 2_500, 7_400]],
    ['a count indicator', units(10, 5, 0, 1), 30, 1, [18, 9, 1, 2]],
  ])('when %s, then the targets sum exactly to the total', (_name, list, total, step, expected) => {
    const result = splitTarget({ units: list, total, step, equal: false });
    expect(sum(result)).toBe(total);
    if (expected) expect(targets(result)).toEqual(expected);
    if (result.ok) for (const line of result.lines) expect(line.target).toBeGreaterThan(0);
  });

  it('when shares tie on the remainder, then the unit listed first in 单位 gets the extra step', () => {
    const result = splitTarget({ units: units(1, 1, 1, 1), total: 600, step: 100, equal: false });
    expect(targets(result)).toEqual([200, 200, 100, 100]);
    const reversed = splitTarget({ units: units(1, 1, 1, 1).reverse(), total: 600, step: 100, equal: false });
    expect(reversed.ok && reversed.lines.map((l) => `${l.name}:${l.target}`)).toEqual(['U4:200', 'U3:200', 'U2:100', 'U1:100']);
  });

  it('when a small share is raised to one step, then the rest is re-split and the line says so', () => {
    const result = splitTarget({ units: units(1, 1000, 1000), total: 1000, step: 100, equal: false });
    expect(targets(result)).toEqual([100, 500, 400]);
    expect(result.ok && result.lines.map((l) => l.raisedToOneStep)).toEqual([true, false, false]);
  });

  it('when raising one unit pushes another under one step, then that one is raised too (repeated)', () => {
    // 10 steps: quotas 0.08, 0.92, 9 → U1 and U2 under one step, U3 gets the remaining 8.
    const result = splitTarget({ units: units(8, 92, 900), total: 1000, step: 100, equal: false });
    expect(targets(result)).toEqual([100, 100, 800]);
  });

  it('when 平均 is asked for, then the history is ignored', () => {
    expect(targets(splitTarget({ units: units(900, 1, 0), total: 300, step: 100, equal: true }))).toEqual([100, 100, 100]);
  });

  it('when there are more units than steps, then it refuses and names a --round that works', () => {
    const result = splitTarget({ units: units(1, 1, 1, 1, 1), total: 300, step: 100, equal: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && `${result.problem}。${result.fix}`).toBe('总数 300 按 100 取整只有 3 份，不够 5 个单位每个至少分到一份。请用更小的取整单位，如 --round 50，或核对 --total');
  });

  it('when amounts have decimals, then the arithmetic stays exact', () => {
    const result = splitTarget({ units: units(1, 2), total: 0.3, step: 0.1, equal: false });
    expect(targets(result)).toEqual([0.1, 0.2]);
  });
});
