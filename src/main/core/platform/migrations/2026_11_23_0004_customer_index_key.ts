import type { Kysely } from 'kysely';

/*
 * Frozen in time. A fingerprint of the fields a customer's phone, e-mail and search rows are
 * derived from (names, kana, phones and e-mails as the retailer sent them), so an update that
 * changes none of them (a tier, an address) skips re-indexing. Null until the customer is next
 * written, which then indexes it in full.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('index_key', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('index_key').execute();
}
