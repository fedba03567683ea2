/** One JSON POST to a robot webhook, answered as a `RobotResult` by the robot's own error table. */
import type { RobotResult } from './robot.js';

export interface RobotAnswer {
  readonly errcode: number;
  readonly errmsg: string;
}

/** How a robot's errcode reads: 0 is sent; listed rate-limit codes are retried; anything else refused. */
export interface ErrorTable {
  readonly rateLimited: ReadonlySet<number>;
  /** How long to wait after a rate-limit answer before trying again. */
  readonly retryAfterMs: number;
}

export interface PostOptions {
  /** Per-attempt limit; robots answer in well under a second. */
  readonly timeoutMs?: number;
  /** Replaces the global fetch (tests pass none: they use loopback servers). */
  readonly fetch?: typeof fetch;
}

/** Posts `body`; `redact` removes secrets (access_token, key, sign) from anything that reaches a log. */
export async function postToRobot(url: string, body: unknown, table: ErrorTable, redact: (text: string) => string, options: PostOptions = {}): Promise<RobotResult> {
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    text = await response.text();
  } catch (error) {
    const reason = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    return { kind: 'unknown', detail: redact(`没有收到机器人的答复（${reason}），消息可能已发出，也可能没有`) };
  }
  if (response.status >= 500 || response.status === 429) {
    return { kind: 'retry', detail: redact(`机器人服务暂时不可用：HTTP ${response.status} ${text.slice(0, 200)}`), afterMs: table.retryAfterMs };
  }
  const answer = parseAnswer(text);
  if (!answer) return { kind: 'failed', detail: redact(`机器人的答复无法识别：HTTP ${response.status} ${text.slice(0, 200)}`) };
  const words = `errcode ${answer.errcode}：${answer.errmsg}`;
  if (answer.errcode === 0) return { kind: 'sent', detail: redact(words) };
  if (table.rateLimited.has(answer.errcode)) return { kind: 'retry', detail: redact(words), afterMs: table.retryAfterMs };
  return { kind: 'failed', detail: redact(words) };
}

function parseAnswer(text: string): RobotAnswer | undefined {
  try {
    const value = JSON.parse(text) as Partial<RobotAnswer>;
    if (typeof value.errcode !== 'number') return undefined;
    return { errcode: value.errcode, errmsg: typeof value.errmsg === 'string' ? value.errmsg : '' };
  } catch {
    return undefined;
  }
}

/** Replaces the values of the named query parameters in any URL-looking text. */
export function redactParams(text: string, names: readonly string[]): string {
  return names.reduce((t, name) => t.replace(new RegExp(`([?&]${name}=)[^&\\s"]+`, 'g'), '$1***'), text);
}
