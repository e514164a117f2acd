import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import {
  openDatabase,
  openSqlite,
  type LocalDatabase,
} from '../../../src/main/core/platform/connection';
import { createRecordRemover } from '../../../src/main/core/erasure/remove-records';
import { purgeInSlices } from '../../../src/main/core/sync/pull-changes';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';

const BEFORE = '2026-06-01';
const TABLES = [
  'orders',
  'order_lines',
  'shipments',
  'tracking_events',
  'contacts',
  'notices',
  'customers',
];

describe('a retention purge in slices', () => {
  const dir = mkdtempSync(join(tmpdir(), 'koe-purge-slices-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cache(name: string): Promise<LocalDatabase> {
    const database = await openDatabase({ filename: join(dir, name) });
    const writer = createRecordWriter(database.sqlite);
    for (const batch of generateDemoRecords({ size: 'demo', customers: 150 })) writer.apply(batch);
    return database;
  }
  const counts = (database: LocalDatabase) =>
    Object.fromEntries(
      TABLES.map((t) => [
        t,
        (database.sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n,
      ]),
    );

  it('leaves the writer free between slices and ends where one whole purge ends', async () => {
    const whole = await cache('whole.sqlite');
    const before = counts(whole);
    whole.sqlite.transaction(() => createRecordRemover(whole.sqlite).purgeBefore(BEFORE))();

    const sliced = await cache('sliced.sqlite');
    let finished = false;
    const purge = purgeInSlices(sliced.sqlite, BEFORE, 5).then((removed) => {
      finished = true;
      return removed;
    });
    // Another connection (the core's, writing a ringing call) finds the write lock free
    // between two slices, without waiting: the purge is still under way.
    const other = openSqlite({ filename: join(dir, 'sliced.sqlite') });
    other.pragma('busy_timeout = 0');
    await new Promise((next) => setImmediate(next));
    other
      .prepare(
        `insert into desk_calls (call_id, session, draft, updated_at) values ('ring', '{}', null, '')`,
      )
      .run();
    expect(finished).toBe(false);
    other.close();

    expect(await purge).toBeGreaterThan(5);
    expect(counts(sliced)).toEqual(counts(whole));
    // It did remove history, and kept the recent.
    expect(counts(whole).orders).toBeLessThan(before.orders as number);
    expect(counts(whole).orders).toBeGreaterThan(0);
    await whole.close();
    await sliced.close();
  }, 60_000);
});
