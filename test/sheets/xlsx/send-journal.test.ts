import { spawn } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cell } from '../../../functions/core/index.js';
import { journalPath, openJournal, readJournal } from '../../../sheets/xlsx/send-journal.js';
import { tempDir } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function book(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return join(dir, '台账.xlsx');
}

const row = (n: number): Cell[] => ['2026-06', `单位月报:${n}`, `u${n}@x.cn`, '发送中', `<m${n}@x>`, '2026-07-01 06:00', null];

describe('a session journal kept open', () => {
  it('when rows are appended, then each append is in the file as soon as it resolves, in order', async () => {
    const path = await book();
    const journal = openJournal(path);
    for (let n = 1; n <= 5; n++) {
      await journal.append([row(n)]);
      // Read by another reader while the handle is still open: what a process killed now would leave.
      expect(await readJournal(path)).toEqual(Array.from({ length: n }, (_, i) => row(i + 1)));
    }
    await journal.close();
    await journal.close();
    expect(await readJournal(path)).toHaveLength(5);
  });

  it('when the journal is cleared, then the file is gone and a later append starts a new one', async () => {
    const path = await book();
    const journal = openJournal(path);
    await journal.append([row(1), row(2)]);
    await journal.clear();
    await expect(stat(journalPath(path))).rejects.toThrow();
    await journal.append([row(3)]);
    expect(await readJournal(path)).toEqual([row(3)]);
    await journal.close();
  });

  it('when a session appends to a journal an earlier run left, then its rows follow the earlier ones', async () => {
    const path = await book();
    const earlier = openJournal(path);
    await earlier.append([row(1)]);
    await earlier.close();
    const later = openJournal(path);
    await later.append([row(2)]);
    await later.append([]);
    await later.close();
    expect((await readFile(journalPath(path), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    expect(await readJournal(path)).toEqual([row(1), row(2)]);
  });

  it('when an append fails, then it rejects and the next append opens the file again', async () => {
    const path = await book();
    const journal = openJournal(path);
    await journal.append([row(1)]);
    const cyclic: Cell[] = [];
    (cyclic as unknown[]).push(cyclic);
    await expect(journal.append([cyclic])).rejects.toThrow();
    await journal.append([row(2)]);
    await journal.close();
    expect(await readJournal(path)).toEqual([row(1), row(2)]);
    expect((await readdir(join(path, '..'))).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
  });

  it('when the process is killed while its journal is open, then every row whose append resolved is in the file', async () => {
    const path = await book();
    const script = `
      import { openJournal } from './sheets/xlsx/send-journal.ts';
      const journal = openJournal(${JSON.stringify(path)});
      for (let n = 1; n <= 3; n++) await journal.append([['2026-06', '单位月报:' + n, 'u' + n + '@x.cn', '发送中', '<m' + n + '@x>', '2026-07-01 06:00', null]]);
      process.stdout.write('appended\\n');
      setInterval(() => undefined, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('appended') ? resolve() : undefined));
      child.on('exit', () => reject(new Error('the child ended before appending')));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.on('exit', resolve) : resolve(undefined)));
    expect(await readJournal(path)).toEqual([row(1), row(2), row(3)]);
  }, 30_000);
});
