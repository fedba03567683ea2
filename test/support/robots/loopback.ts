/**
 * The plumbing both robot servers share: an HTTP server on 127.0.0.1, JSON in and out, and fault
 * injection (a rate-limit answer N times, HTTP 5xx, a dropped connection), the way a robot misbehaves.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'rate-limit' | 'server-error' | 'drop';

export interface Reply {
  readonly status?: number;
  readonly body: Record<string, unknown>;
}

export interface Loopback {
  readonly origin: string;
  /** Every request, answered or not, in order: what the robot saw. */
  readonly requests: { readonly url: URL; readonly raw: string }[];
  /** Queues faults for the next requests, first in first out. */
  inject(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

/** Starts a server whose `handle` answers each request not taken by an injected fault. */
export async function startLoopback(
  handle: (url: URL, raw: string) => Reply,
  onFault: (fault: 'rate-limit') => Reply,
): Promise<Loopback> {
  const faults: Fault[] = [];
  const requests: { url: URL; raw: string }[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, raw });
    const fault = faults.shift();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    const reply: Reply =
      fault === 'server-error' ? { status: 502, body: { errcode: -1, errmsg: 'system busy' } } : fault === 'rate-limit' ? onFault(fault) : handle(url, raw);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    inject(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A sliding one-minute window per robot, as both robots document "20 per minute". */
export function rateWindow(perMinute: number, now: () => number): (robot: string) => boolean {
  const posts = new Map<string, number[]>();
  return (robot) => {
    const t = now();
    const recent = (posts.get(robot) ?? []).filter((at) => t - at < 60_000);
    if (recent.length >= perMinute) {
      posts.set(robot, recent);
      return false;
    }
    recent.push(t);
    posts.set(robot, recent);
    return true;
  };
}
