/** What every run needs from the outside, passed in (no globals, no environment reads). */
import type { LedgerStore, MailTransport } from '../ports.js';

export interface RunDeps {
  readonly store: LedgerStore;
  readonly transport: MailTransport;
  /** The clock; tests and `--now` pin it. */
  readonly clock: () => Date;
  /** Domain of generated Message-IDs, e.g. the sender's. */
  readonly mailDomain: string;
  /**
   * Configured group robots: group name → recipient (`钉钉:市招商工作群`), sent through `transport` like
   * mail. Undefined: robots are not wired (the sheet's 通报群 / 工作群 are then ignored).
   */
  readonly robots?: ReadonlyMap<string, string>;
  /** Progress lines for a person watching (CLI); silent by default. */
  readonly progress?: (message: string) => void;
}
