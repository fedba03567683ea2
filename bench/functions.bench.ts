/**
 * Issue 6's figures: cold start of each function entry — a fresh `node` process importing the compiled
 * entry (dist/, as deployed) until its first request is answered. The request is an unauthenticated
 * POST (401), which touches no backend, so the figure is the framework + our code's load time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { line } from './measure.js';

const ENTRIES = [['validate-fn', 'validateLedger'], ['weekly-fn', 'weeklyDeadline'], ['monthly-fn', 'monthlyClose'], ['rerun-fn', 'rerunMonth']] as const;

export async function benchFunctions(): Promise<void> {
  if (!existsSync('dist/functions/index.js')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  for (const [file, name] of ENTRIES) {
    const script = `
      const t0 = performance.now();
      await import('./dist/functions/${file}.js');
      const { getTestServer } = await import('@google-cloud/functions-framework/testing');
      const server = getTestServer('${name}');
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const res = await fetch('http://127.0.0.1:' + server.address().port + '/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      const t1 = performance.now();
      console.log(JSON.stringify({ ms: t1 - t0, status: res.status }));
      server.close();
    `;
    const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, LEDGER_SHARED_SECRET: 'bench-secret-0123456789' } }).trim().split('\n').pop() ?? '{}') as { ms: number; status: number });
    const ms = Math.min(...runs.map((r) => r.ms));
    line(`functions: cold start ${name}`, `${ms.toFixed(0)} ms import → first response (HTTP ${runs[0]?.status}; goal < 500 ms)`);
  }
}
