/**
 * The command table: name, what it does, its options and examples, and how to run it. `--help`, the
 * parser and `main` all derive from it, so adding a command is one entry here. Runners are imported
 * lazily: `--help` and `--version` load no workbook or mail library.
 */
import type { Config } from '../config.js';
import type { Args } from './args.js';
import type { OptionName } from './options.js';
import { YEARLY_COMMANDS } from './yearly-commands.js';

/** Runs a command; what it resolves to (e.g. a cycle's delivery counts) is for programmatic callers such as the demo. */
export type Runner = (args: Args, config: Config, clock: () => Date) => Promise<unknown>;

export interface CommandSpec {
  readonly name: string;
  /** One line for the program's help. */
  readonly summary: string;
  /** A paragraph for the command's help. */
  readonly description: string;
  /** The usage line after `zhaoshang NAME`. */
  readonly usage: string;
  readonly options: readonly OptionName[];
  readonly examples: readonly string[];
  /** A usage problem the option table cannot express, in Chinese; undefined when the args are usable. */
  readonly check?: (args: Args) => string | undefined;
  readonly load: () => Promise<Runner>;
}

const LEDGER_OPTIONS = ['ledger', 'spreadsheet'] as const satisfies readonly OptionName[];
const needLedger = (args: Args) => (!args.ledger && !args.spreadsheet ? '请用 --ledger 文件.xlsx 或 --spreadsheet 表格ID 指定台账' : undefined);

export const COMMANDS = [
  {
    name: 'init',
    summary: '新建一本可直接使用的台账（.xlsx 或 Google 表格）',
    description: '生成“参数”“单位”“目标任务”“考评办法”“加减分”页和每个单位的台账页。已存在的文件不会被覆盖；对 Google 表格重复运行只补齐缺少的页和表头。',
    usage: '--ledger 文件.xlsx | --spreadsheet 表格ID [选项]',
    options: [...LEDGER_OPTIONS, 'year', 'city', 'units'],
    examples: ['zhaoshang init --ledger 焦作市招商台账.xlsx --city 焦作市', 'zhaoshang init --ledger 台账.xlsx --units 温县:县市组,解放区:城区组 --year 2026'],
    check: needLedger,
    load: async () => (await import('./init.js')).runInit,
  },
  {
    name: 'cycle',
    summary: '月度考评：计算排名，写回台账，发送月度通报和单位月报',
    description: '按“考评办法”计算该月各单位得分和排名，写入“排名”“得分明细”“预警”“校验结果”页，并按“发送记录”每份报告只发一次。重复运行同一月份会替换该月结果，已发出的邮件不再发送。',
    usage: '--ledger 文件.xlsx | --spreadsheet 表格ID --period YYYY-MM [选项]',
    options: [...LEDGER_OPTIONS, 'period', 'now', 'outbox', 'dry-run', 'resend-unknown'],
    examples: ['zhaoshang cycle --ledger 台账.xlsx --period 2026-06', 'zhaoshang cycle --ledger 台账.xlsx --period 2026-06 --dry-run', 'LEDGER_SMTP_URL=smtps://user:密码@smtp.example.gov.cn zhaoshang cycle --ledger 台账.xlsx --period 2026-06'],
    check: (args) => needLedger(args) ?? (args.period ? undefined : '请用 --period YYYY-MM 指定考核月份，如 --period 2026-06'),
    load: async () => (await import('./commands.js')).runCycleCommand,
  },
  {
    name: 'weekly',
    summary: '周上报：截止后统计各单位是否按时更新，截止前提醒',
    description: '截止后运行：把本周各单位的按时情况记入“周报记录”。加 --remind 在截止前运行：只给有填报错误或本周未更新项目的单位发提醒。',
    usage: '--ledger 文件.xlsx | --spreadsheet 表格ID [--remind] [选项]',
    options: [...LEDGER_OPTIONS, 'deadline', 'remind', 'now', 'outbox', 'dry-run', 'resend-unknown'],
    examples: ['zhaoshang weekly --ledger 台账.xlsx', 'zhaoshang weekly --ledger 台账.xlsx --remind'],
    check: needLedger,
    load: async () => (await import('./commands.js')).runWeeklyCommand,
  },
  {
    name: 'validate',
    summary: '校验台账：在“校验”列和“校验结果”页标出每个问题',
    description: '逐行检查各单位台账，把问题写在“校验”列，汇总到“校验结果”页，并在终端列出前 20 处错误。不计算排名、不发邮件。',
    usage: '--ledger 文件.xlsx | --spreadsheet 表格ID [选项]',
    options: [...LEDGER_OPTIONS, 'now', 'outbox'],
    examples: ['zhaoshang validate --ledger 台账.xlsx'],
    check: needLedger,
    load: async () => (await import('./commands.js')).runValidateCommand,
  },
  {
    name: 'demo',
    summary: '演示：生成示例台账，跑一遍上月考评，报告写入 outbox/',
    description: '第一次运行时生成 data/demo-ledger.xlsx（12 个县市区、约 480 个项目、今年以来的周报和排名），然后对上一个完整月份运行月度考评，邮件写入 outbox/。可重复运行。',
    usage: '[选项]',
    options: ['ledger', 'period', 'now', 'outbox'],
    examples: ['zhaoshang demo', 'zhaoshang demo --period 2026-06 --outbox 演示邮件'],
    load: async () => (await import('./demo.js')).runDemo,
  },
  {
    name: 'robots',
    summary: '列出已配置的钉钉/企业微信群机器人，加 --test 发测试消息',
    description: '按环境变量 LEDGER_ROBOTS 列出每个群机器人的群名、类型和安全设置（不显示地址和密钥）。加 --test 向每个群发一条测试消息，地址、密钥或安全设置有误时列出机器人的原话，退出码 1。',
    usage: '[--test]',
    options: ['test'],
    examples: ['zhaoshang robots', 'zhaoshang robots --test'],
    load: async () => (await import('./robots.js')).runRobots,
  },
  ...YEARLY_COMMANDS,
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];

export function commandNamed(name: string | undefined): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
