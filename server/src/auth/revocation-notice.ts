import { PostgresAdapter, sql } from 'kysely';
import type { ServerDb } from '../db/schema';

/** The PostgreSQL channel the server processes hear revocations on (revocation-list.ts). */
export const REVOCATION_CHANNEL = 'koe_revocations';

/**
 * Tells every server process, when the transaction `trx` commits, that desks were revoked or
 * tokens refused: on PostgreSQL a NOTIFY, which PostgreSQL sends at the commit and only if it
 * commits, whichever process or command made the change. On SQLite there is one server process;
 * a command's commit is seen there as a change of the file (`ServerStore.dataVersion`).
 */
export async function noticeRevocationOnCommit(trx: ServerDb, tenantId: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('A revocation notice belongs inside its transaction');
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_notify(${REVOCATION_CHANNEL}, ${tenantId})`.execute(trx);
}
