/**
 * The one error type the shell throws. Its message is Chinese, for the operator, and says what to fix;
 * `code` decides the exit status and whether a retry can help.
 */
export type ErrorCode =
  /** The ledger cannot be used as it is (not a workbook, missing tab, renamed header): exit 2. */
  | 'LEDGER_UNUSABLE'
  /** Another run, or Excel/WPS/LibreOffice, holds the ledger: exit 2, try later. */
  | 'LEDGER_LOCKED'
  /** Bad command line or configuration: exit 2. */
  | 'BAD_CONFIG'
  /** Sheets quota exhausted after retries. */
  | 'QUOTA'
  /** A backend failed after retries (network, server). */
  | 'BACKEND'
  /** Some reports were not delivered (失败) or may not have been (状态未知): exit 1, HTTP 502. */
  | 'DELIVERY_FAILED'
  /** Anything else. */
  | 'INTERNAL';

/** Who should hear about a failed scheduled run (参数.管理员邮箱), when the ledger could still be read. */
export interface FailureNotice {
  readonly to: readonly string[];
  readonly city: string;
  /** False when 运行记录 already shows the same failure today: admins are told once a day, not hourly. */
  readonly firstToday: boolean;
}

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly notice: FailureNotice | undefined;
  /** What the run did before failing (run id, counts), for the JSON answer and the log line. */
  readonly detail: Record<string, unknown> | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; notice?: FailureNotice; detail?: Record<string, unknown> },
  ) {
    super(message, options);
    this.notice = options?.notice;
    this.detail = options?.detail;
  }
}

/** Exit status for an error: 2 when the ledger or the command cannot be used, 1 otherwise. */
export function exitCodeOf(error: unknown): 1 | 2 {
  if (error instanceof LedgerError && ['LEDGER_UNUSABLE', 'LEDGER_LOCKED', 'BAD_CONFIG'].includes(error.code)) return 2;
  return 1;
}
