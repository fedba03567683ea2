/** `--help` text, derived from the command and option tables. Chinese, with examples. */
import { GLOBAL_HELP, OPTIONS } from './options.js';
import { COMMANDS, type CommandSpec } from './registry.js';
import { displayWidth } from './table.js';

const BIN = 'zhaoshang';

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => displayWidth(left)));
  return rows.map(([left, right]) => `  ${left}${' '.repeat(width - displayWidth(left) + 2)}${right}`);
}

const EXIT_CODES = [
  '退出码：',
  '  0  完成（台账里的填报问题不算失败，见“校验结果”页）',
  '  2  命令、配置或台账无法使用（按提示修改后重试）',
  '  1  其他错误（网络、邮件服务器等，可稍后重试）',
];

/** The program's help: every command in one line each. */
export function programHelp(version: string): string {
  return [
    `${BIN} ${version} — 招商引资台账：校验、考评排名与通报`,
    '',
    `用法：${BIN} <命令> [选项]`,
    '',
    '命令：',
    ...columns(COMMANDS.map((c) => [c.name, c.summary])),
    '',
    '通用选项：',
    ...columns(GLOBAL_HELP),
    '',
    '示例：',
    ...COMMANDS.map((c) => `  ${c.examples[0]}`),
    '',
    `运行 ${BIN} <命令> --help 查看该命令的选项和更多示例。`,
    '配置（SMTP、群机器人等）通过环境变量设置，见 README 的“配置”一节。',
    '进度和错误写到标准错误，结果写到标准输出。',
    '',
    ...EXIT_CODES,
    '',
  ].join('\n');
}

/** One command's help: usage, what it does, its options, examples. */
export function commandHelp(spec: CommandSpec): string {
  const options = spec.options.map((name): [string, string] => {
    const option = OPTIONS[name];
    return ['value' in option ? `--${name} ${option.value}` : `--${name}`, option.help];
  });
  return [
    `用法：${BIN} ${spec.name} ${spec.usage}`,
    '',
    spec.summary,
    spec.description,
    '',
    '选项：',
    ...columns([...options, ...GLOBAL_HELP.slice(0, 1)]),
    '',
    '示例：',
    ...spec.examples.map((e) => `  ${e}`),
    '',
    ...EXIT_CODES,
    '',
  ].join('\n');
}
