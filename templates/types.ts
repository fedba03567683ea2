/** What every template hands to the mailer: one message, ready to send or to write to the outbox. */

/** The five reports of the product, by their Chinese names (also the 报告 column of 发送记录). */
export type ReportKind = '月度通报' | '单位月报' | '季度讲评' | '年度总评' | '周上报提醒';

/** A file attached to a message. */
export interface Attachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
}

/** One message. A report with no recipients is still rendered; the caller logs it as 未发送: 无收件人. */
export interface RenderedReport {
  readonly kind: ReportKind;
  /** Stable within a period, e.g. `单位月报:温县`: the send log's key for "already sent". */
  readonly key: string;
  readonly to: string[];
  /** One line: never contains CR or LF. */
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: Attachment[];
}

/** MIME type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** MIME type of a PDF file. */
export const PDF_TYPE = 'application/pdf';
