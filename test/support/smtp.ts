/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed with mailparser.
 * Recipients listed in `reject` are refused at RCPT TO with 550, as a real server refuses a bad mailbox.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly envelopeTo: string[];
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
}

export interface SmtpSink {
  readonly url: string;
  /** Called before a message is kept; returning false refuses it (451) as if the server died. */
  beforeAccept: ((count: number) => boolean) | undefined;
  /**
   * After a message is kept, instead of answering 250: `drop` closes the connection (the server took the
   * message, the client never hears so), `{ delayMs }` answers that much later (a reply slower than the
   * client's timeout). Applies to the messages whose 1-based count it returns true for.
   */
  afterAccept: { readonly when: (count: number) => boolean; readonly effect: 'drop' | { readonly delayMs: number } } | undefined;
  readonly received: Received[];
  /** Addresses refused at RCPT TO (lower case). */
  readonly reject: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = [];
  const reject = new Set<string>();
  const sink = { url: '', received, reject, beforeAccept: undefined, afterAccept: undefined, close: async () => undefined } as SmtpSink;
  const sockets = new Set<import('node:net').Socket>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address.toLowerCase())) {
        const error = new Error(`Mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (sink.beforeAccept && !sink.beforeAccept(received.length + 1)) {
          const error = new Error('Service going down') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        simpleParser(raw).then((parsed) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
          const after = sink.afterAccept;
          if (!after || !after.when(received.length)) return callback();
          if (after.effect === 'drop') {
            for (const socket of sockets) socket.destroy();
            return undefined;
          }
          setTimeout(() => callback(), after.effect.delayMs);
          return undefined;
        }, callback);
      });
    },
  });
  server.server.on('connection', (socket: import('node:net').Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return sink;
}
