import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Webhook subscriptions and their durable delivery queue, and the index the insights use to
 * find an order's shipments. Frozen in time: never imports app code.
 */
export const webhooksAndInsights: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      // Kept readable: every delivery is signed with it.
      .addColumn('secret', 'text', (c) => c.notNull())
      /** JSON array of event names. */
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema
      .createIndex('webhooks_by_tenant')
      .on('webhooks')
      .columns(['tenant_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      // The idempotency key the receiver sees (Koe-Delivery), the same on every retry.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('voc_id', 'text', (c) => c.notNull())
      /** The exact JSON body sent on every attempt. */
      .addColumn('payload', 'text', (c) => c.notNull())
      /** pending | delivered | dead | cancelled */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      /** A worker holds the row until then; an expired lease makes it claimable again. */
      .addColumn('lease_until', 'text')
      .addColumn('leased_by', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    // The workers' claim: pending rows by due time.
    await db.schema
      .createIndex('webhook_deliveries_due')
      .on('webhook_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_by_webhook')
      .on('webhook_deliveries')
      .columns(['tenant_id', 'webhook_id', 'created_at'])
      .execute();

    // Insights join a VoC record to the shipments of its order. Shipments are stored as JSON in
    // `records`; this expression index makes "the shipments of order X" an index lookup instead
    // of a scan of every shipment. The expression must match the one the queries use exactly.
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    await sql`create index records_by_order_ref on records (tenant_id, type, ${
      sqlite ? sql`json_extract(data, '$.orderId')` : sql`(data::jsonb ->> 'orderId')`
    })`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('records_by_order_ref').execute();
    await db.schema.dropTable('webhook_deliveries').execute();
    await db.schema.dropTable('webhooks').execute();
  },
};
