import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, expect } from 'vitest';
import { serverMigrationProvider } from '../../../../server/src/db/migrations';

/** A migration test sees the database as the migrations do: untyped, frozen in time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MigrationDb = Kysely<any>;

/**
 * What the server migration tests share: a fresh SQLite file migrated up to the migration
 * before the one under test, with tenant `t` in it. Registers the cleanup of the file's folder;
 * call the returned function inside a test.
 */
export function serverDatabaseBefore() {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return async (migration: string) => {
    dir = mkdtempSync(join(tmpdir(), 'koe-server-migration-'));
    const db: MigrationDb = new Kysely({
      dialect: new SqliteDialect({ database: new Sqlite(join(dir, 'server.sqlite')) }),
    });
    const migrator = new Migrator({ db, provider: serverMigrationProvider });
    expect((await migrator.migrateTo(migration)).error).toBeUndefined();
    await db
      .insertInto('tenants')
      .values({ id: 't', name: 't', retention_days: 30, created_at: '2026-11-23' })
      .execute();
    return { db, migrator };
  };
}

/** A webhook row as migration 0004 stores it (for tests of that migration and later ones). */
export function insertWebhook(db: MigrationDb) {
  return db
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
}
