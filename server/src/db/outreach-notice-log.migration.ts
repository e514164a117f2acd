import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The "customer was told" notices proactive calls published, per customer and day: how the
 * server bounds them (a desk cannot write an unlimited number onto a customer). Frozen in time.
 */
export const outreachNoticeLog: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('outreach_notice_log')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('voc_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('outreach_notice_log_pk', ['tenant_id', 'voc_id'])
      .execute();
    await db.schema
      .createIndex('outreach_notice_log_by_customer_day')
      .on('outreach_notice_log')
      .columns(['tenant_id', 'customer_id', 'day'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('outreach_notice_log').execute();
  },
};
