/**
 * Issue 3's figures: the whole monthly cycle on generated workbooks of 5,000 and 100,000 rows over 200
 * units — wall time and peak RSS — beside the time exceljs alone takes to read the same file.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { line } from './measure.js';
import { makeBenchWorkbook } from './make-workbook.js';

function measured(mode: string, file: string): { ms: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/workbook-run.ts', mode, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; maxRssMb: number };
}

export async function benchWorkbook(): Promise<void> {
  await mkdir('.bench', { recursive: true });
  const now = new Date('2026-11-01T00:00:00Z');
  for (const [rows, perUnit] of [[5_000, 25], [100_000, 500]] as const) {
    const source = `.bench/city-${rows}.xlsx`;
    if (!(await stat(source).then(() => true, () => false))) await makeBenchWorkbook(source, 200, perUnit, now);
    const work = `.bench/run-${rows}.xlsx`;
    await copyFile(source, work);
    const read = measured('read', work);
    const cycle = measured('cycle', work);
    const size = (await stat(source)).size / 1_048_576;
    line(`workbook: ${rows.toLocaleString('en-US')} rows (${size.toFixed(1)} MB)`, `exceljs read ${(read.ms / 1000).toFixed(2)} s / ${read.maxRssMb.toFixed(0)} MB; whole cycle ${(cycle.ms / 1000).toFixed(2)} s / ${cycle.maxRssMb.toFixed(0)} MB peak RSS = ${(cycle.ms / read.ms).toFixed(2)}× the read`);
  }
}
