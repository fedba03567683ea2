/**
 * One measured run in its own process, so peak RSS is this run's alone:
 * `tsx bench/workbook-run.ts read|cycle FILE` prints JSON { ms, maxRssMb } (a cycle adds the store's
 * share: openMs for open + read, writeMs for writes; the rest is the core, reports and mail).
 */
import ExcelJS from 'exceljs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxTransport } from '../functions/mail/outbox.js';
import { runMonthlyCycle } from '../functions/pipeline/monthly.js';
import type { LedgerStore } from '../functions/ports.js';
import { createWorkbookStore } from '../sheets/xlsx/workbook-store.js';

const [mode, file] = process.argv.slice(2);
const share = { openMs: 0, writeMs: 0 };

/** The workbook store with its own time measured. */
function timed(store: LedgerStore): LedgerStore {
  const clock = async <T>(key: keyof typeof share, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      share[key] += performance.now() - start;
    }
  };
  return {
    open: () => clock('openMs', async () => {
      const session = await store.open();
      return { ...session, read: () => clock('openMs', () => session.read()), write: (u) => clock('writeMs', () => session.write(u)) };
    }),
  };
}

const start = performance.now();
if (mode === 'read') {
  await new ExcelJS.Workbook().xlsx.readFile(file!);
} else {
  const now = new Date('2026-11-01T00:00:00Z');
  const outbox = await mkdtemp(join(tmpdir(), 'bench-outbox-'));
  const transport = createOutboxTransport(outbox, 'bench <bench@zhaoshang.local>');
  await runMonthlyCycle({ store: timed(createWorkbookStore({ path: file! })), transport, clock: () => now, mailDomain: 'zhaoshang.local' }, { period: { year: 2026, month: 10 } });
  await transport.close();
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...(mode === 'cycle' ? share : {}) })}\n`);
