/**
 * An OutgoingMail as nodemailer message options. Subjects lose CR/LF (no header injection); addresses
 * come only from the 单位 and 参数 tabs and were validated there; nodemailer encodes every header.
 */
import type { OutgoingMail } from '../ports.js';

export interface MessageOptions {
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly messageId: string;
  readonly date: Date;
  readonly attachments: { filename: string; content: Buffer; contentType: string }[];
  readonly headers: Record<string, string>;
}

/** One line, no control characters: a subject can never start a new header. */
export function safeHeaderText(text: string): string {
  return text.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').trim();
}

export function messageOptions(mail: OutgoingMail, from: string): MessageOptions {
  return {
    from,
    to: [...mail.to],
    subject: safeHeaderText(mail.subject),
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    attachments: mail.attachments.map((a) => ({ filename: safeHeaderText(a.filename), content: a.content, contentType: a.contentType })),
    headers: { 'X-Mailer': 'zhaoshang-ledger', 'Auto-Submitted': 'auto-generated' },
  };
}
