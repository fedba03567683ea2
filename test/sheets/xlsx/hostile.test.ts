/**
 * Hostile and oversized content: a decompression bomb ends in exit 2 with a Chinese message, within a
 * small heap, and leaves no lock behind; limits are checked while streaming; a cell longer than Excel
 * allows is split over continuation columns and read back whole.
 */
import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_TAB, type Cell } from '../../../functions/core/index.js';
import { LedgerError } from '../../../functions/errors.js';
import { EXCEL_CELL_CHARS, LIMITS } from '../../../sheets/xlsx/limits.js';
import { loadWorkbook } from '../../../sheets/xlsx/workbook-read.js';
import { createWorkbookStore } from '../../../sheets/xlsx/workbook-store.js';
import { writeZip, type OutEntry } from '../../../sheets/xlsx/zip-package.js';
import { contractBook } from '../../stores/store-contract.js';
import { bookTabs } from '../../../functions/core/index.js';
import { tempDir, workbookFile } from './support.js';
import { unzipFile } from './package-support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook whose sheet part is deflated from `pieces` of XML as they come (zlib, level 1). */
async function workbookWithSheet(pieces: Iterable<string>): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 1 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const push = async (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await push(`<worksheet xmlns="${MAIN}"><sheetData>`);
  for (const piece of pieces) await push(piece);
  await push('</sheetData></worksheet>');
  deflate.end();
  await done;
  const body = Buffer.concat(compressed);
  const small = (name: string, text: string): OutEntry => ({ name, data: Buffer.from(text, 'utf8') });
  return writeZip(body, [
    small('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    small('_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    small('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${TYPE}"><sheets><sheet name="台账-温县" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    small('xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${TYPE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    { name: 'xl/worksheets/sheet1.xml', copy: { name: 'xl/worksheets/sheet1.xml', method: 8, crc, compressedSize: body.length, size, dataOffset: 0 } },
  ]);
}

/** Rows of three cells, yielded in batches of 10,000 (fflate deflates big chunks much faster). */
function* rows(count: number): Generator<string> {
  let batch: string[] = [];
  for (let r = 1; r <= count; r++) {
    batch.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>项目${r}</t></is></c><c r="B${r}"><v>${r}</v></c><c r="C${r}"><v>1</v></c></row>`);
    if (batch.length === 10_000) {
      yield batch.join('');
      batch = [];
    }
  }
  if (batch.length > 0) yield batch.join('');
}

async function refusalOf(fn: () => Promise<unknown>): Promise<LedgerError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('expected a refusal');
}

describe('limits checked while streaming', () => {
  it.each([
    ['rows per sheet', { rows: 10 }, rows(11), '工作表“台账-温县”超过 10 行'],
    ['columns per sheet', { columns: 3 }, ['<row r="1"><c r="D1"><v>1</v></c></row>'], '工作表“台账-温县”超过 3 列'],
    ['cells in the workbook', { cells: 20 }, rows(7), '单元格总数超过 20 个'],
    ['compression ratio', {}, [`<row r="1">${' '.repeat(30_000_000)}</row>`], `压缩比超过 ${LIMITS.ratio}:1`],
  ])('when a workbook exceeds the %s, then it is refused as unusable, naming the limit', async (_what, limits, pieces, message) => {
    const zip = await workbookWithSheet(pieces);
    // Read here, and with the part read ahead on a worker thread: the same refusal either way.
    for (const prefetchFrom of [undefined, 0]) {
      const error = await refusalOf(async () => loadWorkbook(zip, { ...LIMITS, ...limits }, prefetchFrom));
      expect(error.code).toBe('LEDGER_UNUSABLE');
      expect(error.message).toContain(message);
    }
  });

  it('when a 1.5-million-row bomb is validated from the command line in a 256 MB heap, then it exits 2 with a Chinese message and leaves no lock', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = join(dir, '台账.xlsx');
    await writeFile(path, await workbookWithSheet(rows(1_500_000)));
    const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', 'functions/cli/main.ts', 'validate', '--ledger', path], { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, stderr]).toEqual([2, expect.stringContaining('台账文件过大或已损坏：工作表“台账-温县”超过 300,000 行')]);
    expect(await readdir(dir)).toEqual(['台账.xlsx']);
  }, 120_000);
});

describe('cells longer than Excel allows', () => {
  it('when a 快照 内容 exceeds 32,767 characters, then no written cell does, and it reads back whole', async () => {
    const file = await workbookFile(bookTabs(contractBook()));
    cleanups.push(file.cleanup);
    const long = `{"进展情况":"${'土地摘牌、'.repeat(16_000)}"}`;
    const grid: Cell[][] = [SNAPSHOT_TAB.columns.map((c) => c.header), ['温县', 'WX-001', '开工', long, '2026-06-30 10:00'], ['温县', 'WX-002', '签约', '{}', '2026-06-30 10:00']];
    const session = await createWorkbookStore({ path: file.path }).open();
    await session.write({ systemTabs: new Map([[SNAPSHOT_TAB.name, grid]]), checks: new Map() });
    await session.close();
    const parts = await unzipFile(file.path);
    const unescape = (xml: string) => xml.replace(/&(quot|amp|lt|gt|apos);/g, '_');
    const texts = [...parts.values()].flatMap((b) => [...b.toString('utf8').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => unescape(m[1] ?? '').length));
    expect(Math.max(...texts)).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
    const next = await createWorkbookStore({ path: file.path }).open();
    const { tabs } = await next.read();
    await next.close();
    expect(tabs.get(SNAPSHOT_TAB.name)).toEqual(grid);
  });
});
