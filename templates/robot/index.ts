/**
 * Robot digests of an assessed month: the 月度通报 and each 单位月报, unfitted (each robot fits them to
 * its own limit with `fitDigest`). 季度讲评 and 年度总评 go by mail only for now.
 */
import { RANKING_TAB_NAME, type MonthOutcome } from '../../functions/core/index.js';
import { bulletinModel, isAssessed, readRankingHistory, unitReportModels, type MonthContext } from '../model/index.js';
import { bulletinDigest } from './bulletin.js';
import type { Digest } from '../../functions/channels/deliver-robots.js';
import { fitDigest, type DigestSource } from './digest.js';
import { unitDigest } from './unit-report.js';

export { fitDigest, type DigestSource } from './digest.js';
export { bulletinDigest } from './bulletin.js';
export { unitDigest } from './unit-report.js';

/** The digests in the shape `deliverToRobots` takes. */
export function asDigests(sources: readonly DigestSource[]): Digest[] {
  return sources.map((source) => ({ key: source.key, fit: (fits: (markdown: string) => boolean) => fitDigest(source, fits) }));
}

export function monthDigests(outcome: MonthOutcome, now: Date, context: MonthContext = {}): DigestSource[] {
  if (!isAssessed(outcome)) return [];
  const history = readRankingHistory(outcome.writes.get(RANKING_TAB_NAME));
  return [bulletinDigest(bulletinModel(outcome, history, now, context)), ...unitReportModels(outcome, history, now, context).map(unitDigest)];
}
