import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { serverMigrationProvider } from '../../../server/src/db/migrations';

describe('server migration 2026_11_23_0005_answer_authoring', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds drafts and immutable publications, one version number once, and reverts', async () => {
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
    expect((await migrator.migrateTo('2026_11_23_0005_answer_authoring')).error).toBeUndefined();

    await db
      .insertInto('answer_drafts')
      .values({
        tenant_id: 't',
        answer_id: 'kb-a',
        content: '{}',
        updated_by: 'u',
        updated_at: 'x',
      })
      .execute();
    const version = (n: number) => ({
      tenant_id: 't',
      answer_id: 'kb-a',
      version: n,
      centers: '[]',
      release_notes: 'notes',
      published_by: 'u',
      published_by_name: 'U',
      published_at: '2026-11-23T00:00:00.000Z',
      rollback_of: null,
    });
    const text = (n: number, language: string) => ({
      tenant_id: 't',
      answer_id: 'kb-a',
      version: n,
      language,
      title: `v${n}`,
      body: 'body',
      tags: '[]',
    });
    await db.insertInto('answer_publications').values(version(1)).execute();
    await db
      .insertInto('answer_publication_texts')
      .values([text(1, 'ja'), text(1, 'en')])
      .execute();
    // A second publish of version 1 is refused whatever languages it carries: the race's 409.
    await expect(db.insertInto('answer_publications').values(version(1)).execute()).rejects.toThrow(
      /unique|primary key/i,
    );
    await expect(
      db.insertInto('answer_publication_texts').values(text(1, 'ja')).execute(),
    ).rejects.toThrow(/unique|primary key/i);
    await db.insertInto('answer_publications').values(version(2)).execute();
    const rows = await db
      .selectFrom('answer_publications')
      .select(['version'])
      .where('tenant_id', '=', 't')
      .orderBy('version')
      .execute();
    expect(rows.map((r) => Number(r.version))).toEqual([1, 2]);

    expect((await migrator.migrateDown()).error).toBeUndefined();
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('answer_publications');
    expect(tables.map((t) => t.name)).not.toContain('answer_drafts');
    await db.destroy();
  });
});
