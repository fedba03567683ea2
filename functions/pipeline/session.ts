/** Opening a ledger for one run and always closing it, even when the run fails. */
import type { LedgerSession, LedgerStore, OpenIntent } from '../ports.js';

export async function withSession<T>(store: LedgerStore, body: (session: LedgerSession) => Promise<T>, intent?: OpenIntent): Promise<T> {
  const session = await store.open(intent);
  let result: T;
  try {
    result = await body(session);
  } catch (error) {
    // Closing flushes what it can (the send log) and releases the ledger; its own failure must not
    // hide why the run failed.
    await session.close().catch(() => undefined);
    throw error;
  }
  await session.close();
  return result;
}
