/**
 * `npm run init|cycle|weekly|validate` and `npm start` (demo): the same pipeline as the functions.
 * Exit 0 when the run completed (bad rows are findings, not failures), 2 when the ledger or the command
 * cannot be used (the message says why), 1 otherwise.
 */
import { parseConfig } from '../config.js';
import { exitCodeOf, LedgerError } from '../errors.js';
import { parseArgs, type Args } from './args.js';
import { runCycleCommand, runValidateCommand, runWeeklyCommand } from './commands.js';
import { runDemo } from './demo.js';
import { runInit } from './init.js';
import { runRolloverCommand } from './rollover.js';
import { runTargetsCommand } from './targets.js';

export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  try {
    const args: Args = parseArgs(argv);
    const config = parseConfig(env);
    const clock = args.now ? fixedClock(args.now) : () => new Date();
    switch (args.command) {
      case 'init': await runInit(args, config, clock); break;
      case 'cycle': await runCycleCommand(args, config, clock); break;
      case 'weekly': await runWeeklyCommand(args, config, clock); break;
      case 'validate': await runValidateCommand(args, config, clock); break;
      case 'demo': await runDemo(args, config, clock); break;
      case 'rollover': await runRolloverCommand(args, config, clock); break;
      case 'targets': await runTargetsCommand(args, config, clock); break;
    }
    return 0;
  } catch (error) {
    const code = exitCodeOf(error);
    if (error instanceof LedgerError) process.stderr.write(`\n✗ ${error.message}\n`);
    else process.stderr.write(`\n✗ 运行失败：${(error as Error)?.stack ?? String(error)}\n`);
    return code;
  }
}

/** `--now` pins the clock; time still moves forward from it so log times stay ordered. */
function fixedClock(start: Date): () => Date {
  const began = Date.now();
  return () => new Date(start.getTime() + (Date.now() - began));
}

const code = await main(process.argv.slice(2), process.env);
process.exitCode = code;
