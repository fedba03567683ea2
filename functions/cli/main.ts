#!/usr/bin/env node
/**
 * The `zhaoshang` command (also `npm run init|cycle|weekly|validate` and `npm start`): the same pipeline
 * as the functions. Results go to stdout, progress and errors to stderr, colour only on a terminal.
 * Exit 0 when the run completed (bad rows are findings, not failures), 2 when the command, the
 * configuration or the ledger cannot be used (the message says why), 1 otherwise.
 */
import { parseConfig } from '../config.js';
import { exitCodeOf, LedgerError } from '../errors.js';
import { parseRequest } from './args.js';
import { commandHelp, programHelp } from './help.js';
import { commandNamed } from './registry.js';
import { styleFor } from './style.js';
import { packageVersion } from './version.js';

export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const style = styleFor(process.stderr, env);
  try {
    const request = parseRequest(argv);
    if (request.kind === 'version') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (request.kind === 'help') {
      const spec = commandNamed(request.command);
      const text = spec ? commandHelp(spec) : programHelp(packageVersion());
      (request.misuse ? process.stderr : process.stdout).write(text);
      return request.misuse ? 2 : 0;
    }
    const { args } = request;
    const config = parseConfig(env);
    const clock = args.now ? fixedClock(args.now) : () => new Date();
    const run = await commandNamed(args.command)!.load();
    await run(args, config, clock);
    return 0;
  } catch (error) {
    const code = exitCodeOf(error);
    if (error instanceof LedgerError) process.stderr.write(`\n${style.red('✗')} ${error.message}\n`);
    else process.stderr.write(`\n${style.red('✗')} 运行失败：${(error as Error)?.stack ?? String(error)}\n`);
    return code;
  }
}

/** `--now` pins the clock; time still moves forward from it so log times stay ordered. */
function fixedClock(start: Date): () => Date {
  const began = Date.now();
  return () => new Date(start.getTime() + (Date.now() - began));
}

process.exitCode = await main(process.argv.slice(2), process.env);
