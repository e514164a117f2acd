import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The outreach calls desks reported (an `on_call` agent-state change naming the customer): a
 * proactive call's outcome is accepted only for a call its own desk reported. Frozen in time.
 */
export const outreachCalls: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('outreach_calls')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull())
      // The desk the reporting token was issued to ('' for a token that names none).
      .addColumn('desk_id', 'text', (c) => c.notNull())
      .addColumn('call_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('outreach_calls_pk', ['tenant_id', 'agent_id', 'desk_id', 'call_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('outreach_calls').execute();
  },
};
