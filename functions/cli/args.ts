/**
 * The command line, parsed and validated in one place (`parseArgs(argv)`) from the option and command
 * tables, with Chinese errors. Asking for help or the version is an answer, not an error.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { parsePeriod, type Period } from '../core/index.js';
import { LedgerError } from '../errors.js';
import { OPTIONS } from './options.js';
import { COMMANDS, commandNamed, type CommandName } from './registry.js';

export interface Args {
  readonly command: CommandName;
  readonly ledger: string | undefined;
  readonly spreadsheet: string | undefined;
  readonly period: Period | undefined;
  readonly now: Date | undefined;
  readonly outbox: string | undefined;
  readonly deadline: Date | undefined;
  readonly remind: boolean;
  readonly dryRun: boolean;
  /** Send again the messages 发送记录 marks 状态未知, after the admin checked they did not arrive. */
  readonly resendUnknown: boolean;
  readonly year: number | undefined;
  readonly city: string | undefined;
  readonly units: string | undefined;
  readonly test: boolean;
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

/** What the command line asks for. */
export type Request =
  | { readonly kind: 'run'; readonly args: Args }
  /** `misuse`: no command was given at all, so the help answers a usage error (exit 2, on stderr). */
  | { readonly kind: 'help'; readonly command: CommandName | undefined; readonly misuse?: boolean }
  | { readonly kind: 'version' };

const usageError = (message: string, command?: string) =>
  new LedgerError('BAD_CONFIG', `${message}\n运行 zhaoshang ${command ? `${command} ` : ''}--help 查看用法。`);

export function parseRequest(argv: readonly string[]): Request {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'help', command: undefined, misuse: true };
  if (first === '--help' || first === '-h') return { kind: 'help', command: undefined };
  if (first === '--version' || first === '-V') return { kind: 'version' };
  if (first === 'help') {
    const about = commandNamed(rest[0]);
    if (rest[0] !== undefined && !about) throw usageError(`没有“${rest[0]}”这个命令：可用 ${COMMANDS.map((c) => c.name).join('、')}`);
    return { kind: 'help', command: about?.name as CommandName | undefined };
  }
  const spec = commandNamed(first);
  if (!spec) throw usageError(`未知命令“${first}”：可用 ${COMMANDS.map((c) => c.name).join('、')}`);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', command: spec.name as CommandName };
  return { kind: 'run', args: parseArgs(argv) };
}

/** Parses `COMMAND [options]`; throws BAD_CONFIG (exit 2) with a Chinese message on a usage error. */
export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  const spec = commandNamed(command);
  if (!spec) throw usageError(`未知命令“${command ?? ''}”：可用 ${COMMANDS.map((c) => c.name).join('、')}`);
  const allowed = Object.fromEntries(spec.options.map((name) => [name, { type: OPTIONS[name].type }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseNodeArgs({ args: rest.filter((a) => a !== '--'), options: allowed, strict: true }).values;
  } catch (error) {
    throw usageError(`命令行参数有误：${(error as Error).message}`, spec.name);
  }
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const instant = (key: string) => {
    const raw = text(key);
    if (raw === undefined) return undefined;
    const date = new Date(raw);
    if (Number.isNaN(date.getTime())) throw usageError(`--${key} “${raw}”不是 ISO-8601 时间：请写成 2026-07-01T06:00:00+08:00`, spec.name);
    return date;
  };
  const periodText = text('period');
  const period = periodText === undefined ? undefined : parsePeriod(periodText);
  if (periodText !== undefined && !period) throw usageError(`--period “${periodText}”不是月份：请写成 YYYY-MM，如 2026-06`, spec.name);
  const yearText = text('year');
  const year = yearText === undefined ? undefined : Number(yearText);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw usageError(`--year “${yearText}”不是年份：请写四位年份，如 2026`, spec.name);
  const args: Args = {
    command: spec.name as CommandName, ledger: text('ledger'), spreadsheet: text('spreadsheet'), period, now: instant('now'),
    outbox: text('outbox'), deadline: instant('deadline'), remind: values.remind === true, dryRun: values['dry-run'] === true, resendUnknown: values['resend-unknown'] === true,
    year, city: text('city'), units: text('units'), test: values.test === true,
    yearly: { out: text('out'), indicator: text('indicator'), total: text('total'), basis: text('basis'), from: text('from'), round: text('round'), replace: values.replace === true },
  };
  const problem = spec.check?.(args);
  if (problem) throw usageError(problem, spec.name);
  return args;
}
