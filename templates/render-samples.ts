/**
 * Renders every report of the worked example into a folder, to look at them:
 *   npx tsx templates/render-samples.ts OUTDIR [--units N]
 * June 2026 (月度通报, 单位月报, 季度讲评), December 2026 (年度总评) and the weekly reminders of the
 * 3 July deadline, each as .html, .txt and .xlsx. With --units N it renders a generated city of N units
 * instead (the one the size tests use).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WEEKLY_TAB, assessMonth, bookTabs, closeWeek, readWeeklyRecords, type BookDef } from '../functions/core/index.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../test/support/worked-example.js';
import { generatedCity, GENERATED_NOW } from '../test/templates/support/generated-city.js';
import { renderMonthReports, renderWeeklyReminders, type RenderedReport } from './index.js';
import { safeFileName } from './html/escape.js';

async function save(dir: string, prefix: string, reports: readonly RenderedReport[]): Promise<void> {
  for (const r of reports) {
    const base = join(dir, safeFileName(`${prefix}-${r.key.replace(':', '-')}`));
    await writeFile(`${base}.html`, r.html);
    await writeFile(`${base}.txt`, `Subject: ${r.subject}\nTo: ${r.to.join(', ') || '（无收件人）'}\n\n${r.text}`);
    for (const a of r.attachments) await writeFile(`${base}.xlsx`, a.content);
    console.log(`${r.kind}\t${(Buffer.byteLength(r.html) / 1024).toFixed(1)} KB\t${r.subject}`);
  }
}

async function main(): Promise<void> {
  const [dir, flag, count] = process.argv.slice(2);
  if (!dir) throw new Error('用法：npx tsx templates/render-samples.ts 输出目录 [--units N]');
  await mkdir(dir, { recursive: true });
  const units = flag === '--units' ? Number(count) : 0;
  const book: BookDef = units > 0 ? generatedCity(units) : WORKED_EXAMPLE;
  const june = units > 0 ? GENERATED_NOW : WORKED_EXAMPLE_NOW;
  const tabs = bookTabs(book);
  const weekly = readWeeklyRecords(tabs.get(WEEKLY_TAB.name));
  await save(dir, '2026-06', await renderMonthReports(assessMonth(tabs, { year: 2026, month: 6 }, june), june, { weekly }));
  const newYear = new Date('2026-12-31T22:00:00Z');
  const december = (await renderMonthReports(assessMonth(bookTabs(book), { year: 2026, month: 12 }, newYear), newYear)).filter((r) => r.kind === '年度总评');
  await save(dir, '2026-12', december);
  const deadline = new Date('2026-07-03T09:00:00Z'); // 周五 17:00
  const dayBefore = new Date('2026-07-02T01:00:00Z');
  await save(dir, '2026-07-03', await renderWeeklyReminders(closeWeek(bookTabs(book), deadline, dayBefore), dayBefore));
}

await main();
