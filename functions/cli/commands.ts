/** cycle, weekly and validate on the command line: a thin shell over the pipeline. */
import { formatPeriod, findingMessage, type MonthOutcome } from '../core/index.js';
import type { Config } from '../config.js';
import { runMonthlyCycle } from '../pipeline/monthly.js';
import { runValidation } from '../pipeline/validate.js';
import { runWeekly } from '../pipeline/weekly.js';
import type { RunDeps } from '../pipeline/deps.js';
import { deliveryFor, storeFor } from '../wiring.js';
import type { Args } from './args.js';
import { renderTable } from './table.js';

/** Results: the ranking, the counts. */
const out = (line: string) => process.stdout.write(`${line}\n`);
/** Progress: what the run is doing, for the person watching; never mixed into the results. */
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function depsFor(args: Args, config: Config, clock: () => Date): Promise<RunDeps> {
  return {
    store: await storeFor(args, config),
    ...deliveryFor(config, args.outbox),
    clock,
    mailDomain: config.mailDomain,
    progress: (message) => progress(`· ${message}`),
  };
}

/** What a cycle delivered, for the caller's closing line: messages are counted per recipient. */
export interface CycleDelivery {
  readonly label: string;
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
}

export async function runCycleCommand(args: Args, config: Config, clock: () => Date): Promise<CycleDelivery> {
  const deps = await depsFor(args, config, clock);
  try {
    const summary = await runMonthlyCycle(deps, { period: args.period!, dryRun: args.dryRun, resendUnknown: args.resendUnknown });
    printRanking(summary.outcome);
    const d = summary.delivery;
    // One report goes to several people: say that the counts are of messages, one per recipient.
    out(`\n报告 ${summary.reports.length} 份 → ${deps.transport.label}：按收件人计，发出 ${d.sent} 封，失败 ${d.failed} 封，此前已发 ${d.skipped} 封${d.unknown > 0 ? `，状态未知 ${d.unknown} 封` : ''}。运行记录 ${summary.runId}`);
    // Not all delivered: exit 1 with the reason (运行记录 says the same).
    if (summary.failure) throw summary.failure;
    return { label: deps.transport.label, sent: d.sent, failed: d.failed, skipped: d.skipped };
  } finally {
    await deps.transport.close();
  }
}

export async function runValidateCommand(args: Args, config: Config, clock: () => Date): Promise<void> {
  const deps = await depsFor(args, config, clock);
  try {
    const { outcome, runId, approved, failure } = await runValidation(deps);
    const errors = outcome.findings.filter((f) => f.level === '错误');
    for (const f of errors.slice(0, 20)) out(findingMessage(f));
    if (errors.length > 20) out(`……另有 ${errors.length - 20} 处错误，见“校验结果”页`);
    out(`\n校验完成：${outcome.ledger.projects.length} 行，${errors.length} 处错误，${outcome.findings.length - errors.length} 条提醒。运行记录 ${runId}`);
    for (const { month, delivery } of approved.deliveries) out(`审核后发送 ${month}：发出 ${delivery.sent}，失败 ${delivery.failed}，此前已发 ${delivery.skipped}${delivery.unknown > 0 ? `，状态未知 ${delivery.unknown}` : ''}`);
    if (failure) throw failure;
  } finally {
    await deps.transport.close();
  }
}

export async function runWeeklyCommand(args: Args, config: Config, clock: () => Date): Promise<void> {
  const deps = await depsFor(args, config, clock);
  try {
    const summary = await runWeekly(deps, { deadline: args.deadline, remind: args.remind, dryRun: args.dryRun, resendUnknown: args.resendUnknown });
    if ('skipped' in summary) return;
    // Before the deadline (--remind) the week is not over: show what is still missing, not a verdict.
    const rows = summary.outcome.verdicts.map((v) => [
      v.unit, args.remind ? (v.onTime ? '已全部更新' : `还差 ${v.due - v.updated} 个`) : v.onTime ? '是' : '否', String(v.updated), String(v.due),
    ]);
    out(renderTable(['单位名称', args.remind ? '截至目前' : '按时', '已更新项目数', '应更新项目数'], rows, new Set([2, 3])));
    if (summary.delivery) out(`\n周上报提醒：发出 ${summary.delivery.sent}，失败 ${summary.delivery.failed}，此前已发 ${summary.delivery.skipped}${summary.delivery.unknown > 0 ? `，状态未知 ${summary.delivery.unknown}` : ''}`);
    out(`运行记录 ${summary.runId}`);
    if (summary.failure) throw summary.failure;
  } finally {
    await deps.transport.close();
  }
}

/** The month's ranking as a terminal table, by group. */
export function printRanking(outcome: MonthOutcome): void {
  const names = outcome.admin.method.map((m) => m.name);
  const groups = [...new Set(outcome.admin.units.map((u) => u.group))];
  const sorted = [...outcome.scores].sort((a, b) => groups.indexOf(a.unit.group) - groups.indexOf(b.unit.group) || a.groupRank - b.groupRank);
  const rows = sorted.map((s) => {
    const change = s.change === undefined ? '—' : s.change > 0 ? `↑${s.change}` : s.change < 0 ? `↓${-s.change}` : '—';
    return [s.unit.group, String(s.groupRank), s.unit.name, s.total.toFixed(2), change, String(s.cityRank), s.grade];
  });
  out(`\n${outcome.admin.settings.city} ${formatPeriod(outcome.period)} 招商引资考评排名（${names.length} 项指标）`);
  out(renderTable(['考核组别', '组内', '单位', '总分', '较上月', '全市', '等次'], rows, new Set([1, 3, 5])));
  const errors = outcome.findings.filter((f) => f.level === '错误').length;
  out(`\n数据质量：${errors} 处错误（${outcome.excluded.length} 个项目未计入考核），${outcome.findings.length - errors} 条提醒；预警 ${outcome.warnings.length} 条。`);
}
