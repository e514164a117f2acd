import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import type { PullPage } from '../../../src/shared/protocol/sync';
import { vocFor } from '../../fixtures/retailer-records';

/**
 * After a bootstrap the sync connection builds the indexes it deferred. Built in one transaction
 * they held the cache's only write lock throughout, and a durable wrap-up save on the core's own
 * connection waited for all of it (past its busy timeout at bench size). Now each index commits
 * on its own: as soon as the first one is built (the rebuild's own event), the core saves a
 * wrap-up on its connection, and that save commits while indexes are still left to build.
 */
let dir: string;
let sync: LocalDatabase;
let core: LocalDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-index-rebuild-'));
  const file = join(dir, 'koe.sqlite');
  sync = await openDatabase({ filename: file });
  core = await openDatabase({ filename: file });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await sync?.close();
  rmSync(dir, { recursive: true, force: true });
});

const deferredLeft = (db: LocalDatabase) => {
  const row = db.sqlite
    .prepare(`select value from sync_state where key = 'deferred_indexes'`)
    .get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { name: string }[]).map((i) => i.name) : [];
};

describe('the index rebuild after a bootstrap', () => {
  it('lets a durable wrap-up save through between two indexes', async () => {
    const page: PullPage = {
      protocolVersion: 1,
      cursor: '1',
      hasMore: false,
      records: [...generateDemoRecords({ size: 'demo', customers: 300 })].flat(),
      deletions: [],
      purgeBefore: null,
      serverTime: new Date().toISOString(),
    };
    const opened: OpenedPull = {
      announced: null,
      read: async () => page,
      received: async () => undefined,
      cancel: () => {},
    };
    const events: string[] = [];
    let leftWhenSaved: string[] = [];
    const save = createVocRecordSaver(core.sqlite);
    const result = await pullChanges(
      sync.sqlite,
      { openPull: async () => opened } as unknown as RetailerApi,
      {
        onIndexBuilt: (name) => {
          events.push(`built ${name}`);
          if (events.length > 1) return;
          // The core's connection, busy timeout as in the app: it throws SQLITE_BUSY if the
          // rebuild still held the write lock past it.
          save(vocFor('agent-1', 'center-1', { customerId: null }));
          events.push('wrap-up saved');
          leftWhenSaved = deferredLeft(core);
        },
      },
    );
    expect(result.bootstrap).toBe(true);
    expect(events[0]).toMatch(/^built /);
    expect(events[1]).toBe('wrap-up saved');
    // Saved while the rebuild was under way: indexes were still waiting to be built.
    expect(leftWhenSaved.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.startsWith('built')).length).toBeGreaterThan(1);
    expect(deferredLeft(core)).toEqual([]);
    const saved = core.sqlite.prepare('select count(*) as n from voc_records').get() as {
      n: number;
    };
    expect(saved.n).toBe(1);
  });
});
