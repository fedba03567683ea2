/**
 * `npm start`: builds data/demo-ledger.xlsx if it is missing (a 焦作-like city with a year of history),
 * runs the monthly cycle for the last complete month into outbox/, and prints the ranking. Safe to run
 * twice: the month's rows are replaced and nothing already in the outbox log is sent again.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEFAULT_CHAINS, dayOf, lastCompletePeriod, shanghaiInstant, shanghaiParts } from '../core/index.js';
import type { Config } from '../config.js';
import { demoTabs } from '../demo/demo-book.js';
import { createWorkbookFile } from '../../sheets/xlsx/create-workbook.js';
import type { Args } from './args.js';
import { runCycleCommand } from './commands.js';

export const DEMO_LEDGER = 'data/demo-ledger.xlsx';

export async function runDemo(args: Args, config: Config, clock: () => Date): Promise<void> {
  const path = args.ledger ?? DEMO_LEDGER;
  const now = clock();
  const period = args.period ?? lastCompletePeriod(now);
  // In January the last complete month is December: the demo city's year is the assessed year.
  const cityNow = shanghaiParts(now).year === period.year ? now : shanghaiInstant(dayOf(period.year, 12, 31), 12 * 60);
  const exists = await stat(path).then(() => true, () => false);
  if (!exists) {
    process.stderr.write(`· 生成演示台账 ${path}（12 个县市区、约 480 个项目、今年以来的周报和排名）…\n`);
    await mkdir(dirname(path), { recursive: true });
    await createWorkbookFile(path, demoTabs({ now: cityNow, rowsPerUnit: 40 }, period), DEFAULT_CHAINS, { datesAsCells: true });
  } else {
    process.stderr.write(`· 使用已有的演示台账 ${path}\n`);
  }
  const d = await runCycleCommand({ ...args, ledger: path, period, outbox: args.outbox ?? 'outbox' }, config, clock);
  const where = d.label.startsWith('发件箱') ? `${args.outbox ?? 'outbox'}/（.eml，可用邮件客户端打开）` : d.label;
  const done = d.sent > 0 ? `报告已送往 ${where}` : d.skipped > 0 ? `本月报告此前已送往 ${where}，这次没有重复发送` : '这次没有发出报告';
  process.stdout.write(`\n${done}；台账见 ${path}。\n`);
}
