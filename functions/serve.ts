/**
 * `npm run serve`: every function on 127.0.0.1 (from port 8080, or $PORT), and a scheduler that fires
 * them on the deployment's cron expressions in Asia/Shanghai — against data/demo-ledger.xlsx and the
 * outbox folder unless LEDGER_SPREADSHEET_ID / LEDGER_FILE / LEDGER_SMTP_URL say otherwise.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { FUNCTIONS } from './deploy/plan.js';
import { cronMatches } from './runtime/cron.js';
import { gateServer } from './runtime/gate.js';
import './index.js';

process.env.LEDGER_FILE ??= 'data/demo-ledger.xlsx';
process.env.LEDGER_SHARED_SECRET ??= randomBytes(24).toString('hex');
const secret = process.env.LEDGER_SHARED_SECRET;
const base = Number(process.env.PORT ?? 8080);
const urls = new Map<string, string>();
let port = base;
for (const fn of FUNCTIONS) {
  // The gate answers path, method, secret and size before the framework reads any body.
  const server = gateServer(getTestServer(fn.entryPoint), { secret });
  await new Promise<void>((resolve) => server.listen(port++, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  urls.set(fn.name, url);
  process.stdout.write(`${fn.name.padEnd(24)} ${url}  ${fn.schedule ? `cron "${fn.schedule}" Asia/Shanghai` : '手动'}\n`);
}
process.stdout.write(`\n请求需带请求头 X-Ledger-Secret: ${secret === process.env.LEDGER_SHARED_SECRET ? '(见 LEDGER_SHARED_SECRET)' : ''}\n`);

async function fire(name: string, at: Date): Promise<void> {
  const url = urls.get(name)!;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-secret': secret, 'x-cloudscheduler-scheduletime': at.toISOString() },
    body: '{}',
  });
  process.stdout.write(`[${at.toISOString()}] ${name} → ${response.status} ${(await response.text()).slice(0, 200)}\n`);
}

// Check once a minute, on the minute, like Cloud Scheduler.
const tick = () => {
  const now = new Date();
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  for (const fn of FUNCTIONS) if (fn.schedule && cronMatches(fn.schedule, minute)) void fire(fn.name, minute);
  setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
};
setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
