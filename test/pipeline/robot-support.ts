/**
 * A month's delivery on loopback: the worked example as a real workbook, a real smtp-server, a DingTalk
 * robot for the city group and WeCom robots for two units, wired exactly as production wires them
 * (parseConfig → deliveryFor), with a virtual clock for the robots' pacing and signatures.
 */
import ExcelJS from 'exceljs';
import { bookTabs, type BookDef, type Cell } from '../../functions/core/index.js';
import { parseConfig } from '../../functions/config.js';
import { runMonthlyCycle } from '../../functions/pipeline/monthly.js';
import { runValidation } from '../../functions/pipeline/validate.js';
import type { RunDeps } from '../../functions/pipeline/deps.js';
import { deliveryFor } from '../../functions/wiring.js';
import { createWorkbookStore } from '../../sheets/xlsx/workbook-store.js';
import { virtualClock } from '../channels/support.js';
import { readBack, workbookFile } from '../sheets/xlsx/support.js';
import { startDingTalkServer, type DingTalkServer } from '../support/robots/dingtalk-server.js';
import { startWeComServer, type WeComServer } from '../support/robots/wecom-server.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp.js';
import { WORKED_EXAMPLE, WORKED_EXAMPLE_NOW } from '../support/worked-example.js';

export const CITY_SECRET = 'SEC0123456789abcdef';

/** The worked example with a city group and two unit groups named in the sheet. */
export function robotBook(settings: Record<string, string | number> = {}): BookDef {
  return {
    ...WORKED_EXAMPLE,
    settings: { ...WORKED_EXAMPLE.settings, 通报群: '市招商工作群', 管理员邮箱: 'admin@example.gov.cn', ...settings },
    units: WORKED_EXAMPLE.units.map((u) => (u.name === '甲县' ? { ...u, robotGroup: '甲县招商专班' } : u.name === '乙县' ? { ...u, robotGroup: '乙县招商专班' } : u)),
  };
}

export interface Harness {
  readonly sink: SmtpSink;
  readonly ding: DingTalkServer;
  readonly wecom: WeComServer;
  readonly path: string;
  /** The monthly run for 2026-06, at `at` (default the worked example's 2026-07-01). */
  monthly(at?: Date): ReturnType<typeof runMonthlyCycle>;
  validate(at?: Date): ReturnType<typeof runValidation>;
  /** 发送记录 rows as `报告 收件人 状态`. */
  sendLog(): Promise<string[]>;
  tab(name: string): Promise<Cell[][]>;
  /** An admin types a row in the 审核 tab, as in the spreadsheet. */
  addSignoffRow(row: readonly Cell[]): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(def: BookDef = robotBook(), wecomKeys: readonly string[] = ['key-jia', 'key-yi']): Promise<Harness> {
  const clock = virtualClock();
  const sink = await startSmtpSink();
  const ding = await startDingTalkServer([{ token: 'tok-city', secret: CITY_SECRET }], { now: clock.now });
  const wecom = await startWeComServer(wecomKeys, { now: clock.now });
  const file = await workbookFile(bookTabs(def));
  const config = parseConfig({
    LEDGER_SMTP_URL: sink.url, LEDGER_SMTP_RATE: '50', LEDGER_MAIL_FROM: '示例市招商局 <zhaoshang@example.gov.cn>',
    LEDGER_ROBOTS: JSON.stringify({
      市招商工作群: { url: ding.webhook('tok-city'), secret: CITY_SECRET },
      甲县招商专班: { url: wecom.webhook('key-jia') },
      乙县招商专班: { url: wecom.webhook('key-yi') },
    }),
  });
  const run = async <T>(at: Date, body: (deps: RunDeps) => Promise<T>): Promise<T> => {
    const { transport, robots } = deliveryFor(config, undefined, clock);
    try {
      return await body({ store: createWorkbookStore({ path: file.path }), transport, robots, clock: () => at, mailDomain: config.mailDomain });
    } finally {
      await transport.close();
    }
  };
  return {
    sink, ding, wecom, path: file.path,
    monthly: (at = WORKED_EXAMPLE_NOW) => run(at, (deps) => runMonthlyCycle(deps, { period: { year: 2026, month: 6 } })),
    validate: (at = WORKED_EXAMPLE_NOW) => run(at, (deps) => runValidation(deps)),
    sendLog: async () => ((await readBack(file.path)).get('发送记录') ?? []).slice(1).map((r) => `${r[1]} ${r[2] ?? ''} ${r[3]}`),
    tab: async (name) => (await readBack(file.path)).get(name) ?? [],
    addSignoffRow: async (row) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file.path);
      wb.getWorksheet('审核')!.addRow([...row]);
      await wb.xlsx.writeFile(file.path);
    },
    close: async () => {
      await Promise.all([sink.close(), ding.close(), wecom.close()]);
      await file.cleanup();
    },
  };
}
