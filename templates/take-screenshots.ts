/**
 * Regenerates templates/screenshots/: every report kind of the demo city (the year `npm start` builds,
 * assessed for December so the 季度讲评 and 年度总评 are due too) at 375 px and 1200 px in headless
 * Chromium, and the first pages of the 通报 PDF through pdftoppm.
 *   npx tsx templates/take-screenshots.ts [--chromium /usr/bin/chromium]
 * Needs Debian's chromium, poppler-utils and pngquant (apt-get install -y chromium poppler-utils pngquant);
 * pngquant cuts the PNGs to a quarter of their size so the repository stays small. A developer tool
 * only: nothing in the product starts a browser.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { WEEKLY_TAB, assessMonth, closeWeek, readWeeklyRecords } from '../functions/core/index.js';
import { demoTabs } from '../functions/demo/demo-book.js';
import { renderMonthReports, renderWeeklyReminders, type RenderedReport } from './index.js';

const OUT = 'templates/screenshots';
const WIDTHS = [375, 1200] as const;

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--chromium');
  const executablePath = flag > 0 ? process.argv[flag + 1] : '/usr/bin/chromium';
  // 31 December 2026, 18:00 in Shanghai, as `npm start` builds it in January: history to November.
  const now = new Date('2026-12-31T10:00:00Z');
  const tabs = demoTabs({ now, rowsPerUnit: 40 }, { year: 2026, month: 12 });
  const december = assessMonth(tabs, { year: 2026, month: 12 }, now);
  const weekly = readWeeklyRecords(tabs.get(WEEKLY_TAB.name));
  const month = await renderMonthReports(december, now, { weekly });
  // The reminder goes out the day before the deadline of Friday 25 December, on the ledger of that day.
  const dayBefore = new Date('2026-12-24T02:00:00Z');
  const week = closeWeek(demoTabs({ now: dayBefore, rowsPerUnit: 40 }), new Date('2026-12-25T09:00:00Z'), dayBefore);
  const reminders = await renderWeeklyReminders(week, dayBefore);
  const pick = (kind: RenderedReport['kind'], key?: string) => [...month, ...reminders].find((r) => r.kind === kind && (key === undefined || r.key === key));
  const shots: [string, RenderedReport | undefined][] = [
    ['bulletin', pick('月度通报')], ['unit-report', pick('单位月报', '单位月报:温县')], ['quarterly', pick('季度讲评')],
    ['annual', pick('年度总评')], ['weekly-reminder', pick('周上报提醒')],
  ];
  await mkdir(OUT, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'shots-'));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [name, report] of shots) {
      if (!report) throw new Error(`no ${name} in the demo's December`);
      const file = join(dir, `${name}.html`);
      await writeFile(file, report.html);
      for (const width of WIDTHS) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.goto(`file://${file}`);
        await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
        await page.close();
        console.log(`${name}-${width}.png  (${(Buffer.byteLength(report.html) / 1024).toFixed(1)} KB HTML)`);
      }
    }
    const pdf = pick('月度通报')?.attachments.find((a) => a.contentType === 'application/pdf');
    if (pdf) {
      const pdfFile = join(dir, 'bulletin.pdf');
      await writeFile(pdfFile, pdf.content);
      await promisify(execFile)('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '2', pdfFile, join(OUT, 'bulletin-pdf')]);
      console.log(`bulletin-pdf-1.png, bulletin-pdf-2.png  (${(pdf.content.length / 1024).toFixed(0)} KB PDF)`);
    }
    const pngs = [...shots.flatMap(([name]) => WIDTHS.map((w) => join(OUT, `${name}-${w}.png`))), join(OUT, 'bulletin-pdf-1.png'), join(OUT, 'bulletin-pdf-2.png')];
    await promisify(execFile)('pngquant', ['--force', '--ext', '.png', '--quality', '60-90', ...pngs]);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
