/**
 * `npm run deploy -- --project P --region R --spreadsheet ID [--mail-from "…"] [--dry-run]`.
 * Region defaults to $LEDGER_REGION or asia-east2 (Hong Kong, nearest to the mainland among regions
 * offering Cloud Functions); the operator confirms it fits their data-residency rules.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { deployPlan, shellLine } from './plan.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { project: { type: 'string' }, region: { type: 'string' }, spreadsheet: { type: 'string' }, 'mail-from': { type: 'string' }, 'dry-run': { type: 'boolean' } },
});
const project = values.project ?? process.env.LEDGER_PROJECT ?? 'YOUR_PROJECT';
const region = values.region ?? process.env.LEDGER_REGION ?? 'asia-east2';
const spreadsheetId = values.spreadsheet ?? process.env.LEDGER_SPREADSHEET_ID ?? 'YOUR_SPREADSHEET_ID';
const mailFrom = values['mail-from'] ?? process.env.LEDGER_MAIL_FROM ?? 'zhaoshang@example.gov.cn';
const plan = deployPlan({ project, region, spreadsheetId, mailFrom });
if (values['dry-run']) {
  process.stdout.write(`${plan.map(shellLine).join('\n')}\n`);
} else {
  if (project === 'YOUR_PROJECT' || spreadsheetId === 'YOUR_SPREADSHEET_ID') {
    process.stderr.write('请用 --project 和 --spreadsheet 指定项目和表格（或先用 --dry-run 查看命令）\n');
    process.exit(2);
  }
  for (const argv of plan) {
    process.stdout.write(`$ ${shellLine(argv)}\n`);
    execFileSync(argv[0]!, argv.slice(1), { stdio: 'inherit' });
  }
}
