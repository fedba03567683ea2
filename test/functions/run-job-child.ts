/** A monthly job in its own process, so a test can kill it half way: `tsx run-job-child.ts <scheduleTime>`. */
import { runJob } from '../../functions/runtime/job.js';

await runJob('monthly', {}, { env: process.env, scheduledAt: new Date(process.argv[2] ?? '') });
process.stdout.write('finished\n');
