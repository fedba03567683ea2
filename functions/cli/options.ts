/**
 * Every command-line option, once: its type, the value it takes and what it does. The parser, the
 * validation and `--help` all read this table.
 */

import { YEARLY_OPTIONS } from './yearly-commands.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** The value placeholder in help, e.g. `文件.xlsx`. */
  readonly value?: string;
  readonly help: string;
}

export const OPTIONS = {
  ledger: { type: 'string', value: '文件.xlsx', help: '台账工作簿（.xlsx）的路径' },
  spreadsheet: { type: 'string', value: '表格ID', help: 'Google 表格的 ID（网址中 /d/ 与 /edit 之间的一串字符），代替 --ledger' },
  period: { type: 'string', value: 'YYYY-MM', help: '考核月份，如 2026-06' },
  now: { type: 'string', value: '时间', help: '假定的当前时间（ISO-8601，如 2026-07-01T06:00:00+08:00），用于补跑和演示' },
  outbox: { type: 'string', value: '文件夹', help: '未配置 LEDGER_SMTP_URL 时，邮件以 .eml 文件写入此文件夹（默认 outbox）' },
  deadline: { type: 'string', value: '时间', help: '要统计的周上报截止时间（ISO-8601）；默认按“参数”页的周上报截止，取最近已过的一次（加 --remind 时取下一次）' },
  remind: { type: 'boolean', help: '截止前运行：只给有问题的单位发周上报提醒' },
  'dry-run': { type: 'boolean', help: '只计算和生成报告，不写回台账、不发送' },
  'resend-unknown': { type: 'boolean', help: '重发“状态未知”的消息（上次运行发出后未得到服务器答复）：请先在邮件服务器日志中按 Message-ID 确认对方确实没有收到' },
  year: { type: 'string', value: 'YYYY', help: '考核年度（默认今年）' },
  city: { type: 'string', value: '城市', help: '城市名称，写入“参数”页，报告标题会用到' },
  test: { type: 'boolean', help: '向每个已配置的群机器人发送一条测试消息' },
  ...YEARLY_OPTIONS,
  units: { type: 'string', value: '单位:组别,…', help: '单位和考核组别，如 温县:县市组,解放区:城区组（默认焦作市 12 个县市区）' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Options every command accepts. */
export const GLOBAL_HELP = [
  ['-h, --help', '显示帮助'],
  ['-V, --version', '显示版本号'],
] as const;
