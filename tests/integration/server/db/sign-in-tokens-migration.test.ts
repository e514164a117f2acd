import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_12_06_0401_sign_in_tokens', () => {
  const databaseBefore = serverDatabaseBefore();

  it('keeps existing users enabled, adds the lockout and revocation tables, and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_12_06_0301_access_audit');
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        tenant_id: 't',
        center_id: null,
        role: 'agent',
        email: 'u1@example.com',
        display_name: 'u1',
        password_hash: 'scrypt$x$y',
        created_at: '2026-12-06',
      })
      .execute();
    expect((await migrator.migrateTo('2026_12_06_0401_sign_in_tokens')).error).toBeUndefined();
    const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.disabled_at).toBeNull();
    await db
      .insertInto('account_lockouts')
      .values({
        user_id: 'u1',
        tenant_id: 't',
        failures: 1,
        window_started_at: '2026-12-07T09:00:00.000Z',
      })
      .execute();
    // One lockout row per account.
    await expect(
      db
        .insertInto('account_lockouts')
        .values({ user_id: 'u1', tenant_id: 't', failures: 1, window_started_at: 'x' })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('token_revocations')
      .values({
        id: 'r1',
        tenant_id: 't',
        kind: 'user',
        subject: 'u1',
        not_before: '2026-12-07T09:00:00.000Z',
        expires_at: '2026-12-07T09:20:00.000Z',
      })
      .execute();
    expect((await migrator.migrateTo('2026_12_06_0301_access_audit')).error).toBeUndefined();
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('account_lockouts');
    expect(tables).not.toContain('token_revocations');
    const after = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(after).not.toHaveProperty('disabled_at');
    await db.destroy();
  });
});
