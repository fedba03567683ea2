/**
 * 年度结转 as a use case: read the old ledger through the store, plan in the pure core, hand the plan to
 * a writer that makes the new ledger. The old ledger is only read; nothing is written to it.
 */
import { planRollover, type RolloverPlan } from '../core/index.js';
import { LedgerError } from '../errors.js';
import type { LedgerStore, RolloverWriter } from '../ports.js';
import { withSession } from './session.js';

export interface RolloverRequest {
  /** The new year; default 参数.年度 + 1. */
  readonly toYear?: number | undefined;
  readonly now: Date;
}

export interface RolloverOutcome {
  readonly plan: RolloverPlan;
  /** Where the new ledger is (a path, or a spreadsheet id and URL). */
  readonly label: string;
}

export async function runRollover(store: LedgerStore, write: RolloverWriter, request: RolloverRequest, say: (line: string) => void = () => undefined): Promise<RolloverOutcome> {
  const plan = await withSession(store, async (session) => {
    say(`读取 ${session.label} …`);
    const { tabs } = await session.read();
    return planRollover({ tabs, toYear: request.toYear, now: request.now });
  });
  if (plan.problems.length > 0) {
    throw new LedgerError('LEDGER_UNUSABLE', `无法结转：\n${plan.problems.map((p) => p.message).join('\n')}`);
  }
  say(`生成 ${plan.toYear} 年度台账 …`);
  const { label } = await write(plan);
  return { plan, label };
}
