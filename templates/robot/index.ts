/**
 * Robot digests of an assessed month, the same reports as the mail: the 月度通报, each 单位月报, and the
 * 季度讲评 / 年度总评 when due. Unfitted: each robot fits them to its own limit with `fitDigest`.
 */
import { RANKING_TAB_NAME, type MonthOutcome } from '../../functions/core/index.js';
import { annualModel, bulletinModel, isAssessed, quarterlyModel, readRankingHistory, unitReportModels, type MonthContext } from '../model/index.js';
import { annualDigest } from './annual.js';
import { quarterlyDigest } from './quarterly.js';
import { bulletinDigest } from './bulletin.js';
import type { Digest } from '../../functions/channels/robot.js';
import { fitDigest, type DigestSource } from './digest.js';
import { unitDigest } from './unit-report.js';

export { fitDigest, type DigestSource } from './digest.js';
export { bulletinDigest } from './bulletin.js';
export { unitDigest } from './unit-report.js';
export { quarterlyDigest } from './quarterly.js';
export { annualDigest } from './annual.js';

/** The digests in the shape the robot channel takes (a report's `digest`). */
export function asDigests(sources: readonly DigestSource[]): Digest[] {
  return sources.map((source) => ({ key: source.key, fit: (fits: (markdown: string) => boolean) => fitDigest(source, fits) }));
}

export function monthDigests(outcome: MonthOutcome, now: Date, context: MonthContext = {}): DigestSource[] {
  if (!isAssessed(outcome)) return [];
  const history = readRankingHistory(outcome.writes.get(RANKING_TAB_NAME));
  const digests = [bulletinDigest(bulletinModel(outcome, history, now, context)), ...unitReportModels(outcome, history, now, context).map(unitDigest)];
  const quarterly = quarterlyModel(outcome, history, now, context);
  if (quarterly) digests.push(quarterlyDigest(quarterly));
  const annual = annualModel(outcome, history, now);
  if (annual) digests.push(annualDigest(annual));
  return digests;
}
