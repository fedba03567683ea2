/**
 * The two once-a-year commands described for help and registration: their options (value, help text)
 * and their command entries, in the shape of a command table (name, summary, description, usage,
 * options, examples, check, load). `args.ts` parses them; a command table can spread these in.
 */
import type { Config } from '../config.js';
import type { Args } from './args.js';

export const YEARLY_OPTIONS = {
  out: { type: 'string', value: '新文件.xlsx', help: '结转生成的新台账路径（默认把文件名中的年份换成新年份，如 台账2026.xlsx → 台账2027.xlsx）；已存在则拒绝' },
  indicator: { type: 'string', value: '指标名称', help: '要分解目标的指标，与“考评办法”页的指标名称一致，如 到位资金' },
  total: { type: 'string', value: '总数', help: '全市目标：金额可写 1200000、120亿 或 120亿元（万元），个数写整数' },
  basis: { type: 'string', value: '上年实际|平均', help: '分解依据：按上年实际值的比例（默认），或平均' },
  from: { type: 'string', value: '上年台账', help: '取上年实际值的台账（.xlsx 路径或 Google 表格 ID），默认 --ledger 本身' },
  round: { type: 'string', value: '取整单位', help: '目标取整到它的整数倍（金额默认 100 万元，个数默认 1）' },
  replace: { type: 'boolean', help: '改写“目标任务”中已填写的目标（默认只填空白单元格）' },
} as const;

const needLedger = (args: Args) => (!args.ledger && !args.spreadsheet ? '请用 --ledger 文件.xlsx 或 --spreadsheet 表格ID 指定台账' : undefined);

export const YEARLY_COMMANDS = [
  {
    name: 'rollover',
    summary: '年度结转：由今年的台账生成明年的台账（旧台账不变）',
    description: '复制各单位在推项目（删除已终止的），上年末累计到位 = 原值 + 1–12 月到位，清空各月到位和“校验”，“参数”年度加一，“目标任务”留空待分解，“加减分”和系统页清空（“快照”保留）。按单位列出结转、删除、带错误的行数；新文件已存在则拒绝。Google 表格通过云端硬盘复制，需要 drive 权限。',
    usage: '--ledger 文件.xlsx | --spreadsheet 表格ID [--year 新年度] [--out 新文件.xlsx]',
    options: ['ledger', 'spreadsheet', 'year', 'out', 'now'],
    examples: ['zhaoshang rollover --ledger 台账2026.xlsx', 'zhaoshang rollover --spreadsheet 表格ID --year 2027'],
    check: needLedger,
    load: async () => (await import('./rollover.js')).runRolloverCommand as (args: Args, config: Config, clock: () => Date) => Promise<void>,
  },
  {
    name: 'targets',
    summary: '目标分解：把全市目标按上年实际或平均分到各单位，合计分毫不差',
    description: '按最大余数法取整，每个单位至少一个取整单位，合计等于全市总数；打印各单位占比、上年实际和建议目标，只填写“目标任务”中空白的单元格（加 --replace 改写已填的）。',
    usage: '--ledger 文件 | --spreadsheet 表格ID --indicator 指标名称 --total 总数 [--basis 上年实际|平均] [--from 上年台账] [--round 100] [--replace]',
    options: ['ledger', 'spreadsheet', 'indicator', 'total', 'basis', 'from', 'round', 'replace', 'now'],
    examples: ['zhaoshang targets --ledger 台账2027.xlsx --indicator 到位资金 --total 120亿 --from 台账2026.xlsx', 'zhaoshang targets --ledger 台账2027.xlsx --indicator 签约项目数 --total 60 --basis 平均'],
    check: (args: Args) => needLedger(args) ?? (args.yearly.indicator && args.yearly.total ? undefined : '请用 --indicator 指标名称 和 --total 全市目标 指定要分解的指标和总数，如 --indicator 到位资金 --total 120亿'),
    load: async () => (await import('./targets.js')).runTargetsCommand as (args: Args, config: Config, clock: () => Date) => Promise<void>,
  },
] as const;
