import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The access audit (who touched which customer) and its policies' firings. `access_audit` is
 * append-only: the key is the id the desk made, `content_hash` what it said the first time; the
 * same id pushed again with another content is refused and counted in `access_audit_conflicts`,
 * never written over. A firing's key makes a bulk-access policy fire once per agent and window,
 * even when two server processes evaluate the same push. Frozen in time.
 */
export const accessAudit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('access_audit')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text')
      .addColumn('customer_id', 'text')
      .addColumn('call_id', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('access_audit_pk', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('access_audit_by_center')
      .on('access_audit')
      .columns(['tenant_id', 'center_id', 'at'])
      .execute();
    await db.schema
      .createIndex('access_audit_by_agent')
      .on('access_audit')
      .columns(['tenant_id', 'agent_id', 'kind', 'at'])
      .execute();
    await db.schema
      .createIndex('access_audit_by_customer')
      .on('access_audit')
      .columns(['tenant_id', 'customer_id', 'at'])
      .execute();
    await db.schema
      .createTable('access_audit_conflicts')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text')
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('access_policy_firings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      // `<policy id>:<agent id>:<window start>`
      .addColumn('firing_key', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text')
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('access_policy_firings_pk', ['tenant_id', 'firing_key'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('access_policy_firings').execute();
    await db.schema.dropTable('access_audit_conflicts').execute();
    await db.schema.dropTable('access_audit').execute();
  },
};
