/** Opening a ledger for one run and always closing it, even when the run fails. */
import type { LedgerSession, LedgerStore } from '../ports.js';

export async function withSession<T>(store: LedgerStore, body: (session: LedgerSession) => Promise<T>): Promise<T> {
  const session = await store.open();
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
