import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertWebhook, serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_11_23_0004_webhooks_insights', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds the webhook tables and the order-reference index over existing data, and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_11_23_0002_voc_export_index');
    await db
      .insertInto('records')
      .values({
        tenant_id: 't',
        type: 'shipment',
        id: 's1',
        data: JSON.stringify({ id: 's1', orderId: 'o1', carrier: 'yamato' }),
        updated_at: '2026-11-23',
        seq: 1,
        deleted: 0,
      })
      .execute();

    expect((await migrator.migrateTo('2026_11_23_0004_webhooks_insights')).error).toBeUndefined();
    const plan = await sql<{ detail: string }>`explain query plan
      select data from records where tenant_id = 't' and type = 'shipment'
        and json_extract(data, '$.orderId') = 'o1'`.execute(db);
    expect(plan.rows.map((r) => r.detail).join()).toContain('records_by_order_ref');
    await insertWebhook(db);
    await db
      .insertInto('webhook_deliveries')
      .values({
        id: 'd1',
        tenant_id: 't',
        webhook_id: 'w1',
        event: 'voc.created',
        voc_id: 'v1',
        payload: '{}',
        status: 'pending',
        next_attempt_at: '2026-11-23',
        created_at: '2026-11-23',
      })
      .execute();
    const due = await sql<{ detail: string }>`explain query plan
      select id from webhook_deliveries where status = 'pending' and next_attempt_at <= 'z'`.execute(
      db,
    );
    expect(due.rows.map((r) => r.detail).join()).toContain('webhook_deliveries_due');
    expect(
      (await db.selectFrom('webhook_deliveries').select('attempts').executeTakeFirstOrThrow())
        .attempts,
    ).toBe(0);

    expect((await migrator.migrateDown()).error).toBeUndefined();
    const tables = await sql<{ name: string }>`select name from sqlite_master`.execute(db);
    const names = tables.rows.map((r) => r.name);
    expect(names).not.toContain('webhooks');
    expect(names).not.toContain('records_by_order_ref');
    expect(names).toContain('records');
    await db.destroy();
  });
});
