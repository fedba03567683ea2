/**
 * Issue 11's figures: the pure rollover plan on 100,000 rows over 200 units, and the whole `npm run
 * rollover` (read, plan, package-patching write of the new file) on the 5,000-row bench workbook.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { bookTabs, planRollover } from '../functions/core/index.js';
import { generateCity } from '../functions/demo/generate-city.js';
import { makeBenchWorkbook } from './make-workbook.js';
import { best, line } from './measure.js';

export async function benchRollover(): Promise<void> {
  const now = new Date('2026-12-31T09:00:00Z');
  const tabs = bookTabs(generateCity({ now, units: 200, rowsPerUnit: 500 }));
  let plan = planRollover({ tabs, now });
  const ms = await best(3, () => { plan = planRollover({ tabs, now }); });
  const carried = plan.units.reduce((s, u) => s + u.carried, 0);
  line('rollover plan: 100,000 rows', `${ms.toFixed(0)} ms (${carried} carried, ${plan.edits.reduce((s, e) => s + e.edits.length, 0)} cell edits)`);

  await mkdir('.bench', { recursive: true });
  const source = '.bench/rollover-2026.xlsx';
  if (!(await stat(source).then(() => true, () => false))) await makeBenchWorkbook(source, 200, 25, now);
  await rm('.bench/rollover-2027.xlsx', { force: true });
  const start = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'functions/cli/main.ts', 'rollover', '--ledger', source, '--now', now.toISOString()], { encoding: 'utf8', maxBuffer: 1 << 24 });
  line('npm run rollover: 5,000 rows', `${((performance.now() - start) / 1000).toFixed(2)} s wall (CLI start, read, plan, package-patching write)`);
}
