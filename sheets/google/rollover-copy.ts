/**
 * 年度结转 on Google Sheets: the next year's spreadsheet is a Drive copy of this year's, edited.
 *
 * Why a copy (files.copy) rather than spreadsheets.create + provisioning: a copy carries everything
 * the bureau and staff built up, exactly — the user's own tabs with their charts and formulas, extra
 * staff columns, column widths, dropdowns, conditional formats, protections and the 校验 formula — where
 * a fresh spreadsheet would carry values only. The price is the Drive scope
 * `https://www.googleapis.com/auth/drive` (files.copy of a file shared with the service account, and
 * copying its sharing); `drive.file` is not enough, since the old spreadsheet was not created by the app.
 *
 * Steps: copy (named “【未完成】…”) → the cell edits (batches under Google's 10 MiB limit, each safe to
 * retry) → one batchUpdate deleting the 终止 rows and rewriting the replaced tabs → the old file's sharing
 * copied (owners become editors: ownership cannot be given without the person's consent) → renamed to
 * its final name. The old spreadsheet is only read. A fault after the copy leaves a spreadsheet whose
 * name says it is unfinished; the error gives its id and URL and asks the admin to delete it and run the
 * command again (not resumable: a fresh copy is cheaper and surer than finding where a copy stopped).
 */
import type { drive_v3 } from '@googleapis/drive';
import type { AuthClient } from 'google-auth-library';
import { RUN_LOG_TAB, rolloverRunId } from '../../functions/core/index.js';
import { LedgerError } from '../../functions/errors.js';
import type { RolloverWriter } from '../../functions/ports.js';
import { createCaller, requestOptions } from './caller.js';
import { quoteTitle } from './cell-values.js';
import { SHEETS_SCOPE, createSheetsClient } from './client.js';
import { fetchSheets } from './metadata.js';
import { withRetry, type RetryOptions } from './retry.js';
import { batchesOf, rolloverRequests } from './rollover-requests.js';

/** The extra scope a rollover on Google Sheets needs. */
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';

export interface SpreadsheetRolloverOptions {
  readonly spreadsheetId: string;
  /** A fixed OAuth token (tests, tokens minted elsewhere); default Application Default Credentials. */
  readonly accessToken?: string | undefined;
  /** Sheets API root (tests: the loopback server). */
  readonly sheetsRootUrl?: string | undefined;
  /** Drive API root (tests: the loopback Drive server). */
  readonly driveRootUrl?: string | undefined;
  readonly retry?: RetryOptions | undefined;
  readonly say?: (line: string) => void;
}

export const spreadsheetUrl = (id: string): string => `https://docs.google.com/spreadsheets/d/${id}/edit`;
const UNFINISHED = '【未完成】';

/** The next year's name: the old year replaced, or the new year appended. */
export function nextName(name: string, fromYear: number, toYear: number): string {
  return name.includes(String(fromYear)) ? name.split(String(fromYear)).join(String(toYear)) : `${name} ${toYear}`;
}

export function spreadsheetRolloverWriter(options: SpreadsheetRolloverOptions): RolloverWriter {
  const say = options.say ?? (() => undefined);
  return async (plan) => {
    const { drive, sheetsAuth } = await clients(options);
    const oldId = options.spreadsheetId;
    const call = <T>(fn: () => Promise<T>) => withRetry(fn, options.retry);
    const old = await call(() => drive.files.get({ fileId: oldId, fields: 'id,name,parents', supportsAllDrives: true }));
    const name = nextName(old.data.name ?? oldId, plan.fromYear, plan.toYear);
    // Not retried: a copy that timed out may exist, and a second one would be a stray duplicate.
    const copy = await drive.files.copy({ fileId: oldId, supportsAllDrives: true, fields: 'id', requestBody: { name: `${UNFINISHED}${name}`, ...(old.data.parents ? { parents: old.data.parents } : {}) } });
    const newId = copy.data.id ?? '';
    say(`已复制为新表格 ${newId}，正在结转 …`);
    try {
      const sheets = await createSheetsClient({ ...sheetsAuth, ...(options.sheetsRootUrl ? { rootUrl: options.sheetsRootUrl } : {}) });
      const caller = createCaller({ api: sheets.api, spreadsheetId: newId, retry: options.retry });
      const tabs = await fetchSheets(caller, '读取新表格');
      const { cells, structure } = rolloverRequests(plan, tabs);
      for (const requests of batchesOf(cells)) {
        await caller.run('写入新表格', (attempt) => sheets.api.spreadsheets.batchUpdate({ spreadsheetId: newId, requestBody: { requests } }, requestOptions(attempt)));
      }
      const runIdCell = `${quoteTitle(RUN_LOG_TAB.name)}!A2`;
      await caller.run('写入新表格', async (attempt) => {
        // Deleting rows is not idempotent: a retry first checks whether the timed-out attempt landed.
        if (attempt.number > 0) {
          const seen = await sheets.api.spreadsheets.values.get({ spreadsheetId: newId, range: runIdCell }, requestOptions(attempt));
          if (seen.data.values?.[0]?.[0] === rolloverRunId(plan.toYear)) return;
        }
        await sheets.api.spreadsheets.batchUpdate({ spreadsheetId: newId, requestBody: { requests: structure } }, requestOptions(attempt));
      });
      await copySharing(drive, oldId, newId, call);
      await call(() => drive.files.update({ fileId: newId, supportsAllDrives: true, requestBody: { name } }));
    } catch (cause) {
      const why = cause instanceof LedgerError ? cause.message : (cause as Error)?.message ?? String(cause);
      throw new LedgerError(cause instanceof LedgerError ? cause.code : 'BACKEND',
        `结转中断：旧表格 ${oldId} 没有任何改动。已创建一半的新表格 ${newId}（名为“${UNFINISHED}${name}”，${spreadsheetUrl(newId)}）不能使用：请在 Google 云端硬盘中删除它，再重新运行本命令。原因：${why}`, { cause });
    }
    return { label: `${newId}（${spreadsheetUrl(newId)}）` };
  };
}

/** Everyone the old spreadsheet is shared with gets the same access to the new one (owners as editors). */
async function copySharing(drive: drive_v3.Drive, oldId: string, newId: string, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<void> {
  const fields = 'permissions(id,type,role,emailAddress,domain)';
  const [from, to] = await Promise.all([
    call(() => drive.permissions.list({ fileId: oldId, fields, supportsAllDrives: true })),
    call(() => drive.permissions.list({ fileId: newId, fields, supportsAllDrives: true })),
  ]);
  const key = (p: drive_v3.Schema$Permission) => `${p.type}\u0000${(p.emailAddress ?? p.domain ?? '').toLowerCase()}`;
  const have = new Set((to.data.permissions ?? []).map(key));
  for (const p of from.data.permissions ?? []) {
    if (have.has(key(p)) || !p.type) continue;
    const role = p.role === 'owner' || p.role === 'organizer' || p.role === 'fileOrganizer' ? 'writer' : p.role ?? 'reader';
    await call(() => drive.permissions.create({
      fileId: newId, supportsAllDrives: true, sendNotificationEmail: false,
      requestBody: { type: p.type, role, ...(p.emailAddress ? { emailAddress: p.emailAddress } : {}), ...(p.domain ? { domain: p.domain } : {}) },
    }));
  }
}

/** One credential for both APIs: a fixed token, or ADC with the Sheets and Drive scopes. */
async function clients(options: SpreadsheetRolloverOptions): Promise<{ drive: drive_v3.Drive; sheetsAuth: { accessToken?: string; authClient?: AuthClient } }> {
  const lib = await import('@googleapis/drive');
  const base = { version: 'v3' as const, retry: false, ...(options.driveRootUrl ? { rootUrl: options.driveRootUrl.endsWith('/') ? options.driveRootUrl : `${options.driveRootUrl}/` } : {}) };
  if (options.accessToken !== undefined) {
    const auth = new lib.auth.OAuth2();
    auth.setCredentials({ access_token: options.accessToken, expiry_date: Date.now() + 365 * 86_400_000 });
    return { drive: lib.drive({ ...base, auth }), sheetsAuth: { accessToken: options.accessToken } };
  }
  const auth = new lib.auth.GoogleAuth({ scopes: [SHEETS_SCOPE, DRIVE_SCOPE] });
  // googleapis-common's GoogleAuth and the project's google-auth-library differ in types only.
  return { drive: lib.drive({ ...base, auth }), sheetsAuth: { authClient: auth as unknown as AuthClient } };
}
