import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { serverMigrationProvider } from '../../../server/src/db/migrations';

describe('server migration 2026_11_23_0006_webhook_disable', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the off switch to existing webhooks (on), and reverts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-server-migration-'));
    // A migration test sees the database as the migrations do: untyped, frozen in time.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = new Kysely<any>({
      dialect: new SqliteDialect({ database: new Sqlite(join(dir, 'server.sqlite')) }),
    });
    const migrator = new Migrator({ db, provider: serverMigrationProvider });
    expect((await migrator.migrateTo('2026_11_23_0004_webhooks_insights')).error).toBeUndefined();
    await db
      .insertInto('tenants')
      .values({ id: 't', name: 't', retention_days: 30, created_at: '2026-11-23' })
      .execute();
    await db
      .insertInto('webhooks')
      .values({
        id: 'w1',
        tenant_id: 't',
        url: 'https://example.com/',
        secret: 's',
        events: '["voc.created"]',
        created_by: 'u',
        created_at: '2026-11-23',
      })
      .execute();

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
