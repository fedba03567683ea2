/**
 * Turns what the Sheets client throws into the one error type of the shell, with a Chinese message
 * that names the spreadsheet and says what to do.
 */
import { LedgerError } from '../../functions/errors.js';
import { RetriesExhausted, statusOf } from './retry.js';

/** What a message needs to say where and what failed. */
export interface ErrorContext {
  readonly spreadsheetId: string;
  /** What was being done, e.g. "读取台账". */
  readonly action: string;
  /** The account the run uses, to name in a permission message. */
  readonly serviceAccountEmail?: string | undefined;
}

/** Google's own message, for the operator's log. */
function googleMessage(error: unknown): string {
  const data = (error as { response?: { data?: { error?: { message?: unknown } } } } | undefined)?.response?.data;
  const message = data?.error?.message ?? (error instanceof Error ? error.message : String(error));
  return typeof message === 'string' ? message : String(message);
}

/** A LedgerError for a failed Sheets call; LedgerErrors pass through. */
export function toLedgerError(error: unknown, context: ErrorContext): LedgerError {
  if (error instanceof LedgerError) return error;
  const sheet = `Google 表格 ${context.spreadsheetId}`;
  const account = context.serviceAccountEmail ?? '运行本程序的服务账号（见部署配置）';
  if (error instanceof RetriesExhausted) {
    const detail = googleMessage(error.cause);
    if (error.kind === 'quota') {
      return new LedgerError(
        'QUOTA',
        `${context.action}失败：${sheet} 的 Sheets API 配额已用尽（每个账号每分钟 60 次读、60 次写），重试 ${error.attempts} 次仍被限流。` +
          `配额每分钟恢复，请一两分钟后重新运行；若经常出现，请错开定时任务或在 Google Cloud 控制台申请提高配额。（Google 返回：${detail}）`,
        { cause: error.cause },
      );
    }
    return new LedgerError(
      'BACKEND',
      `${context.action}失败：${sheet} 暂时无法访问，${error.attempts} 次尝试均失败（网络中断、超时或 Google 服务端错误）。` +
        `本次运行没有写入半份结果，请稍后重新运行。（最后一次错误：${detail}）`,
      { cause: error.cause },
    );
  }
  const status = statusOf(error);
  const detail = googleMessage(error);
  if (status === 403) {
    return new LedgerError(
      'LEDGER_UNUSABLE',
      `${context.action}失败：没有访问 ${sheet} 的权限。请把表格共享给服务账号 ${account}（编辑者）；` +
        `若表格已共享，请确认受保护的页和范围允许该账号编辑，并确认项目已启用 Google Sheets API。（Google 返回：${detail}）`,
      { cause: error },
    );
  }
  if (status === 404) {
    return new LedgerError(
      'LEDGER_UNUSABLE',
      `${context.action}失败：找不到 ID 为 ${context.spreadsheetId} 的 Google 表格。请核对 --spreadsheet 参数（表格网址中 /d/ 与 /edit 之间的部分），` +
        `并确认表格没有被删除。（Google 返回：${detail}）`,
      { cause: error },
    );
  }
  if (status === 401) {
    return new LedgerError(
      'BAD_CONFIG',
      `${context.action}失败：Google 不接受当前凭据。请检查应用默认凭据（GOOGLE_APPLICATION_CREDENTIALS 或 gcloud auth application-default login），` +
        `并确认授权范围包含 https://www.googleapis.com/auth/spreadsheets。（Google 返回：${detail}）`,
      { cause: error },
    );
  }
  if (status !== undefined) {
    return new LedgerError(
      'BACKEND',
      `${context.action}失败：${sheet} 拒绝了请求（HTTP ${status}）。表格可能已超出 Google 的限制（如 1000 万个单元格），或结构被改动；` +
        `请把以下信息转给维护人员：${detail}`,
      { cause: error },
    );
  }
  if (/default credentials|GOOGLE_APPLICATION_CREDENTIALS|does not exist, or it is not a file|invalid_grant/i.test(detail)) {
    return new LedgerError(
      'BAD_CONFIG',
      `${context.action}失败：找不到可用的 Google 凭据。在 Cloud Functions 上请为函数指定服务账号；在本机请设置 GOOGLE_APPLICATION_CREDENTIALS 为服务账号密钥文件，` +
        `或运行 gcloud auth application-default login。（${detail}）`,
      { cause: error },
    );
  }
  return new LedgerError('INTERNAL', `${context.action}失败（${sheet}）：${detail}`, { cause: error });
}
