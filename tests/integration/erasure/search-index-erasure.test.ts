import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createRecordRemover } from '../../../src/main/core/erasure/remove-records';
import { rewriteSearchIndexInSlices } from '../../../src/main/core/erasure/sliced-purge';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';
import {
  CUTOFF,
  NOW,
  fillCache,
  findInFolder,
  kept,
  person,
  purged,
  purgedStrings,
  retentionPurgeAtNow,
} from '../../fixtures/pii-fixture';
import { customerRecord } from '../../fixtures/retailer-records';

/**
 * The search index is contentless with `contentless_delete`: removing a customer only marks the
 * row gone, and the customer's terms stay in the index's pages until its segment is rewritten.
 * Whether a purge left them depended on how the index happened to be laid out, so the purge is
 * checked on two layouts: one merged segment in which the purged customers are a small share
 * (FTS5 merges a segment on its own only past 10 % deleted), and many small segments.
 */
const FILLERS = 3_000;
const open: LocalDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close().catch(() => undefined);
});

async function cacheLaidOut(layout: 'one segment' | 'many segments') {
  const dir = mkdtempSync(join(tmpdir(), 'koe-search-erase-'));
  const database = await openDatabase({ filename: join(dir, 'koe.sqlite') });
  open.push(database);
  await fillCache(database.sqlite, database.db);
  const writer = createRecordWriter(database.sqlite);
  const part = layout === 'one segment' ? FILLERS : 50;
  for (let i = 0; i < FILLERS; i += part) {
    writer.apply(
      Array.from({ length: part }, (_, j) => {
        const p = person(1_000 + i + j);
        return customerRecord({
          id: p.id,
          familyName: p.strings[0]!,
          givenName: p.strings[1]!,
          updatedAt: '2026-11-01T00:00:00.000Z',
        });
      }),
    );
  }
  if (layout === 'one segment') {
    database.sqlite
      .prepare(`insert into customer_search(customer_search) values ('optimize')`)
      .run();
  }
  const state = syncStateStore(database.sqlite);
  state.set('erasure_vacuumed', new Date(NOW).toISOString());
  state.set('purged_before', CUTOFF);
  state.set('retention_days', '730');
  return { dir, database };
}

/** The search index's pages as FTS5 stores them (`%_data`): terms are kept verbatim there. */
const searchIndexBytes = (database: LocalDatabase) =>
  Buffer.concat(
    database.sqlite
      .prepare('select block from customer_search_data')
      .pluck()
      .all()
      .filter((b): b is Buffer => Buffer.isBuffer(b)),
  );
const termsOf = (bytes: Buffer) => purgedStrings.filter((s) => bytes.includes(Buffer.from(s)));

describe.each(['one segment', 'many segments'] as const)(
  'the search index laid out in %s',
  (layout) => {
    it('keeps no purged customer’s terms after the retention purge, and still finds the rest', async () => {
      const { dir, database } = await cacheLaidOut(layout);
      // The index holds terms verbatim, so a term left behind is there for the scan to find.
      const indexBytes = searchIndexBytes(database);
      expect(termsOf(indexBytes)).not.toEqual([]);

      const purge = retentionPurgeAtNow(database.sqlite);
      const run = await purge.runNow();
      purge.close();
      expect(run.complete).toBe(true);
      expect(run.scrub?.complete).toBe(true);
      expect(findInFolder(dir, purgedStrings)).toEqual([]);
      expect(syncStateStore(database.sqlite).get('search_index_rewrite')).toBeNull();

      const search = database.sqlite
        .prepare('select count(*) from customer_search where customer_search match ?')
        .pluck();
      expect(search.get(`"${kept[3]!.strings[0]}"`)).toBe(1);
      expect(search.get(`"${person(1_000 + FILLERS - 1).strings[1]}"`)).toBe(1);
      expect(search.get(`"${person(7).strings[0]}"`)).toBe(0);
    });
  },
);

it('a call stops the rewrite between two steps, and the next run finishes it', async () => {
  const { database } = await cacheLaidOut('many segments');
  createRecordRemover(database.sqlite).remove(purged.map((p) => ({ type: 'customer', id: p.id })));
  let steps = 0;
  const stopped = await rewriteSearchIndexInSlices(database.sqlite, {
    shouldStop: () => steps >= 2,
    pause: async () => void steps++,
  });
  expect(stopped).toEqual({ complete: false, steps: 2 });
  expect(termsOf(searchIndexBytes(database))).not.toEqual([]);
  const finished = await rewriteSearchIndexInSlices(database.sqlite);
  expect(finished.complete).toBe(true);
  expect(termsOf(searchIndexBytes(database))).toEqual([]);
});
