/**
 * `npm run bench [section…]`: prints the figures the issues ask for. Sections: core, reports, functions, sheets, rollover, workbook (the slowest, last).
 */
import { benchCore } from './core.bench.js';
import { benchFunctions } from './functions.bench.js';
import { benchReports } from './reports.bench.js';
import { benchRollover } from './rollover.bench.js';
import { benchSheets } from './sheets.bench.js';
import { benchWorkbook } from './workbook.bench.js';

const sections: Record<string, () => Promise<void>> = { core: benchCore, reports: benchReports, functions: benchFunctions, sheets: benchSheets, rollover: benchRollover, workbook: benchWorkbook };
const wanted = process.argv.slice(2).filter((a) => a !== '--');
process.stdout.write(`node ${process.version}, ${new Date().toISOString()}\n`);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
