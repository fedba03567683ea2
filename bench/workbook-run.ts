/**
 * One measured run in its own process, so peak RSS is this run's alone:
 * `tsx bench/workbook-run.ts read|cycle FILE` prints JSON { ms, maxRssMb }.
 */
import ExcelJS from 'exceljs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxTransport } from '../functions/mail/outbox.js';
import { runMonthlyCycle } from '../functions/pipeline/monthly.js';
import { createWorkbookStore } from '../sheets/xlsx/workbook-store.js';

const [mode, file] = process.argv.slice(2);
const start = performance.now();
if (mode === 'read') {
  await new ExcelJS.Workbook().xlsx.readFile(file!);
} else {
  const now = new Date('2026-11-01T00:00:00Z');
  const outbox = await mkdtemp(join(tmpdir(), 'bench-outbox-'));
  const transport = createOutboxTransport(outbox, 'bench <bench@zhaoshang.local>');
  await runMonthlyCycle({ store: createWorkbookStore({ path: file! }), transport, clock: () => now, mailDomain: 'zhaoshang.local' }, { period: { year: 2026, month: 10 } });
  await transport.close();
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
