/**
 * A month's reports as deliverables: the rendered mail, plus each configured group robot the sheet
 * names as one more recipient (`钉钉:市招商工作群`) carrying the report's Markdown digest. One list, one
 * send log: the robot is just another recipient of the same (period, report).
 */
import { robotRoutes, type Finding, type MonthOutcome } from '../core/index.js';
import { renderMonthReports, type MonthContext, type RenderedReport } from '../../templates/index.js';
import { asDigests, monthDigests } from '../../templates/robot/index.js';
import type { Deliverable } from './deliver.js';

export interface MonthDeliverables {
  readonly rendered: readonly RenderedReport[];
  readonly reports: readonly Deliverable[];
  /** A group the sheet names that has no robot configured: shown in 校验结果, the mail still goes. */
  readonly findings: readonly Finding[];
}

/**
 * Renders the month and adds the robot recipients. `robots` maps a configured group name to its
 * recipient (undefined: robots not wired, e.g. a test of mail alone — no routes, no findings).
 */
export async function monthDeliverables(outcome: MonthOutcome, now: Date, context: MonthContext, robots: ReadonlyMap<string, string> | undefined): Promise<MonthDeliverables> {
  const rendered = await renderMonthReports(outcome, now, context);
  if (!robots || rendered.length === 0) return { rendered, reports: rendered, findings: [] };
  const { routes, findings } = robotRoutes(outcome.admin, [...robots.keys()]);
  if (routes.length === 0) return { rendered, reports: rendered, findings };
  const digests = new Map(asDigests(monthDigests(outcome, now, context)).map((d) => [d.key, d]));
  const reports = rendered.map((report): Deliverable => {
    const digest = digests.get(report.key);
    const groups = routes.filter((r) => r.report === report.key).map((r) => robots.get(r.group)!);
    return digest && groups.length > 0 ? { ...report, to: [...report.to, ...groups], digest } : report;
  });
  return { rendered, reports, findings };
}
