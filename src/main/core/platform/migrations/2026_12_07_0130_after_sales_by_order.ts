import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. A deleted order takes its returns and claims with it (erasure/remove-records.ts),
 * found by order id; without these indexes each deletion read both tables whole, so 1,000
 * customers deleted in one pull scanned them 2,000 times (the sync bench's incremental mix).
 * Deferred during a bootstrap (sync/pull-changes.ts): a first pull deletes nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index returns_by_order on returns (order_id)`.execute(db);
  await sql`create index claims_by_order on claims (order_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index claims_by_order`.execute(db);
  await sql`drop index returns_by_order`.execute(db);
}
