import type { Kysely } from 'kysely';

/*
 * Frozen in time. The agent's phone desk, kept on disk: each call of the day with its state,
 * and — until its wrap-up is saved — the agent's unsaved work on it (the draft). Before this the
 * desk lived in memory only, and a crash of the app lost every call still waiting for its
 * wrap-up. Local to this desktop; never synced.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('desk_calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    /** The call as the desk holds it (a CallSession, JSON). */
    .addColumn('session', 'text', (c) => c.notNull())
    /** The agent's unsaved work on it (a CallDraft, JSON); null once nothing is pending. */
    .addColumn('draft', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('desk_calls').execute();
}
