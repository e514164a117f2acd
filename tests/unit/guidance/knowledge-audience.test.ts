import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { searchKnowledge } from '../../../src/main/core/guidance/guidance.repository';
import { bundledMigrationProvider } from '../../../src/main/core/platform/migrations';
import type { KnowledgeAnswer } from '../../../src/shared/domain/guidance';
import { openTestDatabase } from '../../fixtures/test-database';

function answer(id: string, centers?: string[]): KnowledgeAnswer {
  return {
    id,
    version: 1,
    language: 'ja',
    title: `返品 ${id}`,
    body: '8日以内にお申し込みください。',
    tags: ['返品'],
    publishedAt: '2026-11-23T00:00:00.000Z',
    ...(centers ? { centers } : {}),
  };
}

describe('approved answers published to some centers', () => {
  it('are found by agents of those centers only; retailer roles search them all', async () => {
    const { db, sqlite, close } = await openTestDatabase();
    createRecordWriter(sqlite).apply(
      [
        answer('kb-all-ja'),
        answer('kb-x-ja', ['center-x']),
        answer('kb-xy-ja', ['center-x', 'center-y']),
        // A center whose id contains another's must not match it.
        answer('kb-x2-ja', ['center-x2']),
      ].map((data) => ({ type: 'knowledge_answer' as const, data })),
    );
    const ids = async (centerId: string | null) =>
      (await searchKnowledge(db, '返品', 'ja', 10, centerId)).map((a) => a.id).sort();
    expect(await ids('center-x')).toEqual(['kb-all-ja', 'kb-x-ja', 'kb-xy-ja']);
    expect(await ids('center-y')).toEqual(['kb-all-ja', 'kb-xy-ja']);
    expect(await ids('center-z')).toEqual(['kb-all-ja']);
    expect(await ids(null)).toEqual(['kb-all-ja', 'kb-x-ja', 'kb-x2-ja', 'kb-xy-ja']);
    // The audience comes back as it was published.
    const [x] = await searchKnowledge(db, 'kb-x-ja', 'ja', 1, 'center-x');
    expect(x?.centers).toEqual(['center-x']);
    await close();
  });

  it('0008 keeps the cached answers, for every center, and goes down again', async () => {
    const sqlite = new Sqlite(':memory:');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: bundledMigrationProvider });
    await migrator.migrateTo('2026_11_23_0007_open_shipments_index');
    sqlite
      .prepare(
        `insert into knowledge_answers (id, version, language, title, body, tags, published_at)
         values ('kb-1-ja', 1, 'ja', '返品', '本文', '[]', '2026-11-23T00:00:00.000Z')`,
      )
      .run();
    const migrated = await migrator.migrateTo('2026_11_23_0008_knowledge_answer_centers');
    expect(migrated.error).toBeUndefined();
    expect(sqlite.prepare('select id, centers from knowledge_answers').all()).toEqual([
      { id: 'kb-1-ja', centers: null },
    ]);
    expect((await migrator.migrateDown()).error).toBeUndefined();
    await db.destroy();
  });
});
