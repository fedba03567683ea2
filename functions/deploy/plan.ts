/**
 * The deployment as data: every gcloud command, in order. `npm run deploy -- --dry-run` prints them;
 * without --dry-run they run. Functions run on nodejs22, private (--no-allow-unauthenticated); Cloud
 * Scheduler calls them with an OIDC token of an invoker service account, on Asia/Shanghai time.
 */

export interface DeployOptions {
  readonly project: string;
  readonly region: string;
  readonly spreadsheetId: string;
  readonly mailFrom: string;
}

/** A scheduled function: its entry point, schedule (Asia/Shanghai) and limits. */
export interface FunctionSpec {
  readonly name: string;
  readonly entryPoint: string;
  readonly schedule: string | undefined;
  readonly description: string;
  readonly timeout: string;
  readonly memory: string;
  readonly body: string;
}

export const TIME_ZONE = 'Asia/Shanghai';

export const FUNCTIONS: readonly FunctionSpec[] = [
  { name: 'ledger-validate', entryPoint: 'validateLedger', schedule: '0 8-18 * * 1-5', description: '工作日每小时校验台账', timeout: '300s', memory: '1GiB', body: '{}' },
  { name: 'ledger-weekly-reminder', entryPoint: 'weeklyReminder', schedule: '0 17 * * 4', description: '周上报截止前一天提醒', timeout: '540s', memory: '1GiB', body: '{}' },
  { name: 'ledger-weekly-deadline', entryPoint: 'weeklyDeadline', schedule: '5 17 * * 5', description: '周上报截止后记录周报', timeout: '300s', memory: '1GiB', body: '{}' },
  { name: 'ledger-monthly', entryPoint: 'monthlyClose', schedule: '0 6 1 * *', description: '每月1日06:00月度考评与通报', timeout: '1800s', memory: '2GiB', body: '{}' },
  { name: 'ledger-rerun', entryPoint: 'rerunMonth', schedule: undefined, description: '管理员手动重算某月（默认只预览）', timeout: '1800s', memory: '2GiB', body: '' },
];

export const RUNTIME_SA = 'ledger-runtime';
export const INVOKER_SA = 'ledger-invoker';
export const SMTP_SECRET = 'ledger-smtp-url';
/** LEDGER_ROBOTS: the group robots' webhooks and 加签 secrets, one JSON keyed by group name ({} for none). */
export const ROBOTS_SECRET = 'ledger-robots';

/** The commands, each as argv (first element `gcloud`). */
export function deployPlan(options: DeployOptions): string[][] {
  const { project, region } = options;
  const runtime = `${RUNTIME_SA}@${project}.iam.gserviceaccount.com`;
  const invoker = `${INVOKER_SA}@${project}.iam.gserviceaccount.com`;
  const p = `--project=${project}`;
  const plan: string[][] = [
    ['gcloud', 'services', 'enable', 'cloudfunctions.googleapis.com', 'run.googleapis.com', 'cloudbuild.googleapis.com', 'cloudscheduler.googleapis.com', 'secretmanager.googleapis.com', 'sheets.googleapis.com', p],
    ['gcloud', 'iam', 'service-accounts', 'create', RUNTIME_SA, '--display-name=招商引资台账 函数运行账号', p],
    ['gcloud', 'iam', 'service-accounts', 'create', INVOKER_SA, '--display-name=招商引资台账 调度调用账号', p],
  ];
  for (const secret of [SMTP_SECRET, ROBOTS_SECRET]) {
    // Values are added by the operator, never printed: `printf %s 'smtps://…' | gcloud secrets versions add ledger-smtp-url --data-file=-`,
    // and for ledger-robots the LEDGER_ROBOTS JSON, or `{}` when no group robot is used (a secret needs a version to deploy).
    plan.push(['gcloud', 'secrets', 'create', secret, '--replication-policy=automatic', p]);
    plan.push(['gcloud', 'secrets', 'add-iam-policy-binding', secret, `--member=serviceAccount:${runtime}`, '--role=roles/secretmanager.secretAccessor', p]);
  }
  for (const fn of FUNCTIONS) {
    plan.push([
      'gcloud', 'functions', 'deploy', fn.name, '--gen2', '--runtime=nodejs22', `--region=${region}`, '--source=.', `--entry-point=${fn.entryPoint}`,
      '--trigger-http', '--no-allow-unauthenticated', `--service-account=${runtime}`, `--timeout=${fn.timeout}`, `--memory=${fn.memory}`,
      // NODE_ENV=production: functions-framework answers a malformed JSON body without a stack trace.
      `--set-env-vars=NODE_ENV=production,LEDGER_SPREADSHEET_ID=${options.spreadsheetId},LEDGER_MAIL_FROM=${options.mailFrom}`,
      `--set-secrets=LEDGER_SMTP_URL=${SMTP_SECRET}:latest,LEDGER_ROBOTS=${ROBOTS_SECRET}:latest`, p,
    ]);
    plan.push(['gcloud', 'functions', 'add-invoker-policy-binding', fn.name, `--region=${region}`, `--member=serviceAccount:${invoker}`, p]);
  }
  for (const fn of FUNCTIONS) {
    if (!fn.schedule) continue;
    const uri = `https://${region}-${project}.cloudfunctions.net/${fn.name}`;
    plan.push([
      'gcloud', 'scheduler', 'jobs', 'create', 'http', fn.name, `--location=${region}`, `--schedule=${fn.schedule}`, `--time-zone=${TIME_ZONE}`,
      `--uri=${uri}`, '--http-method=POST', '--headers=Content-Type=application/json', `--message-body=${fn.body}`,
      `--oidc-service-account-email=${invoker}`, `--oidc-token-audience=${uri}`, '--attempt-deadline=1800s', '--max-retry-attempts=3',
      '--min-backoff=60s', `--description=${fn.description}`, p,
    ]);
  }
  return plan;
}

/** One command as a copy-pasteable shell line. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
