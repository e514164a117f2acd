import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Onboarding retailers: a center's contract can end (`disabled_at`: its users can no longer sign
 * in or sync), and the operator who runs the server for several retailers holds API keys of its
 * own (only their SHA-256 is kept), separate from every retailer's users. Frozen in time.
 */
export const tenantOnboarding: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('centers').addColumn('disabled_at', 'text').execute();
    await db.schema
      .createTable('operator_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('operator_keys').execute();
    await db.schema.alterTable('centers').dropColumn('disabled_at').execute();
  },
};
