import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Whether an agent's desk is there and unlocked, for the supervisors' floor: when the server
 * last heard from the agent's desk (its live stream's heartbeats, its reports) and whether that
 * silence has been announced; and whether the desk reported itself locked. Frozen in time.
 */
export const floorPresence: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('agent_presence')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      // Set once the floor was told this desk went silent; cleared when it is heard again.
      .addColumn('offline_announced_at', 'text')
      .addPrimaryKeyConstraint('agent_presence_pk', ['tenant_id', 'agent_id'])
      .execute();
    await db.schema
      .createIndex('agent_presence_by_seen')
      .on('agent_presence')
      .columns(['seen_at'])
      .execute();
    // Whether a bulk-access policy holds an agent's desk locked: read at every pull (api-routes).
    await db.schema
      .createIndex('incident_events_by_agent_kind')
      .on('incident_events')
      .columns(['tenant_id', 'agent_id', 'kind'])
      .execute();
    // The desk's lock (idle, OS, policy) rides on its state reports: 1 while it is locked.
    for (const table of ['agent_states', 'agent_state_changes']) {
      await db.schema
        .alterTable(table)
        .addColumn('desk_locked', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
  },
  async down(db: Kysely<any>) {
    for (const table of ['agent_states', 'agent_state_changes'])
      await db.schema.alterTable(table).dropColumn('desk_locked').execute();
    await db.schema.dropIndex('incident_events_by_agent_kind').execute();
    await db.schema.dropTable('agent_presence').execute();
  },
};
