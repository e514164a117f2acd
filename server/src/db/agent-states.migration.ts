import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Agents' states as their desks report them: the current one per agent (what the supervisors'
 * floor shows) and every change, append-only (time in state, adherence). Frozen in time.
 */
export const agentStates: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('agent_states')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('change_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_states_pk', ['tenant_id', 'agent_id'])
      .execute();
    await db.schema
      .createIndex('agent_states_by_center')
      .on('agent_states')
      .columns(['tenant_id', 'center_id'])
      .execute();
    await db.schema
      .createTable('agent_state_changes')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_state_changes_pk', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('agent_state_changes_by_agent')
      .on('agent_state_changes')
      .columns(['tenant_id', 'agent_id', 'at'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('agent_state_changes').execute();
    await db.schema.dropTable('agent_states').execute();
  },
};
