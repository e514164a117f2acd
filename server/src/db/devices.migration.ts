import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The desks that signed in to this retailer, keyed by the desk id each desk sends: where it
 * works (center), who registered it and who used it last, and the device grant, a random secret
 * the desk needs (besides its OS keychain) to unwrap its cache key. Revoked desks are refused
 * the grant. Frozen in time.
 */
export const devices: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('devices')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('desk_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text')
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .addColumn('last_user_id', 'text', (c) => c.notNull())
      .addColumn('grant', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('devices_pk', ['tenant_id', 'desk_id'])
      .execute();
    await db.schema
      .createIndex('devices_by_center')
      .on('devices')
      .columns(['tenant_id', 'center_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('devices').execute();
  },
};
