/** Issue 5's and 12's figures: rendering every report of a month for 200 units, the largest HTML, and the 通报 PDF. */
import { assessMonth, bookTabs } from '../functions/core/index.js';
import { generateCity } from '../functions/demo/generate-city.js';
import { renderMonthReports } from '../templates/index.js';
import { bulletinModel, readRankingHistory } from '../templates/model/index.js';
import { bulletinPdf } from '../templates/render/bulletin-pdf.js';
import { best, line } from './measure.js';

export async function benchReports(): Promise<void> {
  const now = new Date('2027-01-01T00:00:00Z'); // December: bulletin, unit reports, 季度讲评 and 年度总评
  const def = generateCity({ now: new Date('2026-12-31T00:00:00Z'), units: 200, rowsPerUnit: 25 });
  const outcome = assessMonth(bookTabs(def), { year: 2026, month: 12 }, now);
  let reports: Awaited<ReturnType<typeof renderMonthReports>> = [];
  const ms = await best(2, async () => { reports = await renderMonthReports(outcome, now); });
  const sizes = reports.map((r) => ({ key: r.key, kb: Buffer.byteLength(r.html) / 1024 })).sort((a, b) => b.kb - a.kb);
  line('reports: 200 units, December', `${reports.length} messages in ${(ms / 1000).toFixed(2)} s, PDF included (goal < 10 s); largest HTML ${sizes[0]?.key} ${sizes[0]?.kb.toFixed(1)} KB; over 100 KB: ${sizes.filter((s) => s.kb > 100).length}`);
  // The PDF alone: the first render of a process also reads the two font files (~15 MB each).
  const model = bulletinModel(outcome, readRankingHistory(bookTabs(def).get('排名')), now);
  let pdf: Buffer = Buffer.alloc(0);
  const pdfMs = await best(3, async () => { pdf = await bulletinPdf(model); });
  const bulletin = reports.find((r) => r.kind === '月度通报');
  const pdfPart = bulletin?.attachments.find((a) => a.contentType === 'application/pdf');
  line('通报 PDF: 200 units', `${(pdf.length / 1024).toFixed(0)} KB, ${pageCount(pdf)} pages, rendered in ${pdfMs.toFixed(0)} ms (bulletin mail: HTML ${((bulletin ? Buffer.byteLength(bulletin.html) : 0) / 1024).toFixed(1)} KB + PDF ${((pdfPart?.content.length ?? 0) / 1024).toFixed(0)} KB)`);
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
