import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time. The secondary indexes behind the screen pop and search. Kept apart from the
 * tables so a bootstrap can drop them, bulk-load, and build them once at the end.
 */
const LOOKUP_INDEXES: ReadonlyArray<readonly [name: string, table: string, columns: string]> = [
  ['customer_phones_by_customer', 'customer_phones', 'customer_id'],
  ['customer_emails_by_customer', 'customer_emails', 'customer_id'],
  // Prefix search for 1–2 CJK characters ("佐藤", "サト").
  ['customers_by_family_name', 'customers', 'family_name'],
  ['customers_by_given_name', 'customers', 'given_name'],
  ['customers_by_family_name_kana', 'customers', 'family_name_kana'],
  ['customers_by_given_name_kana', 'customers', 'given_name_kana'],
  ['orders_by_customer', 'orders', 'customer_id, placed_at desc'],
  // Not unique: the retailer owns order numbers, and a page the cache refused would stop sync.
  ['orders_by_order_number', 'orders', 'order_number'],
  ['shipments_by_order', 'shipments', 'order_id'],
  ['shipments_by_tracking_number', 'shipments', 'tracking_number'],
  ['returns_by_customer', 'returns', 'customer_id, requested_at desc'],
  ['claims_by_customer', 'claims', 'customer_id, opened_at desc'],
  ['contacts_by_customer', 'contacts', 'customer_id, occurred_at desc'],
  ['notices_by_customer', 'notices', 'customer_id, sent_at desc'],
  ['reasons_by_parent', 'reasons', 'parent_code, sort_order'],
  ['outbox_by_state', 'outbox', 'state, next_attempt_at'],
  ['voc_records_by_saved_at', 'voc_records', 'saved_at'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of LOOKUP_INDEXES) {
    await sql.raw(`create index ${name} on ${table} (${columns})`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of LOOKUP_INDEXES) {
    await sql.raw(`drop index ${name}`).execute(db);
  }
}
