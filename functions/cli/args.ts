/** The command line, parsed and validated in one place (`parseArgs(argv)`), with Chinese errors. */
import { parseArgs as parseNodeArgs } from 'node:util';
import { parsePeriod, type Period } from '../core/index.js';
import { LedgerError } from '../errors.js';
import { YEARLY_OPTIONS } from './yearly-commands.js';

export interface Args {
  readonly command: 'init' | 'cycle' | 'weekly' | 'validate' | 'demo' | 'rollover' | 'targets';
  readonly ledger: string | undefined;
  readonly spreadsheet: string | undefined;
  readonly period: Period | undefined;
  readonly now: Date | undefined;
  readonly outbox: string | undefined;
  readonly deadline: Date | undefined;
  readonly remind: boolean;
  readonly dryRun: boolean;
  readonly year: number | undefined;
  readonly city: string | undefined;
  readonly units: string | undefined;
  /** rollover and targets: raw option texts, checked by those commands (functions/cli/rollover.ts, targets.ts). */
  readonly yearly: YearlyOptions;
}

export interface YearlyOptions {
  readonly out: string | undefined;
  readonly indicator: string | undefined;
  readonly total: string | undefined;
  readonly basis: string | undefined;
  readonly from: string | undefined;
  readonly round: string | undefined;
  readonly replace: boolean;
}

const COMMANDS = ['init', 'cycle', 'weekly', 'validate', 'demo', 'rollover', 'targets'] as const;

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Args['command'])) {
    throw new LedgerError('BAD_CONFIG', `未知命令“${command ?? ''}”：可用 ${COMMANDS.join('、')}`);
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseNodeArgs({
      args: rest.filter((a) => a !== '--'),
      options: {
        ledger: { type: 'string' }, spreadsheet: { type: 'string' }, period: { type: 'string' }, now: { type: 'string' },
        outbox: { type: 'string' }, deadline: { type: 'string' }, remind: { type: 'boolean' }, 'dry-run': { type: 'boolean' },
        year: { type: 'string' }, city: { type: 'string' }, units: { type: 'string' },
        ...Object.fromEntries(Object.entries(YEARLY_OPTIONS).map(([name, o]) => [name, { type: o.type }])),
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new LedgerError('BAD_CONFIG', `命令行参数有误：${(error as Error).message}`);
  }
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const instant = (key: string) => {
    const raw = text(key);
    if (raw === undefined) return undefined;
    const date = new Date(raw);
    if (Number.isNaN(date.getTime())) throw new LedgerError('BAD_CONFIG', `--${key} “${raw}”不是 ISO-8601 时间：请写成 2026-07-01T06:00:00+08:00`);
    return date;
  };
  const periodText = text('period');
  const period = periodText === undefined ? undefined : parsePeriod(periodText);
  if (periodText !== undefined && !period) throw new LedgerError('BAD_CONFIG', `--period “${periodText}”不是月份：请写成 YYYY-MM，如 2026-06`);
  const yearText = text('year');
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new LedgerError('BAD_CONFIG', `--year “${yearText}”不是年份`);
  const args: Args = {
    command: command as Args['command'], ledger: text('ledger'), spreadsheet: text('spreadsheet'), period, now: instant('now'),
    outbox: text('outbox'), deadline: instant('deadline'), remind: values.remind === true, dryRun: values['dry-run'] === true,
    year, city: text('city'), units: text('units'),
    yearly: { out: text('out'), indicator: text('indicator'), total: text('total'), basis: text('basis'), from: text('from'), round: text('round'), replace: values.replace === true },
  };
  if (args.command !== 'demo' && !args.ledger && !args.spreadsheet) {
    throw new LedgerError('BAD_CONFIG', `请用 --ledger 文件.xlsx 或 --spreadsheet 表格ID 指定台账`);
  }
  if (args.command === 'cycle' && !args.period) throw new LedgerError('BAD_CONFIG', '请用 --period YYYY-MM 指定考核月份，如 --period 2026-06');
  return args;
}
