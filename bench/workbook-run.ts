/**
 * One measured run in its own process, so peak RSS is this run's alone:
 * `tsx bench/workbook-run.ts read|cycle FILE` prints JSON { ms, maxRssMb } (a cycle adds the store's
 * share: openMs for open + read, writeMs for writes; and, from the pipeline's progress messages, the
 * wall time of its core, reports and mail steps with the RSS at the end of each).
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
/** The pipeline's progress messages with when they came and the RSS then. */
const marks: { message: string; at: number; rssMb: number }[] = [];
const mark = (message: string) => marks.push({ message, at: performance.now(), rssMb: process.memoryUsage().rss / 1_048_576 });

/** Wall time from the message starting with `from` to the next one, and the RSS when that next one came. */
function step(from: string): { ms: number; rssMb: number } | undefined {
  const i = marks.findIndex((m) => m.message.startsWith(from));
  const start = marks[i];
  const end = marks[i + 1];
  return start && end ? { ms: end.at - start.at, rssMb: end.rssMb } : undefined;
}

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
  await runMonthlyCycle({ store: timed(createWorkbookStore({ path: file! })), transport, clock: () => now, mailDomain: 'zhaoshang.local', progress: mark }, { period: { year: 2026, month: 10 } });
  await transport.close();
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...(mode === 'cycle' ? { ...share, core: step('校验并计算'), reports: step('生成报告'), mail: step('发送') } : {}) })}\n`);
