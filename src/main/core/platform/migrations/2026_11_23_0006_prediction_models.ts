import type { Kysely } from 'kysely';

/*
 * Frozen in time. The learned models (delivery estimate, call reasons) as last fitted on this
 * cache, with a watermark of the data they saw: a restart scores at once with the stored models
 * and refits only when deliveries or contacts arrived since. Local to this desktop, never synced;
 * one row per model set (the format number lets a newer Koe ignore a row it cannot read).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('prediction_models')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('format', 'integer', (c) => c.notNull())
    .addColumn('fitted_at', 'text', (c) => c.notNull())
    .addColumn('watermark', 'text', (c) => c.notNull())
    .addColumn('models', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('prediction_models').execute();
}
