import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. Customers read their tracking number off the delivery slip, with or without
 * the carrier's hyphens and spaces ("1234-5678-9012", "123456789012", "1z 4v8…"). An index on
 * the number's key (upper case, hyphens and spaces taken out) answers every way of typing it
 * with one lookup, however large the cache. The expression is the one `trackingKeyExpression`
 * in search/tracking-search.ts writes: SQLite uses the index only for that exact expression.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      "create index shipments_by_tracking_key on shipments (upper(replace(replace(tracking_number, '-', ''), ' ', '')))",
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop index shipments_by_tracking_key').execute(db);
}
