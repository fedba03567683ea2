/**
 * `init --spreadsheet ID`: brings a Google spreadsheet to the ledger contract, and can be run again at
 * any time (after adding units, changing liaisons, 管理员邮箱 or 产业链) — it adds nothing twice.
 *
 * It creates missing tabs (admin tabs with their defaults, one ledger tab per row of 单位, the system
 * tabs and the hidden 校验汇总) and missing headers; sets header notes, number formats, dropdowns, date
 * checks and a frozen header row; puts the 校验 formula in each ledger tab; highlights rows with
 * problems; and protects the tabs: a unit's tab is editable only by its 联络员邮箱 and the admins (参数
 * 管理员邮箱), admin and system tabs only by the admins and the service account.
 *
 * Requests: spreadsheets.get, two values reads (formulas of every tab, values of the admin tabs), one
 * batchUpdate — four, whatever the size. A unit added to 单位 gets its tab on the next run of init.
 */
import { ADMIN_TAB_NAMES } from '../../functions/core/tabs.js';
import { createCaller, requestOptions } from './caller.js';
import { createSheetsClient, type SheetsClient, type SheetsClientOptions } from './client.js';
import { fetchSheetResources, sheetFields, sheetInfo } from './metadata.js';
import { provisionPlan, type ProvisionReport } from './provision-plan.js';
import { readTabs } from './read-values.js';
import type { Starters } from './provision-tabs.js';
import type { RetryOptions } from './retry.js';

export type { ProvisionReport } from './provision-plan.js';
export type { Starters } from './provision-tabs.js';

/** Which spreadsheet, which credentials, and what new admin tabs start with. */
export interface ProvisionOptions {
  readonly spreadsheetId: string;
  readonly client?: SheetsClient;
  readonly auth?: SheetsClientOptions;
  readonly rootUrl?: string;
  /** Made an editor of every protected tab; default: the credentials' own service account. */
  readonly serviceAccountEmail?: string;
  /** What admin tabs created now start with: `bookTabs` of the init command, or just 年度 and 城市. */
  readonly starters?: Starters;
  readonly retry?: RetryOptions;
}

/** Provisions the spreadsheet and says what it did. */
export async function provisionSpreadsheet(options: ProvisionOptions): Promise<ProvisionReport> {
  const client = options.client ?? (await createSheetsClient({ ...options.auth, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) }));
  const serviceAccountEmail = options.serviceAccountEmail ?? (await client.serviceAccountEmail());
  const caller = createCaller({ api: client.api, spreadsheetId: options.spreadsheetId, retry: options.retry, serviceAccountEmail: async () => serviceAccountEmail });
  const action = '初始化表格';
  const plan = async () => {
    const sheets = await fetchSheetResources(caller, action, sheetFields('protectedRanges', 'conditionalFormats'));
    const infos = sheets.map((s) => sheetInfo(s.properties));
    const formulas = await readTabs(caller, action, infos, 'FORMULA');
    const adminInfos = infos.filter((s) => s.isGrid && (ADMIN_TAB_NAMES as readonly string[]).includes(s.title));
    const values = await readTabs(caller, action, adminInfos, 'UNFORMATTED_VALUE');
    return provisionPlan({
      sheets, formulas, values, serviceAccountEmail, ...(options.starters ? { starters: options.starters } : {}),
    });
  };
  let planned = await plan();
  // A retried batchUpdate may follow one that timed out yet was applied: plan again from what is there.
  await caller.run(action, async (attempt) => {
    if (attempt.number > 0) planned = await plan();
    if (planned.requests.length === 0) return;
    await caller.api.spreadsheets.batchUpdate({ spreadsheetId: options.spreadsheetId, requestBody: { requests: planned.requests } }, requestOptions(attempt));
  });
  return planned.report;
}
