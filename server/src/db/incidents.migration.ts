import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Alerts from the floor as incident records (the employer's duty under the kasuhara law: who,
 * when, what stage, the note): one row per stage — raised, updated, acknowledged, escalated —
 * never changed. The key makes each stage happen once, even when two server processes race
 * (two supervisors taking the same alert, two escalation timers). Frozen in time.
 */
export const incidents: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('incident_events')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      // `<alert id>:<stage>` (`:<protocol stage>` for raised and updated): one row per stage.
      .addColumn('event_key', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('center_id', 'text', (c) => c.notNull())
      .addColumn('call_id', 'text')
      .addColumn('customer_id', 'text')
      .addColumn('protocol_stage', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_events_pk', ['tenant_id', 'event_key'])
      .execute();
    await db.schema
      .createIndex('incident_events_by_alert')
      .on('incident_events')
      .columns(['tenant_id', 'alert_id', 'stage'])
      .execute();
    await db.schema
      .createIndex('incident_events_by_center')
      .on('incident_events')
      .columns(['tenant_id', 'center_id', 'at'])
      .execute();
    // The escalation timer's scan: raised alerts older than the set time.
    await db.schema
      .createIndex('incident_events_by_stage')
      .on('incident_events')
      .columns(['stage', 'at'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('incident_events').execute();
  },
};
