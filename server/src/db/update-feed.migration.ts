import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Desktop updates: the releases an operator uploaded (metadata; the files themselves are on
 * disk, content-addressed by sha512), each center's channel / rollout / minimum version, and
 * the version each desk last reported. Frozen in time: never imports app code.
 */
export const updateFeed: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('update_releases')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('release_date', 'text', (c) => c.notNull())
      /** JSON array of { url, sha512, size }. */
      .addColumn('files', 'text', (c) => c.notNull())
      .addColumn('halted_at', 'text')
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('update_releases_pk', [
        'tenant_id',
        'channel',
        'platform',
        'version',
      ])
      .execute();
    await db.schema
      .createTable('update_center_settings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('rollout_percent', 'integer', (c) => c.notNull())
      .addColumn('minimum_version', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('update_center_settings_pk', ['tenant_id', 'center_id'])
      .execute();
    await db.schema
      .createTable('update_desks')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('desk_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('update_desks_pk', ['tenant_id', 'desk_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('update_desks').execute();
    await db.schema.dropTable('update_center_settings').execute();
    await db.schema.dropTable('update_releases').execute();
  },
};
