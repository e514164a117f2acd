import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The script studio: a trainer's drafts, and every published version of a studio script with
 * its content, release notes and who published it. Published rows are only ever inserted (the
 * primary key makes two publishes of one version number impossible). Frozen in time: never
 * imports app code.
 */
export const scriptAuthoring: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('script_drafts')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('script_id', 'text', (c) => c.notNull())
      /** JSON of ScriptContent. */
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('script_drafts_pk', ['tenant_id', 'script_id'])
      .execute();
    await db.schema
      .createTable('script_publications')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('script_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      /** JSON of ScriptContent. */
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('release_notes', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_by_name', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('rollback_of', 'integer')
      .addPrimaryKeyConstraint('script_publications_pk', ['tenant_id', 'script_id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('script_publications').execute();
    await db.schema.dropTable('script_drafts').execute();
  },
};
