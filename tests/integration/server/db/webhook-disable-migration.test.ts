import { describe, expect, it } from 'vitest';
import { insertWebhook, serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_11_23_0006_webhook_disable', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds the off switch to existing webhooks (on), and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_11_23_0004_webhooks_insights');
    await insertWebhook(db);

    expect((await migrator.migrateTo('2026_11_23_0006_webhook_disable')).error).toBeUndefined();
    expect(await db.selectFrom('webhooks').select(['id', 'disabled_at']).execute()).toEqual([
      { id: 'w1', disabled_at: null },
    ]);
    await db.updateTable('webhooks').set({ disabled_at: '2026-11-24' }).execute();

    expect((await migrator.migrateTo('2026_11_23_0004_webhooks_insights')).error).toBeUndefined();
    const row = (await db.selectFrom('webhooks').selectAll().executeTakeFirstOrThrow()) as Record<
      string,
      unknown
    >;
    expect(row.id).toBe('w1');
    expect('disabled_at' in row).toBe(false);
    await db.destroy();
  });
});
