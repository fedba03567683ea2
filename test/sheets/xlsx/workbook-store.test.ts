import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bookTabs, SEND_LOG_TAB, type Cell } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { runLockPath } from '../../../sheets/xlsx/locks.js';
import { createWorkbookStore } from '../../../sheets/xlsx/workbook-store.js';
import { city, goodRow } from '../../support/city.js';
import { readBack, readWorkbook, tempDir, workbookFile } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function ledger(rows = [goodRow(), goodRow({ 项目编号: 'P-2', 签约日期: '2026-02-30' })]) {
  const file = await workbookFile(bookTabs(city({ 温县: rows })));
  cleanups.push(file.cleanup);
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

describe('opening a workbook', () => {
  it('when a session reads twice, then the second read gives the same tabs (the store let its copy go after the first)', async () => {
    const { path } = await ledger();
    const session = await createWorkbookStore({ path }).open();
    try {
      const first = await session.read();
      const names = [...first.tabs.keys()];
      const tab = names.find((n) => n.includes('温县')) ?? '';
      const wen = first.tabs.get(tab);
      first.tabs.clear();
      const second = await session.read();
      expect([...second.tabs.keys()]).toEqual(names);
      expect(second.tabs.get(tab)).toEqual(wen);
      expect(wen?.length).toBeGreaterThan(1);
    } finally {
      await session.close();
    }
  });

  it('when another run holds the workbook, then a second run is refused with a clear message', async () => {
    const { path } = await ledger();
    const first = await createWorkbookStore({ path }).open();
    const error = await refusal(createWorkbookStore({ path }).open());
    expect(error.code).toBe('LEDGER_LOCKED');
    expect(error.message).toMatch(/正在被另一次运行处理（进程 \d+/);
    await first.close();
    const again = await createWorkbookStore({ path }).open();
    await again.close();
  });

  it('when a crashed run left its lock behind, then the next run takes it over', async () => {
    const { path } = await ledger();
    await writeFile(runLockPath(path), JSON.stringify({ pid: 2_147_483_000, since: '2026-06-30T00:00:00Z' }));
    const session = await createWorkbookStore({ path }).open();
    await session.close();
  });

  it.each([['.~lock.台账.xlsx#', 'LibreOffice'], ['~$台账.xlsx', 'Excel/WPS']])('when %s exists (%s has the file open), then the run is refused', async (lock) => {
    const { path, dir } = await ledger();
    await writeFile(join(dir, lock), 'x');
    const error = await refusal(createWorkbookStore({ path }).open());
    expect(error.code).toBe('LEDGER_LOCKED');
    expect(error.message).toContain('正被 Excel、WPS 或 LibreOffice 打开');
  });

  it('when the file is not a workbook, then LEDGER_UNUSABLE says so and how to fix it', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = join(dir, '台账.xlsx');
    await writeFile(path, '项目编号,项目名称\nP-1,电池项目\n');
    const error = await refusal(createWorkbookStore({ path }).open());
    expect([error.code, error.message]).toEqual(['LEDGER_UNUSABLE', '“台账.xlsx”不是有效的 Excel 工作簿（.xlsx）：请确认文件没有损坏；WPS 或 Excel 中“另存为”Excel 工作簿 (*.xlsx) 后再试。']);
    expect(await readdir(dir)).toEqual(['台账.xlsx']);
  });

  it('when the file does not exist, then LEDGER_UNUSABLE names it and says how to create one', async () => {
    const error = await refusal(createWorkbookStore({ path: '/nonexistent/台账.xlsx' }).open());
    expect(error.message).toContain('npm run init -- --ledger /nonexistent/台账.xlsx');
  });
});

describe('writing a workbook', () => {
  it('when checks are written, then only the 校验 column changes, and extra columns and cell formatting survive', async () => {
    const { path } = await ledger();
    const wb = await readWorkbook(path);
    const ws = wb.getWorksheet('台账-温县')!;
    ws.getRow(1).getCell(40).value = '备注（自加列）';
    ws.getRow(2).getCell(40).value = '县长亲自对接';
    ws.getRow(2).getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    await wb.xlsx.writeFile(path);
    const before = await readBack(path);
    const session = await createWorkbookStore({ path }).open();
    await session.read();
    await session.write({ systemTabs: new Map(), checks: new Map([['台账-温县', new Map([[2, '✓'], [3, '✗ 1 处错误']])]]) });
    await session.close();
    const after = await readBack(path);
    const checkAt = (before.get('台账-温县')?.[0] ?? []).indexOf('校验');
    const strip = (grid: Cell[][] | undefined) => (grid ?? []).map((row) => {
      const cells = Array.from(row, (c, i) => (i === checkAt ? null : c ?? null));
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
      return cells;
    });
    expect(strip(after.get('台账-温县'))).toEqual(strip(before.get('台账-温县')));
    expect(after.get('台账-温县')?.map((r) => r[checkAt] ?? null)).toEqual(['校验', '✓', '✗ 1 处错误']);
    const reread = await readWorkbook(path);
    expect(reread.getWorksheet('台账-温县')!.getRow(2).getCell(2).fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(reread.getWorksheet('台账-温县')!.getRow(2).getCell(40).value).toBe('县长亲自对接');
  });

  it('when a run is killed while it writes, then the original file is still readable and unchanged', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => goodRow({ 项目编号: `P-${i}`, 项目名称: `项目${i}` }));
    const { path, dir } = await ledger(rows);
    const original = await readFile(path);
    const script = `
      import { createWorkbookStore } from './sheets/xlsx/workbook-store.ts';
      const s = await createWorkbookStore({ path: ${JSON.stringify(path)} }).open();
      await s.read();
      const big = [['单位名称','项目编号','单元格','字段','填报值','问题','级别','检查时间'], ...Array.from({ length: 60000 }, (_, i) => ['温县', 'P-' + i, 'A1', '项目编号', 'x', '问题'.repeat(20), '错误', 't'])];
      process.stdout.write('writing\\n');
      await s.write({ systemTabs: new Map([['校验结果', big]]), checks: new Map() });
      process.stdout.write('done\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    // Kill as soon as the temporary file appears: the moment the new workbook is being written.
    const killed = await new Promise<boolean>((resolve) => {
      const timer = setInterval(async () => {
        const files = await readdir(dir);
        if (files.some((f) => f.startsWith('.~tmp.'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(true);
        }
      }, 2);
      child.on('exit', () => { clearInterval(timer); resolve(false); });
    });
    await new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve(undefined)));
    expect(killed).toBe(true);
    expect(Buffer.compare(await readFile(path), original)).toBe(0);
    expect((await readBack(path)).get('台账-温县')).toHaveLength(6001);
  }, 60_000);

  it('when a run dies after sending but before writing 发送记录, then the next session reads the journaled rows', async () => {
    const { path } = await ledger();
    const first = await createWorkbookStore({ path }).open();
    await first.read();
    await first.appendSendLog([['2026-06', '月度通报', 'a@x.cn', '已发送', '<m@x>', '2026-07-01 06:00', null]]);
    await first.close(); // no write: as if killed before the final write
    const next = await createWorkbookStore({ path }).open();
    const { tabs } = await next.read();
    expect(tabs.get(SEND_LOG_TAB.name)?.slice(1)).toEqual([['2026-06', '月度通报', 'a@x.cn', '已发送', '<m@x>', '2026-07-01 06:00', null]]);
    await next.write({ systemTabs: new Map([[SEND_LOG_TAB.name, tabs.get(SEND_LOG_TAB.name) as Cell[][]]]), checks: new Map() });
    await next.close();
    const third = await createWorkbookStore({ path }).open();
    expect((await third.read()).tabs.get(SEND_LOG_TAB.name)).toHaveLength(2);
    await third.close();
  });
});

describe('creating a workbook with typed dates', () => {
  it('when a date column holds an impossible date, then it stays text and is still reported', async () => {
    const { createWorkbookFile } = await import('../../../sheets/xlsx/create-workbook.js');
    const { DEFAULT_CHAINS, checkBook } = await import('../../../functions/core/index.js');
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'typed.xlsx');
    await createWorkbookFile(path, bookTabs(city({ 温县: [goodRow({ 签约日期: '2026-02-30' })] })), DEFAULT_CHAINS, { datesAsCells: true });
    const tabs = await readBack(path);
    const row = tabs.get('台账-温县')?.[1] ?? [];
    expect(row[10]).toBe('2026-02-30');
    expect(row[11]).toBeInstanceOf(Date);
    expect(checkBook(tabs, new Date('2026-06-30T02:00:00Z')).findings.map((f) => `${f.cell} ${f.problem}`)).toEqual(['K2 日历上没有这一天']);
  });
});
