import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_12_06_0202_devices', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds one device row per desk and retailer (not revoked by default), and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_12_06_0101_update_feed');
    expect((await migrator.migrateTo('2026_12_06_0202_devices')).error).toBeUndefined();
    await db
      .insertInto('tenants')
      .values({ id: 't1', name: 't1', retention_days: 30, created_at: '2026-12-06' })
      .execute();
    const device = {
      tenant_id: 't1',
      desk_id: 'desk-1',
      center_id: 'c1',
      registered_by: 'u1',
      last_user_id: 'u1',
      grant: 'g'.repeat(43),
      registered_at: '2026-12-06T09:00:00.000Z',
      last_seen_at: '2026-12-06T09:00:00.000Z',
    };
    await db.insertInto('devices').values(device).execute();
    await expect(db.insertInto('devices').values(device).execute()).rejects.toThrow();
    const row = await db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    expect(Number(row.revoked)).toBe(0);
    expect(row.revoked_at).toBeNull();
    expect((await migrator.migrateTo('2026_12_06_0101_update_feed')).error).toBeUndefined();
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('devices');
    await db.destroy();
  });
});
