/**
 * One scheduled job, whatever delivered it (HTTP from Cloud Scheduler, a Pub/Sub CloudEvent, a person):
 * configuration → adapters → the same pipeline as the CLI. Returns a small JSON-able summary.
 */
import { formatPeriod, formatShanghaiTime, lastCompletePeriod, parsePeriod } from '../core/index.js';
import { parseConfig, type Config } from '../config.js';
import { LedgerError } from '../errors.js';
import { runMonthlyCycle } from '../pipeline/monthly.js';
import { runValidation } from '../pipeline/validate.js';
import { runWeekly } from '../pipeline/weekly.js';
import type { RunDeps } from '../pipeline/deps.js';
import { deliveryFor, storeFor } from '../wiring.js';
import { notifyAdmins } from './notify.js';
import type { JobBody, JobName } from './requests.js';

const JOB_NAMES: Record<JobName, string> = { validate: '台账校验', monthly: '月度考评', rerun: '手动重算', weekly: '周报记录', reminder: '周上报提醒' };

export interface JobContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** When the scheduler meant this run to happen (X-CloudScheduler-ScheduleTime, the event time); defaults to now. */
  readonly scheduledAt?: Date;
  readonly clock?: () => Date;
  readonly log?: (message: string) => void;
}

export interface JobResult {
  readonly job: JobName;
  readonly status: 'done' | 'skipped';
  readonly runId: string;
  readonly detail: Record<string, unknown>;
}

/** The ledger a deployed function uses: the spreadsheet in production, a workbook locally. */
function target(config: Config): { ledger?: string; spreadsheet?: string } {
  if (config.LEDGER_SPREADSHEET_ID) return { spreadsheet: config.LEDGER_SPREADSHEET_ID };
  if (config.LEDGER_FILE) return { ledger: config.LEDGER_FILE };
  throw new LedgerError('BAD_CONFIG', '配置有误：请设置 LEDGER_SPREADSHEET_ID（在线表格）或 LEDGER_FILE（本地工作簿）');
}

export async function runJob<J extends JobName>(job: J, body: JobBody<J>, context: JobContext): Promise<JobResult> {
  const config = parseConfig(context.env);
  const clock = context.clock ?? (() => new Date());
  const scheduledAt = context.scheduledAt ?? clock();
  const { transport, robots } = deliveryFor(config);
  const deps: RunDeps = { store: await storeFor(target(config), config), transport, robots, clock, mailDomain: config.mailDomain, ...(context.log ? { progress: context.log } : {}) };
  try {
    switch (job) {
      case 'validate': {
        const { runId, outcome, approved, failure } = await runValidation(deps, `校验:${formatShanghaiTime(scheduledAt)}`);
        // An approved report that did not go out: 运行记录 says why; a 5xx makes the scheduler retry.
        if (failure) throw failure;
        const signedOff = approved.deliveries.map(({ month, delivery }) => ({ period: month, sent: delivery.sent, alreadySent: delivery.skipped }));
        return { job, status: 'done', runId, detail: { rows: outcome.ledger.projects.length, findings: outcome.findings.length, errors: outcome.findings.filter((f) => f.level === '错误').length, ...(signedOff.length > 0 ? { signedOff } : {}) } };
      }
      case 'monthly':
      case 'rerun': {
        const b = body as JobBody<'monthly'>;
        const period = b.period ? parsePeriod(b.period)! : lastCompletePeriod(scheduledAt);
        const month = formatPeriod(period);
        const manual = job === 'rerun';
        // The schedule runs once per month (a duplicate delivery is skipped); a manual re-run always runs.
        const resendUnknown = b.resendUnknown ?? false;
        const result = manual
          ? await runMonthlyCycle(deps, { period, dryRun: b.dryRun ?? false, resendUnknown, runKey: `重算:${month}:${formatShanghaiTime(clock())}` })
          : await runMonthlyCycle(deps, { period, dryRun: b.dryRun ?? false, resendUnknown, once: true, runKey: `月度:${month}` });
        if ('skipped' in result) return { job, status: 'skipped', runId: result.runId, detail: { period: month, reason: `${result.key} 已完成，重复投递不再执行` } };
        // Failed or unknown deliveries: 运行记录 already says why; a 5xx makes the scheduler retry.
        if (result.failure) throw result.failure;
        return {
          job, status: 'done', runId: result.runId,
          detail: {
            period: month, units: result.outcome.scores.length, sent: result.delivery.sent, failed: result.delivery.failed, alreadySent: result.delivery.skipped,
            reports: result.reports.map((r) => ({ key: r.key, subject: r.subject, to: r.to.length, htmlBytes: r.htmlBytes })),
          },
        };
      }
      case 'weekly':
      case 'reminder': {
        const remind = job === 'reminder';
        const b = body as JobBody<'weekly'> & JobBody<'reminder'>;
        const result = await runWeekly(deps, {
          remind, once: true, reference: scheduledAt, dryRun: b.dryRun ?? false, resendUnknown: b.resendUnknown ?? false, ...(b.deadline ? { deadline: new Date(b.deadline) } : {}),
        });
        if ('skipped' in result) return { job, status: 'skipped', runId: result.runId, detail: { reason: `${result.key} 已完成，重复投递不再执行` } };
        if (result.failure) throw result.failure;
        return {
          job, status: 'done', runId: result.runId,
          detail: { deadline: formatShanghaiTime(result.outcome.deadline), onTime: result.outcome.verdicts.filter((v) => v.onTime).length, units: result.outcome.verdicts.length, sent: result.delivery?.sent ?? 0 },
        };
      }
    }
    throw new LedgerError('INTERNAL', `未知任务 ${String(job)}`);
  } catch (error) {
    if (error instanceof LedgerError && error.notice) {
      await notifyAdmins(transport, error.notice, JOB_NAMES[job], error.message, clock(), config.mailDomain).catch(() => false);
    }
    throw error;
  } finally {
    await transport.close();
  }
}
