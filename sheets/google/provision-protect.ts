/**
 * Protections and the problem highlighting, made idempotent by comparing with what the tab already has:
 * a protected range of ours is recognised by its description, a highlighting rule by its formula. One
 * that matches is kept; one that differs (new liaison, moved 校验 column) is deleted and re-added in
 * the same batch, so there is never a moment without protection.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { columnLetter } from '../../functions/core/cells.js';

type Request = sheets_v4.Schema$Request;

/** Every description of ours starts with this. */
export const PROTECTION_PREFIX = '系统保护：';

/** The descriptions of our protected ranges, one per kind; staff see them in 保护的工作表和范围. */
export const PROTECTION = {
  ledger: `${PROTECTION_PREFIX}单位台账，仅本单位联络员和管理员可编辑`,
  checkColumn: `${PROTECTION_PREFIX}校验列由系统公式生成，请勿输入`,
  admin: `${PROTECTION_PREFIX}管理页，仅管理员可编辑`,
  system: `${PROTECTION_PREFIX}系统页，仅系统和管理员可编辑`,
} as const;

/** A protected range we want. `editors` undefined means warning only. */
export interface WantedProtection {
  readonly description: string;
  readonly range: sheets_v4.Schema$GridRange;
  readonly editors?: readonly string[];
}

/** Requests to send and how many items they add and remove. */
export interface Changes {
  readonly requests: Request[];
  readonly added: number;
  readonly removed: number;
}

const normalizeEmails = (emails: readonly string[]) => [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))].sort();

function sameRange(a: sheets_v4.Schema$GridRange | undefined, b: sheets_v4.Schema$GridRange): boolean {
  if ((a?.sheetId ?? 0) !== (b.sheetId ?? 0)) return false;
  const bounds = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'] as const;
  return bounds.every((k) => (a?.[k] ?? null) === (b[k] ?? null));
}

function matches(existing: sheets_v4.Schema$ProtectedRange, wanted: WantedProtection): boolean {
  if (existing.description !== wanted.description || !sameRange(existing.range, wanted.range)) return false;
  if (wanted.editors === undefined) return existing.warningOnly === true;
  if (existing.warningOnly) return false;
  const have = normalizeEmails(existing.editors?.users ?? []);
  const want = normalizeEmails(wanted.editors);
  return have.length === want.length && have.every((e, i) => e === want[i]);
}

/** Requests bringing one tab's protections of ours to `wanted`; other people's protections are left alone. */
export function protectionChanges(sheet: sheets_v4.Schema$Sheet | undefined, wanted: readonly WantedProtection[]): Changes {
  const ours = (sheet?.protectedRanges ?? []).filter((p) => p.description?.startsWith(PROTECTION_PREFIX));
  const keep = new Set<sheets_v4.Schema$ProtectedRange>();
  const requests: Request[] = [];
  const toAdd = wanted.filter((w) => {
    const hit = ours.find((p) => !keep.has(p) && matches(p, w));
    if (hit) keep.add(hit);
    return !hit;
  });
  const stale = ours.filter((p) => !keep.has(p) && p.protectedRangeId !== undefined && p.protectedRangeId !== null);
  for (const p of stale) requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
  for (const w of toAdd) {
    const protectedRange: sheets_v4.Schema$ProtectedRange =
      w.editors === undefined
        ? { description: w.description, range: w.range, warningOnly: true }
        : { description: w.description, range: w.range, warningOnly: false, editors: { users: normalizeEmails(w.editors), domainUsersCanEdit: false } };
    requests.push({ addProtectedRange: { protectedRange } });
  }
  return { requests, added: toAdd.length, removed: stale.length };
}

const OUR_RULE = /^=LEFT\(\$[A-Z]+2,1\)="[✗⚠]"$/;

/** The two highlighting rules of a unit tab: rows whose 校验 starts with ✗ (red) or ⚠ (yellow). */
export function highlightRules(sheetId: number, checkColumn: number, width: number): sheets_v4.Schema$ConditionalFormatRule[] {
  const range = { sheetId, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: Math.max(width, checkColumn + 1) };
  const rule = (mark: string, backgroundColor: sheets_v4.Schema$Color) => ({
    ranges: [range],
    booleanRule: {
      condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: `=LEFT($${columnLetter(checkColumn)}2,1)="${mark}"` }] },
      format: { backgroundColor },
    },
  });
  return [rule('✗', { red: 0.99, green: 0.85, blue: 0.85 }), rule('⚠', { red: 1, green: 0.95, blue: 0.8 })];
}

const formulaOf = (rule: sheets_v4.Schema$ConditionalFormatRule) => rule.booleanRule?.condition?.values?.[0]?.userEnteredValue ?? '';

/** Requests bringing a tab's highlighting rules of ours to `wanted`; other rules are left alone. */
export function highlightChanges(sheet: sheets_v4.Schema$Sheet | undefined, sheetId: number, wanted: readonly sheets_v4.Schema$ConditionalFormatRule[]): Changes {
  const existing = sheet?.conditionalFormats ?? [];
  const same = (a: sheets_v4.Schema$ConditionalFormatRule, b: sheets_v4.Schema$ConditionalFormatRule) =>
    formulaOf(a) === formulaOf(b) && (a.ranges ?? []).length === 1 && sameRange(a.ranges?.[0], b.ranges?.[0] ?? {});
  const kept = new Set<number>();
  const toAdd = wanted.filter((w) => {
    const at = existing.findIndex((e, i) => !kept.has(i) && same(e, w));
    if (at >= 0) kept.add(at);
    return at < 0;
  });
  const stale = existing.map((e, i) => ({ e, i })).filter(({ e, i }) => !kept.has(i) && OUR_RULE.test(formulaOf(e)));
  const requests: Request[] = [];
  // Deleting by index: highest first, so the indexes still to delete do not shift.
  for (const { i } of [...stale].reverse()) requests.push({ deleteConditionalFormatRule: { sheetId, index: i } });
  for (const rule of toAdd) requests.push({ addConditionalFormatRule: { rule, index: 0 } });
  return { requests, added: toAdd.length, removed: stale.length };
}
