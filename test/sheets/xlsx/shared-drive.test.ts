/**
 * A ledger on a shared drive: two computers, a symlinked group-writable file, an office program that
 * opens the workbook during a run, staff notes where a missing 校验 column would go.
 */
import { chmod, chown, lstat, mkdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bookTabs, type Cell } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { STALE_AFTER_MS, runLockPath } from '../../../sheets/xlsx/locks.js';
import { pendingPath } from '../../../sheets/xlsx/pending-result.js';
import { createWorkbookStore } from '../../../sheets/xlsx/workbook-store.js';
import { city, goodRow } from '../../support/city.js';
import { readBack, tempDir, workbookFile } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function ledger(tabs = bookTabs(city({ 温县: [goodRow(), goodRow({ 项目编号: 'P-2', 签约日期: '2026-02-30' })] }))) {
  const file = await workbookFile(tabs);
  cleanups.push(file.cleanup);
  return file;
}

async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

const checks = new Map([['台账-温县', new Map([[2, '✓'], [3, '✗ 1 处错误：签约日期 — 见“校验结果”']])]]);
const PC_A = { host: 'pc-a', pid: 4242 };
const PC_B = { host: 'pc-b', pid: 4242 };

describe('the run lock between computers', () => {
  it('when a run on another computer holds the lock, then a second computer is refused, told who holds it and since when', async () => {
    const { path } = await ledger();
    const first = await createWorkbookStore({ path, owner: PC_A, now: () => new Date('2026-06-30T02:00:00Z') }).open();
    const error = await refusal(createWorkbookStore({ path, owner: PC_B }).open());
    expect(error.code).toBe('LEDGER_LOCKED');
    expect(error.message).toContain('进程 4242，电脑 pc-a，开始于 2026-06-30T02:00:00.000Z');
    await first.close();
    await (await createWorkbookStore({ path, owner: PC_B }).open()).close();
  });

  it.each([
    ['a lock from another computer whose PID does not exist here', JSON.stringify({ host: 'pc-a', pid: 2_147_483_000, since: '2026-06-30T00:00:00Z' })],
    ['an empty lock file (being written by another computer)', ''],
  ])('when %s has a fresh heartbeat, then it is not taken over', async (_what, content) => {
    const { path } = await ledger();
    await writeFile(runLockPath(path), content);
    const error = await refusal(createWorkbookStore({ path, owner: PC_B }).open());
    expect(error.message).toMatch(/正在被另一次运行处理.*最近心跳/);
  });

  it('when a lock from another computer has been silent longer than the limit, then it is taken over', async () => {
    const { path } = await ledger();
    await writeFile(runLockPath(path), JSON.stringify({ host: 'pc-a', pid: 1, since: '2026-06-30T00:00:00Z' }));
    const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    await utimes(runLockPath(path), old, old);
    const session = await createWorkbookStore({ path, owner: PC_B }).open();
    expect(JSON.parse(await readFile(runLockPath(path), 'utf8'))).toMatchObject({ host: 'pc-b' });
    await session.close();
  });
});

describe('a symlinked, group-writable ledger', () => {
  it('when a run writes through a symlink, then the link stays a link and the target keeps its mode and group', async () => {
    const { path, dir } = await ledger();
    const shared = join(dir, 'shared');
    await mkdir(shared);
    const link = join(shared, '台账.xlsx');
    await symlink(path, link);
    // As root (CI containers) the file can be given a group we are not in; otherwise our own group.
    const gid = process.getuid?.() === 0 ? 4242 : (await stat(path)).gid;
    await chown(path, (await stat(path)).uid, gid);
    await chmod(path, 0o664);
    const session = await createWorkbookStore({ path: link }).open();
    await session.read();
    await session.write({ systemTabs: new Map(), checks });
    await session.close();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(path);
    const after = await stat(path);
    expect([after.mode & 0o777, after.gid]).toEqual([0o664, gid]);
    expect((await readBack(path)).get('台账-温县')?.[2]?.at(-1)).toBe('✗ 1 处错误：签约日期 — 见“校验结果”');
  });
});

describe('an office program opening the workbook during a run', () => {
  async function refusedWrite() {
    const file = await ledger();
    const original = await readFile(file.path);
    const session = await createWorkbookStore({ path: file.path }).open();
    await session.read();
    await writeFile(join(file.dir, '~$台账.xlsx'), 'x');
    const error = await refusal(session.write({ systemTabs: new Map(), checks }));
    await session.close();
    return { ...file, original, error };
  }

  it('when Excel opens it before the rename, then the ledger is untouched and the result waits beside it', async () => {
    const { path, original, error } = await refusedWrite();
    expect(error.code).toBe('LEDGER_LOCKED');
    expect(error.message).toContain(`本次结果已保存在 .~zhaoshang.台账.xlsx.pending.xlsx`);
    expect(Buffer.compare(await readFile(path), original)).toBe(0);
    expect((await stat(pendingPath(path))).size).toBeGreaterThan(0);
  });

  it('when the next run finds the ledger unchanged since, then it applies the waiting result', async () => {
    const { path, dir } = await refusedWrite();
    await rm(join(dir, '~$台账.xlsx'));
    const session = await createWorkbookStore({ path }).open();
    const { tabs } = await session.read();
    await session.close();
    expect(tabs.get('台账-温县')?.[2]?.at(-1)).toBe('✗ 1 处错误：签约日期 — 见“校验结果”');
    await expect(stat(pendingPath(path))).rejects.toThrow();
  });

  it('when someone saved the ledger meanwhile, then the waiting result is dropped and their save is kept', async () => {
    const { path, dir } = await refusedWrite();
    await rm(join(dir, '~$台账.xlsx'));
    const saved = await workbookFile(bookTabs(city({ 温县: [goodRow({ 项目名称: '改过的名称' })] })));
    cleanups.push(saved.cleanup);
    await writeFile(path, await readFile(saved.path));
    const session = await createWorkbookStore({ path }).open();
    const { tabs } = await session.read();
    await session.close();
    expect(tabs.get('台账-温县')?.[1]?.[1]).toBe('改过的名称');
    await expect(stat(pendingPath(path))).rejects.toThrow();
  });
});

describe('a ledger whose 校验 column was deleted', () => {
  it('when staff keep headerless notes right of the last header, then 校验 goes after them and every note survives', async () => {
    const tabs = bookTabs(city({ 温县: [goodRow(), goodRow({ 项目编号: 'P-2' }), goodRow({ 项目编号: 'P-3' }), goodRow({ 项目编号: 'P-4' })] }));
    const grid = tabs.get('台账-温县') ?? [];
    const checkAt = (grid[0] ?? []).indexOf('校验');
    const width = (grid[0] ?? []).length - 1;
    const notes = ['县长交办', '待复核', '已电话核实', '下周回访'];
    const edited: Cell[][] = grid.map((row, r) => {
      const cells = row.filter((_, c) => c !== checkAt);
      while (cells.length < width) cells.push(null);
      return r === 0 ? cells : [...cells, null, notes[r - 1] ?? null];
    });
    tabs.set('台账-温县', edited);
    const { path } = await ledger(tabs);
    const session = await createWorkbookStore({ path }).open();
    await session.read();
    await session.write({ systemTabs: new Map(), checks: new Map([['台账-温县', new Map([[2, '✓'], [3, '✓'], [4, '✓'], [5, '✓']])]]) });
    await session.close();
    const after = (await readBack(path)).get('台账-温县') ?? [];
    expect(after.slice(1).map((row) => row[width + 1])).toEqual(notes);
    expect(after.map((row) => row[width + 2])).toEqual(['校验', '✓', '✓', '✓', '✓']);
  });
});
