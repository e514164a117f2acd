import type { SelectQueryBuilder } from 'kysely';
import type { Database, ReadDb } from '../platform/database';

/** A customer's history tables, each with the column its newest rows come first by. */
const NEWEST_FIRST = {
  orders: 'placed_at',
  returns: 'requested_at',
  claims: 'opened_at',
  contacts: 'occurred_at',
  notices: 'sent_at',
} as const;

/** The customer's newest `limit` rows of `table`; the caller selects the columns it reads. */
export function newestRowsOf<T extends keyof typeof NEWEST_FIRST>(
  db: ReadDb,
  table: T,
  customerId: string,
  limit: number,
): SelectQueryBuilder<Database, T, object> {
  // Kysely cannot type a query over a table named by a type parameter: it is built over the union
  // of history tables (every one has `customer_id`) and handed back as the one it reads.
  return db
    .selectFrom(table as keyof typeof NEWEST_FIRST)
    .where('customer_id', '=', customerId)
    .orderBy(NEWEST_FIRST[table], 'desc')
    .limit(limit) as SelectQueryBuilder<Database, T, object>;
}
