/**
 * Configuration, read in one place from an environment object (tests pass literals). A missing or bad
 * setting fails with a message naming it. Secrets (the SMTP URL's password) are never printed.
 */
import * as z from 'zod';
import { parseRobots, type RobotConfig } from './channels/robot-config.js';
import { LedgerError } from './errors.js';

const Env = z.object({
  LEDGER_SMTP_URL: z.string().regex(/^smtps?:\/\//, '必须以 smtp:// 或 smtps:// 开头').optional(),
  LEDGER_MAIL_FROM: z.string().min(3).default('招商引资台账 <noreply@zhaoshang.local>'),
  LEDGER_SMTP_RATE: z.coerce.number().positive().max(100).default(5),
  LEDGER_OUTBOX: z.string().min(1).default('outbox'),
  LEDGER_FILE: z.string().min(1).optional(),
  LEDGER_SPREADSHEET_ID: z.string().regex(/^[A-Za-z0-9_-]{10,}$/, '不像表格 ID（网址中 /d/ 与 /edit 之间的一串字符）').optional(),
  LEDGER_SHEETS_ROOT_URL: z.string().url().optional(),
  LEDGER_SHEETS_ACCESS_TOKEN: z.string().min(1).optional(),
  LEDGER_SHARED_SECRET: z.string().min(16, '至少 16 个字符').optional(),
  LEDGER_SMTP_INSECURE_TLS: z.enum(['0', '1']).default('0'),
  /** Who a run is, in the Sheets run lease (default: host and process id; Cloud Functions: K_SERVICE is added). */
  LEDGER_RUN_HOLDER: z.string().min(1).max(200).optional(),
  /**
   * A Sheets run lease whose heartbeat is older than this many seconds was left by a dead run (default
   * 180: a live run renews at least every 45 s; Cloud Scheduler's retries after 60, 120 and 240 s outlast it).
   */
  LEDGER_LEASE_STALE_S: z.coerce.number().int().min(1).max(86_400).default(180),
  /** How long to wait for the SMTP server's reply, in ms (default 30 000). */
  LEDGER_SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /** Group robots as JSON keyed by group name: see functions/channels/robot-config.ts. */
  LEDGER_ROBOTS: z.string().optional(),
});

/** The raw LEDGER_ROBOTS JSON holds secrets: only its parsed form is kept. */
export type Config = Omit<z.infer<typeof Env>, 'LEDGER_ROBOTS'> & { readonly mailDomain: string; readonly robots: readonly RobotConfig[] };

/** Parses the environment; unknown variables are ignored. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('LEDGER_') && v !== undefined && v !== ''));
  const result = Env.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `环境变量 ${String(issue.path[0])}：${issue.message}`);
    throw new LedgerError('BAD_CONFIG', `配置有误：\n${lines.join('\n')}`);
  }
  const { LEDGER_ROBOTS, ...settings } = result.data;
  const robots = parseRobots(LEDGER_ROBOTS);
  if (robots.problems.length > 0) throw new LedgerError('BAD_CONFIG', `配置有误：\n${robots.problems.join('\n')}`);
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.LEDGER_MAIL_FROM)?.[1] ?? 'zhaoshang.local';
  return { ...settings, mailDomain: domain, robots: robots.robots };
}
