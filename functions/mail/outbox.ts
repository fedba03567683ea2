/**
 * The outbox folder: every message as an .eml file a mail client opens, when no SMTP is configured.
 * File names are stable (period, report key), so a re-run overwrites rather than piles up.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from '../../sheets/xlsx/atomic-write.js';
import type { DeliveryResult, MailTransport, OutgoingMail, PreparedMail } from '../ports.js';
import { messageOptions } from './compose.js';
import { createMessageBuilder } from './message-bytes.js';

export function createOutboxTransport(dir: string, from: string): MailTransport {
  const builder = createMessageBuilder();
  // The folder is made when a write finds it missing (the first one, or after someone removed it),
  // not before every message: each mkdir was one more thread-pool round trip per message.
  const write = async (file: string, bytes: Buffer) => {
    try {
      await replaceFile(file, bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dir, { recursive: true });
      await replaceFile(file, bytes);
    }
  };
  const prepare = (mail: OutgoingMail): PreparedMail => {
    // Building is pure CPU and can overlap the caller's journal write; the file, which is the message
    // leaving, is written only in send. The build's failure is send's to report.
    const built = (async () => (await builder.sendMail(messageOptions(mail, from))) as { message: Buffer })();
    built.catch(() => undefined);
    return {
      async send(): Promise<DeliveryResult> {
        const info = await built;
        const file = join(dir, `${fileNameOf(mail)}.eml`);
        await write(file, info.message);
        return { accepted: [...mail.to], rejected: [], detail: file };
      },
    };
  };
  return {
    label: `发件箱 ${dir}`,
    send: (mail) => prepare(mail).send(),
    prepare,
    async close(): Promise<void> {
      builder.close();
    },
  };
}

/** A file name from the mail's readable name: no path separators or characters Windows reserves. */
export function fileNameOf(mail: OutgoingMail): string {
  return mail.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 120) || 'message';
}
