/**
 * The two ports of the imperative shell. Every backend (xlsx workbook, Google Sheets; SMTP, outbox
 * folder) is one adapter behind them, and the same contract tests run against each.
 */
import type { Digest } from './channels/robot.js';
import type { Cell, Grid, OutputGrid, RolloverPlan } from './core/index.js';

/** Everything a run reads: every tab's grid by name, in tab order. */
export interface LedgerContents {
  readonly tabs: Map<string, Grid>;
}

/** Everything a run writes. Nothing else is ever written. */
export interface LedgerUpdate {
  /** System tabs replaced whole, header row first. A tab that does not exist yet is created. */
  readonly systemTabs: ReadonlyMap<string, OutputGrid>;
  /**
   * The 校验 column: unit tab → 1-based sheet row → text. The workbook store writes these cells (it holds
   * the file for the run); a store whose tabs others edit meanwhile shows the column by formula instead.
   */
  readonly checks: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

/** An open ledger for the duration of one run. */
export interface LedgerSession {
  /** Where the ledger is, for messages: a file path or a spreadsheet id. */
  readonly label: string;
  read(): Promise<LedgerContents>;
  /** Writes all system tabs at once: either all of it lands or none of it. */
  write(update: LedgerUpdate): Promise<void>;
  /**
   * Records deliveries in 发送记录 while sending: a message's intent (`发送中`) before it leaves, its
   * outcome after (see pipeline/send-state.ts). Rows follow the 发送记录 header. The write-ahead promise
   * holds only if the rows are durable when this resolves: the workbook journal fsyncs every call, and
   * the product configures the Sheets store to flush every call (wiring.ts); a store set to buffer
   * (tests, benches) trades that for fewer requests. `close` flushes.
   */
  appendSendLog(rows: readonly Cell[][]): Promise<void>;
  /** Flushes and releases the ledger (locks, temporary files). Safe to call twice. */
  close(): Promise<void>;
}

/** Who opens a ledger and why: named to a second run that finds the ledger held (Sheets run lease). */
export interface OpenIntent {
  /** The job and its key, e.g. `月度考评 月度:2026-06`. */
  readonly purpose: string;
}

export interface LedgerStore {
  open(intent?: OpenIntent): Promise<LedgerSession>;
}

/** 年度结转: makes the next year's ledger from a plan (a new workbook, a copied spreadsheet) and says where. */
export type RolloverWriter = (plan: RolloverPlan) => Promise<{ readonly label: string }>;

/** One message to deliver. Message-ID is deterministic: the same report of the same run key is the same message. */
export interface OutgoingMail {
  readonly messageId: string;
  /** A readable name, e.g. "2026-06 单位月报-温县": the outbox file name. */
  readonly name: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly { filename: string; content: Buffer; contentType: string }[];
  readonly date: Date;
  /** What a group robot posts instead of the HTML (robot recipients only; mail ignores it). */
  readonly digest?: Digest;
}

/** Result of one delivery attempt. */
export interface DeliveryResult {
  readonly accepted: readonly string[];
  readonly rejected: readonly { address: string; reason: string }[];
  /**
   * Recipients whose outcome is unknown: the message may have left (the connection dropped or timed
   * out after the data was sent). Logged 状态未知 and never resent without an operator's say-so.
   */
  readonly unknown?: readonly { address: string; reason: string }[];
  /** Where it went: the SMTP response or the .eml path. */
  readonly detail: string;
}

export interface MailTransport {
  readonly label: string;
  send(mail: OutgoingMail): Promise<DeliveryResult>;
  /**
   * Optional: start a message's own work (building its bytes) while the caller makes its intent durable.
   * Nothing leaves before the returned `send` is called, and a failure of that work surfaces there.
   */
  prepare?(mail: OutgoingMail): PreparedMail;
  close(): Promise<void>;
}

/** A message whose work has started but which has not left: `send` delivers it, as MailTransport.send would. */
export interface PreparedMail {
  send(): Promise<DeliveryResult>;
}
