import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import type { PullPage } from '../../../src/shared/protocol/sync';
import { holdWriteLock } from './hold-write-lock';

/**
 * A pull's transactions meeting another writer that holds the cache's write lock (a wrap-up save
 * on the core's connection, beside the sync worker's) wait for it in SQLite's busy handler and
 * then succeed. Each begins IMMEDIATE, taking the lock up front. Begun deferred, a transaction
 * whose first statement reads holds a read snapshot when it first writes, and SQLite then does
 * not call the busy handler at all (waiting could deadlock two readers that both want to write):
 * the write fails at once with SQLITE_BUSY ("database is locked"; or SQLITE_BUSY_SNAPSHOT when
 * the other write committed in between), whatever the busy timeout. Seen in the sync bench on
 * 7 December: a re-bootstrap meeting a wrap-up save. A page whose first statement writes (an
 * upsert) would get the busy handler even begun deferred; the pages that read first are the
 * periodic pull that finds nothing new (it reads the outreach note before it moves the cursor)
 * and a page of deletions (a customer's erasure reads their orders first).
 */
let dir: string;
/** The cache of the describe under way (each has its own). */
let file: string;
let local: LocalDatabase;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-commit-lock-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Opens a cache of the describe's own before its tests, and closes it after. */
function ownCache(name: string, prepare: () => Promise<unknown> = async () => undefined) {
  beforeAll(async () => {
    file = join(dir, name);
    local = await openDatabase({ filename: file });
    await prepare();
  }, 60_000);
  afterAll(async () => {
    await local?.close();
  });
}

const pageOf = (customers: number, cursor: string): PullPage => ({
  protocolVersion: 1,
  cursor,
  hasMore: false,
  records: [...generateDemoRecords({ size: 'demo', customers })].flat(),
  deletions: [],
  purgeBefore: null,
  serverTime: new Date().toISOString(),
});

const apiOf = (read: () => Promise<PullPage>) =>
  ({
    openPull: async (): Promise<OpenedPull> => ({
      announced: null,
      read,
      received: async () => undefined,
      cancel: () => {},
    }),
  }) as unknown as RetailerApi;

const stored = (key: string) =>
  local.sqlite.prepare('select value from sync_state where key = ?').get(key);
const customerCount = () =>
  local.sqlite.prepare('select count(*) as n from customers').pluck().get();

describe('a bootstrap meeting another writer', () => {
  ownCache('bootstrap.sqlite');

  it('waits for the lock to drop its search-only indexes, then stores the page', async () => {
    const events: string[] = [];
    // The lock is taken before the pull begins: the first thing a bootstrap writes is the
    // deferral of its indexes, which reads the schema first.
    const { released } = await holdWriteLock(file, 300, events);
    await pullChanges(
      local.sqlite,
      apiOf(async () => pageOf(40, '1')),
      {
        onCommit: () => events.push('page committed'),
      },
    );
    await released;
    expect(events).toContain('page committed');
    expect(customerCount()).toBe(40);
    expect(stored('cursor')).toEqual({ value: '1' });
    expect(stored('other_writer')).toEqual({ value: 'x' });
  });
});

describe('a later page meeting another writer', () => {
  // A cache already bootstrapped: its cursor is set, so the pull is not a bootstrap.
  ownCache('later.sqlite', () =>
    pullChanges(
      local.sqlite,
      apiOf(async () => pageOf(40, '1')),
    ),
  );

  /**
   * A page the pull stores while the other writer holds the lock: the lock is taken as the page
   * arrives (after the pull's start, before its commit) and let go after `holdMs`. Returns when
   * the commit began and when the other writer let go (wall clock), so the test can show the two
   * met: a commit that began after the release would pass whatever its begin.
   */
  const pullWhileLocked = async (page: PullPage, holdMs = 1_000) => {
    const events: string[] = [];
    let released: Promise<number> | undefined;
    let commitStartedAt = Number.NaN;
    await pullChanges(
      local.sqlite,
      apiOf(async () => {
        ({ released } = await holdWriteLock(file, holdMs, events));
        return page;
      }),
      { onCommit: ({ heldMs }) => (commitStartedAt = Date.now() - heldMs) },
    );
    return { commitStartedAt, releasedAt: await released! };
  };
  const later = (cursor: string, deletions: PullPage['deletions']): PullPage => ({
    ...pageOf(0, cursor),
    records: [],
    deletions,
  });

  it("a customer's erasure (a page of deletions: it reads their orders first) waits, then deletes", async () => {
    const erased = local.sqlite.prepare('select id from customers limit 1').pluck().get() as string;
    const before = customerCount() as number;
    const { commitStartedAt, releasedAt } = await pullWhileLocked(
      later('2', [{ type: 'customer', id: erased }]),
    );
    expect(commitStartedAt).toBeLessThan(releasedAt);
    expect(customerCount()).toBe(before - 1);
    expect(
      local.sqlite.prepare('select 1 from customers where id = ?').get(erased),
    ).toBeUndefined();
    expect(stored('cursor')).toEqual({ value: '2' });
  });

  it('the periodic pull that finds nothing new (it reads the outreach note first) waits, then moves the cursor', async () => {
    const { commitStartedAt, releasedAt } = await pullWhileLocked(later('3', []));
    expect(commitStartedAt).toBeLessThan(releasedAt);
    expect(stored('cursor')).toEqual({ value: '3' });
    expect(stored('other_writer')).toEqual({ value: 'x' });
  });
});
