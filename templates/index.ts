/**
 * Report templates: the core's outcomes in, messages out (subject, HTML, text, .xlsx). Nothing here
 * fetches or sends; `now` is only printed as the time of generation.
 */
import { RANKING_TAB_NAME, type MonthOutcome, type WeekOutcome } from '../functions/core/index.js';
import {
  annualModel, bulletinModel, isAssessed, quarterlyModel, readRankingHistory, unitReportModels, weeklyReminderModels,
  type MonthContext,
} from './model/index.js';
import { renderAnnual } from './render/annual.js';
import { renderBulletin } from './render/bulletin.js';
import { renderQuarterly } from './render/quarterly.js';
import { renderUnitReport } from './render/unit-report.js';
import { renderWeeklyReminder } from './render/weekly-reminder.js';
import type { RenderedReport } from './types.js';

export type { Attachment, RenderedReport, ReportKind } from './types.js';
export type { MonthContext } from './model/index.js';

/**
 * Every report of an assessed month: the 月度通报, one 单位月报 per unit (in 单位 order), and the 季度讲评
 * (March, June, September, December) and 年度总评 (December) when due. An outcome with structure
 * problems has no scores and gives no report (the run exits 2 and says why).
 *
 * `context.weekly` (周报记录 as read by readWeeklyRecords) lets the bulletin count missed weekly reports.
 */
export async function renderMonthReports(outcome: MonthOutcome, now: Date, context: MonthContext = {}): Promise<RenderedReport[]> {
  if (!isAssessed(outcome)) return [];
  const history = readRankingHistory(outcome.writes.get(RANKING_TAB_NAME));
  const reports: RenderedReport[] = [await renderBulletin(bulletinModel(outcome, history, now, context))];
  for (const model of unitReportModels(outcome, history, now, context)) reports.push(await renderUnitReport(model));
  const quarterly = quarterlyModel(outcome, history, now, context);
  if (quarterly) reports.push(await renderQuarterly(quarterly));
  const annual = annualModel(outcome, history, now);
  if (annual) reports.push(await renderAnnual(annual));
  return reports;
}

/**
 * 周上报提醒 for the deadline of `outcome` (run the day before it): one per unit with 错误 rows or active
 * rows not updated in the deadline's week, listing the rows and cells to fix. Units with nothing to fix
 * get nothing.
 */
export async function renderWeeklyReminders(outcome: WeekOutcome, now: Date): Promise<RenderedReport[]> {
  const reports: RenderedReport[] = [];
  for (const model of weeklyReminderModels(outcome, now)) reports.push(await renderWeeklyReminder(model));
  return reports;
}
