/**
 * Request bodies of the functions, validated with zod in one place. Cloud Scheduler posts JSON; Pub/Sub
 * carries the same JSON base64-encoded in message.data.
 */
import * as z from 'zod';
import { parsePeriod } from '../core/index.js';

const period = z.string().refine((text) => parsePeriod(text) !== undefined, { message: '必须是 YYYY-MM 形式的月份，如 2026-06' });
const instant = z.string().refine((text) => !Number.isNaN(new Date(text).getTime()), { message: '必须是 ISO-8601 时间，如 2026-07-01T06:00:00+08:00' });

export const JobBodies = {
  validate: z.object({}).strict(),
  monthly: z.object({ period: period.optional(), dryRun: z.boolean().optional() }).strict(),
  rerun: z.object({ period, dryRun: z.boolean().default(true) }).strict(),
  weekly: z.object({ deadline: instant.optional() }).strict(),
  reminder: z.object({ dryRun: z.boolean().optional() }).strict(),
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
