import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_12_07_0801_user_lifecycle', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds a user’s kana reading and last sign-in and a desk’s revocation reason (all empty on existing rows), and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_12_07_0701_floor_presence');
    await db
      .insertInto('tenants')
      .values({ id: 't1', name: 't1', retention_days: 30, created_at: '2026-12-07' })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        tenant_id: 't1',
        center_id: null,
        role: 'agent',
        email: 'u1@example.com',
        display_name: 'u1',
        password_hash: 'x',
        created_at: '2026-12-07',
      })
      .execute();
    await db
      .insertInto('devices')
      .values({
        tenant_id: 't1',
        desk_id: 'desk-1',
        center_id: null,
        registered_by: 'u1',
        last_user_id: 'u1',
        grant: 'g'.repeat(43),
        registered_at: '2026-12-07T09:00:00.000Z',
        last_seen_at: '2026-12-07T09:00:00.000Z',
        revoked: 1,
        revoked_at: '2026-12-07T10:00:00.000Z',
      })
      .execute();
    expect((await migrator.migrateTo('2026_12_07_0801_user_lifecycle')).error).toBeUndefined();
    const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect([user.name_kana, user.last_sign_in_at]).toEqual([null, null]);
    // A desk revoked before the reason was kept: none (read as device_revoked).
    const device = await db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    expect(device.revoked_reason).toBeNull();
    await db.updateTable('devices').set({ revoked_reason: 'user_disabled' }).execute();

    expect((await migrator.migrateTo('2026_12_07_0701_floor_presence')).error).toBeUndefined();
    const columns = async (table: string) =>
      (await db.introspection.getTables())
        .find((t) => t.name === table)!
        .columns.map((c) => c.name);
    expect(await columns('users')).not.toContain('last_sign_in_at');
    expect(await columns('users')).not.toContain('name_kana');
    expect(await columns('devices')).not.toContain('revoked_reason');
    await db.destroy();
  });
});
