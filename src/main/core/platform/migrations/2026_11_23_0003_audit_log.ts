import type { Kysely } from 'kysely';

/*
 * Frozen in time. What the agent did that someone must be able to check later: personal data
 * revealed on screen, a supervisor alerted during a call. Local to this desktop, append-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('call_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_by_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('voc_records_by_call').on('voc_records').column('call_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('voc_records_by_call').execute();
  await db.schema.dropTable('audit_log').execute();
}
