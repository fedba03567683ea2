import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { bookTabs, type Cell } from '../../functions/core/index.js';
import { readBack, workbookFile } from '../sheets/xlsx/support.js';
import { WORKED_EXAMPLE } from '../support/worked-example.js';
import { runCli } from '../support/cli.js';


/** Runs the CLI as a user would; resolves with exit code and output, never throws. */
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { ...process.env, LEDGER_SMTP_URL: '', ...env });

const rowsOf = (grid: Cell[][] | undefined, month: string, drop: string[] = []) => {
  const [header, ...rows] = grid ?? [];
  return rows.filter((r) => r[0] === month).map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null]).filter(([h]) => !drop.includes(h as string))));
};

describe('npm run cycle on a workbook (the worked example, June 2026)', async () => {
  const file = await workbookFile(bookTabs(WORKED_EXAMPLE));
  const outbox = join(file.dir, 'outbox');
  afterAll(() => file.cleanup());
  const before = await readBack(file.path);
  const first = await cli(['cycle', '--ledger', file.path, '--period', '2026-06', '--now', '2026-07-01T06:00:00+08:00', '--outbox', outbox]);
  const after = await readBack(file.path);

  it('when the cycle runs, then it exits 0, prints the ranking on stdout and its progress on stderr', () => {
    expect(first.stderr).toMatch(/^· /m);
    expect(first.stderr).not.toContain('✗');
    expect(first.stdout).not.toMatch(/^· /m);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/县市组\s+1\s+乙县\s+94\.50\s+↑1\s+1\s+优秀/);
  });

  it('when read back with exceljs, then 排名 has the hand-computed rows', () => {
    expect(rowsOf(after.get('排名'), '2026-06', ['计算时间'])).toEqual([
      { 月份: '2026-06', 单位名称: '乙县', 考核组别: '县市组', 到位资金: 48, 签约项目: 30, 履约率: 15, 超期未开工: 0, 加减分: 1.5, 总分: 94.5, 组内排名: 1, 全市排名: 1, 较上月: 1, 等次: '优秀' },
      { 月份: '2026-06', 单位名称: '甲县', 考核组别: '县市组', 到位资金: 32, 签约项目: 15, 履约率: 0, 超期未开工: -2, 加减分: 0, 总分: 45, 组内排名: 2, 全市排名: 2, 较上月: -1, 等次: '较差' },
      { 月份: '2026-06', 单位名称: '丙区', 考核组别: '城区组', 到位资金: 20.01, 签约项目: null, 履约率: 0, 超期未开工: -2, 加减分: 0, 总分: 18.01, 组内排名: 1, 全市排名: 3, 较上月: 0, 等次: '较差' },
    ]);
    expect(rowsOf(after.get('排名'), '2026-06')[0]?.['计算时间']).toBe('2026-07-01 06:00');
    expect(rowsOf(after.get('排名'), '2026-05')).toHaveLength(3);
  });

  it('when read back, then 得分明细, 预警 and 校验结果 hold the documented values', () => {
    expect(rowsOf(after.get('得分明细'), '2026-06').map((r) => [r['单位名称'], r['指标名称'], r['实际值'], r['序时目标'], r['完成率'], r['得分']]).slice(0, 4)).toEqual([
      ['甲县', '到位资金', 8000, 10000, 0.8, 32], ['甲县', '签约项目', 1, null, 0.5, 15], ['甲县', '履约率', 0, null, 0, 0], ['甲县', '超期未开工', 1, null, null, -2],
    ]);
    expect(rowsOf(after.get('预警'), '2026-06').map((r) => `${r['单位名称']} ${r['项目编号'] ?? '—'} ${r['预警类型']} ${r['级别']}`)).toEqual([
      '甲县 JX-2 超期未开工 红', '甲县 JX-3 长期未更新 黄', '甲县 — 序时落后 黄', '丙区 BQ-2 超期未开工 红', '丙区 — 序时落后 黄',
    ]);
    const results = (after.get('校验结果') ?? []).slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[6]]);
    // 错误 first: they keep a row out of the assessment.
    expect(results).toEqual([
      ['丙区', 'BQ-3', '台账-丙区!K4', '签约日期', '2026-02-30', '错误'],
      ['甲县', 'JX-3', '台账-甲县!AE4', '更新日期', '2026-05-01', '提醒'],
    ]);
  });

  it('when the cycle has run, then every cell staff typed is identical, and the 校验 column shows each row', () => {
    for (const [tab, grid] of before) {
      if (!tab.startsWith('台账-') && !['参数', '单位', '目标任务', '考评办法', '加减分'].includes(tab)) continue;
      const checkAt = (grid[0] ?? []).indexOf('校验');
      const strip = (g: Cell[][] | undefined) => (g ?? []).map((row) => {
        const cells = Array.from(row, (c, i) => (i === checkAt ? null : c ?? null));
        while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
        return cells;
      });
      expect(strip(after.get(tab)), tab).toEqual(strip(grid));
    }
    const bing = after.get('台账-丙区') ?? [];
    const checkAt = (bing[0] ?? []).indexOf('校验');
    expect(bing.map((r) => String(r[checkAt] ?? '').split('：')[0])).toEqual(['校验', '✓', '✓', '✗ 1 处错误']);
  });

  it('when the cycle has run, then the outbox holds each report as an .eml a mail client can parse', async () => {
    const files = (await readdir(outbox)).sort();
    expect(files).toHaveLength(5); // 月度通报, 3 单位月报, 季度讲评 (June closes a quarter)
    const bulletin = files.find((f) => f.includes('月度通报'));
    const parsed = await simpleParser(await readFile(join(outbox, bulletin!)));
    expect(parsed.subject).toContain('示例市');
    expect(parsed.messageId).toMatch(/^<2026-06\.[0-9a-f]{16}@zhaoshang\.local>$/);
    expect(parsed.html).toContain('乙县');
  });

  it('when the same month runs again, then its rows are replaced, not duplicated, and nothing is sent twice', async () => {
    const second = await cli(['cycle', '--ledger', file.path, '--period', '2026-06', '--now', '2026-07-01T07:00:00+08:00', '--outbox', outbox]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/报告 5 份 → 发件箱 .*：按收件人计，发出 0 封，失败 0 封，此前已发 \d+ 封/);
    const again = await readBack(file.path);
    expect(rowsOf(again.get('排名'), '2026-06')).toHaveLength(3);
    const runs = (again.get('运行记录') ?? []).slice(1).map((r) => [r[0], r[4]]);
    expect(runs).toEqual([['月度:2026-06#1', '完成'], ['月度:2026-06#2', '完成']]);
  });
});

describe('npm run weekly -- --remind before the deadline', async () => {
  const file = await workbookFile(bookTabs(WORKED_EXAMPLE));
  afterAll(() => file.cleanup());
  // Monday 29 June: the deadline is Friday 3 July, four days away.
  const remind = await cli(['weekly', '--ledger', file.path, '--remind', '--now', '2026-06-29T10:00:00+08:00', '--outbox', join(file.dir, 'outbox')]);

  it('when reminders go out days before the deadline, then the table shows what is missing, not a verdict 按时 是/否', () => {
    expect(remind.code).toBe(0);
    expect(remind.stdout).toContain('截至目前');
    expect(remind.stdout).not.toMatch(/按时|\s否\s/);
    expect(remind.stdout).toMatch(/(已全部更新|还差 \d+ 个)/);
  });
});

describe('a workbook the cycle cannot use', () => {
  it('when a header was renamed, then exit 2 and a Chinese message naming tab and column', async () => {
    const tabs = bookTabs(WORKED_EXAMPLE);
    tabs.get('台账-乙县')![0] = tabs.get('台账-乙县')![0]!.map((h) => (h === '签约日期' ? '签订日期' : h));
    const file = await workbookFile(tabs);
    const result = await cli(['cycle', '--ledger', file.path, '--period', '2026-06', '--now', '2026-07-01T06:00:00+08:00', '--outbox', join(file.dir, 'out')]);
    await file.cleanup();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('“台账-乙县”页第 1 行缺少“签约日期”列：请把被改名或删除的表头恢复为“签约日期”');
  });

  it('when the file is not a workbook, then exit 2', async () => {
    const file = await workbookFile(bookTabs(WORKED_EXAMPLE));
    await writeFile(file.path, 'not a zip');
    const result = await cli(['cycle', '--ledger', file.path, '--period', '2026-06']);
    await file.cleanup();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('不是有效的 Excel 工作簿');
  });

  it('when --period is malformed, then exit 2 says how to write it', async () => {
    const result = await cli(['cycle', '--ledger', 'x.xlsx', '--period', '2026-13']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('请写成 YYYY-MM');
  });
});
