/**
 * Choosing the adapters: the workbook or the spreadsheet, SMTP or the outbox folder. The only place
 * that knows every backend; CLI and functions both come through here.
 */
import type { Config } from './config.js';
import { systemClock, type DispatchClock } from './channels/dispatch.js';
import { createRobotChannel, ROBOT_CHANNELS, robotRecipient } from './channels/robot-channel.js';
import { robotMap } from './channels/robot-config.js';
import type { RobotKind } from './channels/robot.js';
import { createChannelRouter } from './mail/channels.js';
import { createOutboxTransport } from './mail/outbox.js';
import { createSmtpTransport } from './mail/smtp.js';
import type { LedgerStore, MailTransport } from './ports.js';
import { LedgerError } from './errors.js';

export interface LedgerTarget {
  readonly ledger?: string | undefined;
  readonly spreadsheet?: string | undefined;
}

/**
 * The store for a target. Each backend is imported only when used: a function reading Google Sheets never
 * loads the workbook code (zip, XML, exceljs), and the CLI on a workbook never loads the Sheets client.
 */
export async function storeFor(target: LedgerTarget, config: Config): Promise<LedgerStore> {
  if (target.spreadsheet) {
    const { createSheetsStore } = await import('../sheets/google/sheets-store.js');
    return createSheetsStore({
      spreadsheetId: target.spreadsheet,
      ...(config.LEDGER_SHEETS_ROOT_URL ? { rootUrl: config.LEDGER_SHEETS_ROOT_URL } : {}),
      ...(config.LEDGER_SHEETS_ACCESS_TOKEN ? { auth: { accessToken: config.LEDGER_SHEETS_ACCESS_TOKEN } } : {}),
      // Every delivery is logged before the next message goes out: a killed run re-sends nothing. The
      // Sheets write quota (60/min per user) thereby paces mail to about one message a second.
      sendLog: { maxRows: 1 },
      // Two runs on one spreadsheet never overlap: the second is refused (409 / exit 2) naming the first.
      // The heartbeat is renewed at least 4 times within the stale limit, so a live run is never taken over.
      lease: {
        staleMs: config.LEDGER_LEASE_STALE_S * 1000, renewMs: Math.min(45_000, (config.LEDGER_LEASE_STALE_S * 1000) / 4),
        ...(config.LEDGER_RUN_HOLDER ? { holder: config.LEDGER_RUN_HOLDER } : {}),
      },
    });
  }
  if (target.ledger) {
    const { createWorkbookStore } = await import('../sheets/xlsx/workbook-store.js');
    return createWorkbookStore({ path: target.ledger });
  }
  throw new LedgerError('BAD_CONFIG', '没有指定台账：请用 --ledger 文件.xlsx 或 --spreadsheet 表格ID（函数部署时设置 LEDGER_FILE 或 LEDGER_SPREADSHEET_ID）');
}

/** SMTP when LEDGER_SMTP_URL is set, else .eml files in the outbox folder. */
export function transportFor(config: Config, outbox?: string): MailTransport {
  if (config.LEDGER_SMTP_URL) {
    return createSmtpTransport({ url: config.LEDGER_SMTP_URL, from: config.LEDGER_MAIL_FROM, ratePerSecond: config.LEDGER_SMTP_RATE, insecureTls: config.LEDGER_SMTP_INSECURE_TLS === '1',
      ...(config.LEDGER_SMTP_TIMEOUT_MS ? { socketTimeoutMs: config.LEDGER_SMTP_TIMEOUT_MS } : {}),
    });
  }
  return createOutboxTransport(outbox ?? config.LEDGER_OUTBOX, config.LEDGER_MAIL_FROM);
}

/**
 * Every delivery channel of a run: mail (SMTP or the outbox) and, when LEDGER_ROBOTS configures any,
 * the group robots, all behind one transport so the send log treats a group like an address. `robots`
 * maps each configured group name to its recipient (`钉钉:市招商工作群`) for the pipeline.
 */
export function deliveryFor(config: Config, outbox?: string, clock: DispatchClock = systemClock): { transport: MailTransport; robots: Map<string, string> } {
  const mail = transportFor(config, outbox);
  const robots = new Map(config.robots.map((r) => [r.group, robotRecipient(r.kind, r.group)]));
  if (config.robots.length === 0) return { transport: mail, robots };
  const channels: Record<string, MailTransport> = { 邮件: mail };
  for (const kind of Object.keys(ROBOT_CHANNELS) as RobotKind[]) {
    const mine = config.robots.filter((r) => r.kind === kind);
    if (mine.length > 0) channels[ROBOT_CHANNELS[kind]] = createRobotChannel(robotMap(mine, clock.now), { clock });
  }
  return { transport: createChannelRouter(channels), robots };
}
