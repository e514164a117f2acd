import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_12_07_0701_floor_presence', () => {
  const databaseBefore = serverDatabaseBefore();

  it("adds the desks' presence and their reported lock (existing states stay unlocked), and reverts", async () => {
    const { db, migrator } = await databaseBefore('2026_12_06_0301_access_audit');
    await db
      .insertInto('agent_states')
      .values({
        tenant_id: 't',
        agent_id: 'u1',
        center_id: 'c1',
        status: 'ready',
        reason: null,
        since: '2026-12-06T09:00:00.000Z',
        change_id: '01',
      })
      .execute();
    expect((await migrator.migrateTo('2026_12_07_0701_floor_presence')).error).toBeUndefined();
    // A state reported before the migration: not locked.
    expect(
      await db.selectFrom('agent_states').select('desk_locked').executeTakeFirstOrThrow(),
    ).toEqual({ desk_locked: 0 });
    const seen = {
      tenant_id: 't',
      agent_id: 'u1',
      center_id: 'c1',
      seen_at: '2026-12-07T09:00:00.000Z',
      offline_announced_at: null,
    };
    await db.insertInto('agent_presence').values(seen).execute();
    // One presence row per agent in a tenant.
    await expect(db.insertInto('agent_presence').values(seen).execute()).rejects.toThrow();

    expect((await migrator.migrateTo('2026_12_06_0301_access_audit')).error).toBeUndefined();
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('agent_presence');
    const states = tables.find((t) => t.name === 'agent_states')!;
    expect(states.columns.map((c) => c.name)).not.toContain('desk_locked');
    // The state rows outlive the revert.
    expect(await db.selectFrom('agent_states').select('agent_id').execute()).toEqual([
      { agent_id: 'u1' },
    ]);
    await db.destroy();
  });
});
