import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_12_06_0001_agent_states', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds the current state per agent and the append-only history, and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_11_23_0006_webhook_disable');
    expect((await migrator.migrateTo('2026_12_06_0001_agent_states')).error).toBeUndefined();
    await db
      .insertInto('tenants')
      .values({ id: 't1', name: 't1', retention_days: 30, created_at: '2026-12-06' })
      .execute();
    const state = {
      tenant_id: 't1',
      agent_id: 'u1',
      center_id: 'c1',
      status: 'ready',
      reason: null,
      since: '2026-12-06T09:00:00.000Z',
      change_id: '01',
    };
    await db.insertInto('agent_states').values(state).execute();
    // One current row per agent in a tenant.
    await expect(db.insertInto('agent_states').values(state).execute()).rejects.toThrow();
    await db
      .insertInto('agent_state_changes')
      .values({
        tenant_id: 't1',
        id: '01',
        agent_id: 'u1',
        center_id: 'c1',
        status: 'ready',
        reason: null,
        at: state.since,
        received_at: state.since,
      })
      .execute();
    expect((await migrator.migrateTo('2026_11_23_0006_webhook_disable')).error).toBeUndefined();
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('agent_states');
    expect(tables.map((t) => t.name)).not.toContain('agent_state_changes');
    await db.destroy();
  });
});
