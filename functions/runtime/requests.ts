/**
 * Request bodies of the functions, validated with zod in one place. Cloud Scheduler posts JSON; Pub/Sub
 * carries the same JSON base64-encoded in message.data. Dates are strict: a period is `YYYY-MM` with a
 * real month, an instant is a full ISO-8601 date-time with its offset that names a real calendar
 * moment (`{"deadline":"1"}` or `2026-02-30T17:00:00+08:00` are refused). Whether it falls in the
 * ledger's 参数.年度 is checked once the ledger is read.
 */
import * as z from 'zod';

const PERIOD = /^(\d{4})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for `YYYY-MM` with a year 2000–2100 and a month 01–12. */
export function isStrictPeriod(text: string): boolean {
  const m = PERIOD.exec(text);
  return Boolean(m) && Number(m![1]) >= 2000 && Number(m![1]) <= 2100 && Number(m![2]) >= 1 && Number(m![2]) <= 12;
}

/** The instant of a full ISO-8601 date-time with offset whose fields are a real date and time; else undefined. */
export function strictInstant(text: string): Date | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (year < 2000 || year > 2100 || hour > 23 || minute > 59 || second > 59) return undefined;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const period = z.string().refine(isStrictPeriod, { message: '必须是 YYYY-MM 形式的真实月份，如 2026-06' });
const instant = z.string().refine((text) => strictInstant(text) !== undefined, { message: '必须是带时区的真实 ISO-8601 时间，如 2026-07-03T17:00:00+08:00' });
const resendUnknown = z.boolean().optional();

export const JobBodies = {
  validate: z.object({}).strict(),
  monthly: z.object({ period: period.optional(), dryRun: z.boolean().optional(), resendUnknown }).strict(),
  rerun: z.object({ period, dryRun: z.boolean().default(true), resendUnknown }).strict(),
  weekly: z.object({ deadline: instant.optional() }).strict(),
  reminder: z.object({ dryRun: z.boolean().optional(), resendUnknown }).strict(),
} as const;

export type JobName = keyof typeof JobBodies;
export type JobBody<J extends JobName> = z.infer<(typeof JobBodies)[J]>;

/** Parses a body; an empty body is `{}`. Returns the Chinese message naming the bad field on failure. */
export function parseBody<J extends JobName>(job: J, body: unknown): { ok: true; value: JobBody<J> } | { ok: false; message: string } {
  const raw = body === undefined || body === null || body === '' ? {} : body;
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, message: '请求体必须是 JSON 对象' };
  const result = JobBodies[job].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as JobBody<J> };
  const lines = result.error.issues.map((issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : `字段 ${issue.path.join('.') || '(整体)'}：${issue.message}`));
  return { ok: false, message: `请求有误：${lines.join('；')}` };
}
