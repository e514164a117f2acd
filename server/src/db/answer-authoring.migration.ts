import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The approved-answer studio: a trainer's drafts, and every published version of a studio
 * answer (its audience, release notes, who published it, what it rolled back from) with its
 * title, body and tags per language. Published rows are only ever inserted. Frozen in time: never imports app code.
 */
export const answerAuthoring: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('answer_drafts')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('answer_id', 'text', (c) => c.notNull())
      /** JSON of AnswerContent (every language of the draft together). */
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('answer_drafts_pk', ['tenant_id', 'answer_id'])
      .execute();
    // One row per version: the primary key refuses a second publish of the same number,
    // whatever languages the two publishes carry.
    await db.schema
      .createTable('answer_publications')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('answer_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      /** JSON array of center ids; empty: every center. */
      .addColumn('centers', 'text', (c) => c.notNull())
      .addColumn('release_notes', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_by_name', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('rollback_of', 'integer')
      .addPrimaryKeyConstraint('answer_publications_pk', ['tenant_id', 'answer_id', 'version'])
      .execute();
    // The version's text in each language of its audience: what agents of that language get.
    await db.schema
      .createTable('answer_publication_texts')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('answer_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      /** JSON array of the normalized tags. */
      .addColumn('tags', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('answer_publication_texts_pk', [
        'tenant_id',
        'answer_id',
        'version',
        'language',
      ])
      .addForeignKeyConstraint(
        'answer_publication_texts_version_fk',
        ['tenant_id', 'answer_id', 'version'],
        'answer_publications',
        ['tenant_id', 'answer_id', 'version'],
      )
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('answer_publication_texts').execute();
    await db.schema.dropTable('answer_publications').execute();
    await db.schema.dropTable('answer_drafts').execute();
  },
};
