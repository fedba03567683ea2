import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lastYearActuals, splitTarget } from '../../functions/core/index.js';
import { readBack, workbookFile } from '../sheets/xlsx/support.js';
import { DECEMBER_NOW, decemberTabs } from '../support/december.js';
import { runCli } from '../support/cli.js';


const cli = (args: string[]) => runCli(args, { ...process.env, LEDGER_SMTP_URL: '' });

describe('npm run targets on the rolled-over ledger, from last year\'s 得分明细', async () => {
  const file = await workbookFile(decemberTabs(), '台账2026.xlsx');
  afterAll(() => file.cleanup());
  const now = ['--now', DECEMBER_NOW.toISOString()];
  const next = join(file.dir, '台账2027.xlsx');
  const december = await cli(['cycle', '--ledger', file.path, '--period', '2026-12', '--outbox', join(file.dir, 'outbox'), ...now]);
  await cli(['rollover', '--ledger', file.path, ...now]);
  const noHistory = await cli(['targets', '--ledger', next, '--indicator', '到位资金', '--total', '120亿', ...now]);
  const first = await cli(['targets', '--ledger', next, '--indicator', '到位资金', '--total', '120亿', '--from', file.path, ...now]);
  const afterFirst = await readBack(next);
  const second = await cli(['targets', '--ledger', next, '--indicator', '到位资金', '--total', '100亿', '--basis', '平均', ...now]);
  const replaced = await cli(['targets', '--ledger', next, '--indicator', '到位资金', '--total', '100亿', '--basis', '平均', '--replace', ...now]);
  const afterReplace = await readBack(next);
  const history = lastYearActuals((await readBack(file.path)).get('得分明细'), '到位资金');

  it('when the new ledger has no results yet and --from is missing, then it refuses and says to name last year\'s ledger', () => {
    expect(december.code).toBe(0);
    expect(noHistory.code).toBe(2);
    expect(noHistory.stderr).toContain('请用 --from 上年台账 指定上一年的台账，或用 --basis 平均');
  });

  it('when --from names last year\'s ledger, then targets follow its December 实际值, add up to 120亿 and fill the blank column', () => {
    expect(first.stderr).toBe('');
    expect(history?.month).toBe('2026-12');
    const split = splitTarget({ units: ['温县', '示范区'].map((name) => ({ name, basis: history?.actuals.get(name) ?? 0 })), total: 1_200_000, step: 100, equal: false });
    const expected = split.ok ? split.lines.map((l) => l.target) : [];
    expect(afterFirst.get('目标任务')?.slice(1).map((r) => r[1])).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(1_200_000);
    expect(first.stdout).toContain('到位资金 目标分解：全市 1200000 万元，按 2026-12 得分明细的实际值，取整到 100');
    expect(first.stdout).toMatch(/温县\s+县市组\s+[\d.]+\s+[\d.]+%\s+\d+\s+写入/);
    expect(first.stdout).toMatch(/合计\s+100%\s+1200000/);
  });

  it('when the column is already filled, then nothing changes without --replace, and --replace overwrites', () => {
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('“目标任务”页该列都已填写，未做改动；要按上表改写请加 --replace。');
    expect(replaced.stdout).toMatch(/改写（原 \d+）/);
    expect(afterReplace.get('目标任务')?.slice(1).map((r) => r.slice(0, 2))).toEqual([['温县', 500000], ['示范区', 500000]]);
    expect(afterReplace.get('目标任务')?.slice(1).map((r) => r.slice(2))).toEqual(afterFirst.get('目标任务')?.slice(1).map((r) => r.slice(2)));
  });
});
