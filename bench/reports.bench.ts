/** Issue 5's figures: rendering every report of a month for 200 units, and the largest HTML. */
import { assessMonth, bookTabs } from '../functions/core/index.js';
import { generateCity } from '../functions/demo/generate-city.js';
import { renderMonthReports } from '../templates/index.js';
import { best, line } from './measure.js';

export async function benchReports(): Promise<void> {
  const now = new Date('2027-01-01T00:00:00Z'); // December: bulletin, unit reports, 季度讲评 and 年度总评
  const def = generateCity({ now: new Date('2026-12-31T00:00:00Z'), units: 200, rowsPerUnit: 25 });
  const outcome = assessMonth(bookTabs(def), { year: 2026, month: 12 }, now);
  let reports: Awaited<ReturnType<typeof renderMonthReports>> = [];
  const ms = await best(2, async () => { reports = await renderMonthReports(outcome, now); });
  const sizes = reports.map((r) => ({ key: r.key, kb: Buffer.byteLength(r.html) / 1024 })).sort((a, b) => b.kb - a.kb);
  line('reports: 200 units, December', `${reports.length} messages in ${(ms / 1000).toFixed(2)} s (goal < 10 s); largest HTML ${sizes[0]?.key} ${sizes[0]?.kb.toFixed(1)} KB; over 100 KB: ${sizes.filter((s) => s.kb > 100).length}`);
}
