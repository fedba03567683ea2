/**
 * A WeCom group robot on loopback, as documented: POST /cgi-bin/webhook/send?key=…, JSON body, answer
 * HTTP 200 {"errcode","errmsg"}. Checks: the key (93000 invalid webhook url), the message type (40008),
 * markdown.content at most 4096 bytes (40058), and the rate (45009 api freq out of limit, 20 a minute).
 */
import { rateWindow, startLoopback, type Loopback, type Reply } from './loopback.js';

export interface WeComPost {
  readonly key: string;
  readonly content: string;
}

export interface WeComServer extends Loopback {
  readonly posted: WeComPost[];
  webhook(key: string): string;
}

const RATE_LIMITED = { errcode: 45009, errmsg: 'api freq out of limit, hint: [loopback]' };

export async function startWeComServer(keys: readonly string[], options: { now?: () => number } = {}): Promise<WeComServer> {
  const allow = rateWindow(20, options.now ?? Date.now);
  const posted: WeComPost[] = [];
  const answer = (errcode: number, errmsg: string): Reply => ({ body: { errcode, errmsg } });
  const loopback = await startLoopback((url, raw) => {
    const key = url.searchParams.get('key') ?? '';
    if (url.pathname !== '/cgi-bin/webhook/send' || !keys.includes(key)) return answer(93000, 'invalid webhook url, hint: [loopback]');
    let body: { msgtype?: string; markdown?: { content?: string } };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return answer(40008, 'invalid message type');
    }
    const content = body.markdown?.content;
    if (body.msgtype !== 'markdown' || typeof content !== 'string') return answer(40008, 'invalid message type');
    if (Buffer.byteLength(content, 'utf8') > 4096) return answer(40058, 'markdown.content exceed max length 4096. invalid Request Parameter');
    if (!allow(key)) return { body: RATE_LIMITED };
    posted.push({ key, content });
    return answer(0, 'ok');
  }, () => ({ body: RATE_LIMITED }));
  return { ...loopback, posted, webhook: (key) => `${loopback.origin}/cgi-bin/webhook/send?key=${key}` };
}
