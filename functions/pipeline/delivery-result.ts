/**
 * A run whose deliveries failed or whose outcome is unknown did not succeed, however well the ranking
 * went: 运行记录 says why, and the entry points turn it into exit 1 / HTTP 502 so people and the
 * scheduler notice.
 */
import { LedgerError } from '../errors.js';
import type { DeliveryOutcome } from './deliver.js';

/** The sentence 运行记录 and the error carry: counts, then the first problems with the server's words. */
export function deliveryProblemText(delivery: DeliveryOutcome): string | undefined {
  if (delivery.failed + delivery.unknown === 0) return undefined;
  const parts = [delivery.failed > 0 ? `${delivery.failed} 个收件人发送失败（下次运行自动重试）` : '', delivery.unknown > 0 ? `${delivery.unknown} 个收件人状态未知（不会自动重发，需管理员核实后用 --resend-unknown 重发）` : ''].filter(Boolean);
  const examples = delivery.problems.slice(0, 3).map((p) => `${p.report} → ${p.to}：${p.status}${p.reason ? `，${firstSentence(p.reason)}` : ''}`);
  return `${parts.join('；')}。${examples.join('；')}${delivery.problems.length > 3 ? ' …' : ''}。`;
}

/** The error to raise after the run was recorded, or undefined when every delivery is settled. */
export function deliveryFailure(delivery: DeliveryOutcome, runId: string, detail: Record<string, unknown>): LedgerError | undefined {
  const text = deliveryProblemText(delivery);
  if (!text) return undefined;
  return new LedgerError('DELIVERY_FAILED', `运行 ${runId} 的报告没有全部送达：${text}详见“发送记录”页。`, { detail: { runId, ...detail, failed: delivery.failed, unknown: delivery.unknown } });
}

/** The reason's first sentence (what happened), not cut mid-word: the instructions follow once in the text. */
function firstSentence(reason: string, max = 80): string {
  const end = reason.search(/[。；]/);
  const sentence = end < 0 ? reason : reason.slice(0, end);
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1)}…`;
}
