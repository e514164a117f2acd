import { describe, expect, it } from 'vitest';
import { serverDatabaseBefore } from './server-migration-fixture';

describe('server migration 2026_11_23_0005_answer_authoring', () => {
  const databaseBefore = serverDatabaseBefore();

  it('adds drafts and immutable publications, one version number once, and reverts', async () => {
    const { db, migrator } = await databaseBefore('2026_11_23_0004_webhooks_insights');
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
