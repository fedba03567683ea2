import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../functions/cli/options.js';
import { COMMANDS } from '../../functions/cli/registry.js';
import { styleFor } from '../../functions/cli/style.js';
import { runCli } from '../support/cli.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const ANSI = /\u001b\[/;

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { PATH: process.env.PATH ?? '', ...env });

describe('zhaoshang --help and --version', () => {
  it('when asked for --help, then every command of the table is listed with its summary on stdout, exit 0', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`zhaoshang ${VERSION} — 招商引资台账`);
    for (const c of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary}$`, 'm'));
    expect(result.stdout).toContain('退出码');
  });

  it.each([['-V'], ['--version']])('when asked for %s, then stdout is the package version alone', async (flag) => {
    expect(await cli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it.each(COMMANDS.map((c) => [c.name]))('when asked for %s --help, then its options and examples come from the tables', async (name) => {
    const spec = COMMANDS.find((c) => c.name === name)!;
    const [flag, named] = await Promise.all([cli([name, '--help']), cli(['help', name])]);
    expect(flag.code).toBe(0);
    expect(named.stdout).toBe(flag.stdout);
    expect(flag.stdout.startsWith(`用法：zhaoshang ${name} `)).toBe(true);
    for (const option of spec.options) expect(flag.stdout).toContain(`--${option}`);
    for (const option of spec.options) expect(flag.stdout).toContain(OPTIONS[option].help);
    for (const example of spec.examples) expect(flag.stdout).toContain(`  ${example}\n`);
  });
});

describe('usage errors exit 2 on stderr and say where help is', () => {
  it.each([
    ['no command', [], /^zhaoshang .* — 招商引资台账/],
    ['an unknown command', ['rank'], /未知命令“rank”：可用 init、cycle、weekly、validate、demo、robots、rollover、targets\n运行 zhaoshang --help 查看用法。/],
    ['an option the command does not take', ['validate', '--ledger', 'x.xlsx', '--period', '2026-06'], /命令行参数有误：.*--period[\s\S]*运行 zhaoshang validate --help 查看用法。/],
    ['a missing ledger', ['cycle', '--period', '2026-06'], /请用 --ledger 文件\.xlsx 或 --spreadsheet 表格ID 指定台账/],
    ['help for an unknown command', ['help', 'rank'], /没有“rank”这个命令/],
  ])('when given %s, then exit 2, nothing on stdout, and the reason on stderr', async (_case, args, words) => {
    const result = await cli(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(words as RegExp);
  });

  it('when stderr is not a terminal, then the error has no colour codes; FORCE_COLOR turns them on', async () => {
    const [piped, forced] = await Promise.all([cli(['rank']), cli(['rank'], { FORCE_COLOR: '1' })]);
    expect(piped.stderr).not.toMatch(ANSI);
    expect(forced.stderr).toMatch(ANSI);
  });
});

describe('colour only on a terminal', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: true }, { FORCE_COLOR: '0' }, true],
  ])('when the stream is %o and the environment %o, then colour is %s', (stream, env, coloured) => {
    expect(ANSI.test(styleFor(stream, env).red('✗'))).toBe(coloured);
  });
});
