import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_12_06_0101_update_feed', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds the release, center-settings and desk-version tables, and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_11_23_0006_webhook_disable');
    expect((await migrator.migrateTo('2026_12_06_0101_update_feed')).error).toBeUndefined();
    await db
      .insertInto('update_releases')
      .values({
        tenant_id: 't',
        channel: 'stable',
        platform: 'win',
        version: '1.0.0',
        release_date: '2026-12-06T00:00:00.000Z',
        files: '[]',
        uploaded_at: '2026-12-06T00:00:00.000Z',
      })
      .execute();
    expect(
      await db.selectFrom('update_releases').select(['version', 'halted_at']).execute(),
    ).toEqual([{ version: '1.0.0', halted_at: null }]);

    expect((await migrator.migrateTo('2026_11_23_0006_webhook_disable')).error).toBeUndefined();
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables.filter((t) => t.startsWith('update_'))).toEqual([]);
    await db.destroy();
  });
});
