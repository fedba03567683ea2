import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/deploy/plan.js';
import { deploySectionMarkdown } from '../../scripts/deploy-section.js';

const dryRun = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'functions/deploy/main.ts', '--dry-run', ...args], { encoding: 'utf8', env: { ...process.env, ...env } }).trim().split('\n');

describe('npm run deploy -- --dry-run', () => {
  const lines = dryRun(['--project', 'jz-zhaoshang', '--spreadsheet', '1AbCdEfGhIjKlMnOp'], { LEDGER_REGION: 'asia-east2' });
  const deploys = lines.filter((l) => l.startsWith('gcloud functions deploy'));
  const jobs = lines.filter((l) => l.startsWith('gcloud scheduler jobs create http'));

  it('when printed, then every function deploys on nodejs22, private, in the region from the environment', () => {
    expect(deploys).toHaveLength(FUNCTIONS.length);
    for (const line of deploys) {
      expect(line).toContain('--runtime=nodejs22');
      expect(line).toContain('--region=asia-east2');
      expect(line).toContain('--no-allow-unauthenticated');
      expect(line).not.toMatch(/--allow-unauthenticated/);
      expect(line).toContain('--set-secrets=LEDGER_SMTP_URL=ledger-smtp-url:latest,LEDGER_ROBOTS=ledger-robots:latest');
      expect(line).not.toMatch(/smtps?:\/\//);
    }
    expect(dryRun(['--region', 'asia-northeast1']).filter((l) => l.startsWith('gcloud functions deploy')).every((l) => l.includes('--region=asia-northeast1'))).toBe(true);
  });

  it('when printed, then the scheduler jobs fire on the documented schedules in Asia/Shanghai with an OIDC token', () => {
    expect(jobs.map((l) => /'--schedule=([^']+)'/.exec(l)?.[1])).toEqual(['0 8-18 * * 1-5', '0 17 * * 4', '5 17 * * 5', '0 6 1 * *']);
    for (const line of jobs) {
      expect(line).toContain('--time-zone=Asia/Shanghai');
      expect(line).toMatch(/--oidc-service-account-email=ledger-invoker@jz-zhaoshang\.iam\.gserviceaccount\.com/);
    }
    expect(lines.filter((l) => l.startsWith('gcloud functions add-invoker-policy-binding'))).toHaveLength(FUNCTIONS.length);
    expect(lines.filter((l) => l.startsWith('gcloud secrets create')).map((l) => l.split(' ')[3])).toEqual(['ledger-smtp-url', 'ledger-robots']);
  });

  it('when the README is read, then its deploy section is the dry-run output', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(deploySectionMarkdown());
  });
});
