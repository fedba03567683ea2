import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The core must give the same ranks whatever the host's TZ. Node reads TZ once per process, so each
 * zone runs the worked example in its own child process.
 */
function rankingUnder(tz: string): string {
  const script = `
    import { assessMonth, bookTabs } from './functions/core/index.ts';
    import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from './test/support/worked-example.ts';
    const out = assessMonth(bookTabs(WORKED_EXAMPLE), { year: 2026, month: 6 }, WORKED_EXAMPLE_NOW);
    const strip = (g) => JSON.stringify(g.map((r) => r.filter((_, i) => g[0][i] !== '计算时间')));
    console.log(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, ranking: strip(out.writes.get('排名')), detail: JSON.stringify(out.writes.get('得分明细')), warnings: JSON.stringify(out.writes.get('预警')), time: out.writes.get('排名')[4][13] }));
  `;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, TZ: tz }, encoding: 'utf8',
  });
}

describe('host time zone', () => {
  it('when run under UTC, Los Angeles and Shanghai, then ranks, details, warnings and times are identical', () => {
    const [utc, la, sh] = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai'].map((tz) => JSON.parse(rankingUnder(tz)) as Record<string, string>);
    expect([utc?.tz, la?.tz]).toEqual(['UTC', 'America/Los_Angeles']);
    expect(la?.ranking).toBe(utc?.ranking);
    expect(la?.detail).toBe(utc?.detail);
    expect(la?.warnings).toBe(utc?.warnings);
    expect(sh?.ranking).toBe(utc?.ranking);
    expect(la?.time).toBe('2026-07-01 06:00');
  });
});
