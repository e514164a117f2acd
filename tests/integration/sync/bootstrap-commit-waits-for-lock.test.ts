import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import type { OpenedPull, RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { generateDemoRecords } from '../../../src/shared/demo/generate-demo-records';
import type { PullPage } from '../../../src/shared/protocol/sync';

/**
 * A bootstrap's first write — dropping its search-only indexes, which reads the schema first —
 * waits for a write that holds the lock when it starts, and then succeeds. Begun deferred, its
 * read took a snapshot and its first write failed at once with SQLITE_BUSY whatever the busy
 * timeout ("database is locked" in the sync bench, 7 December: a re-bootstrap meeting a wrap-up
 * save). Begun IMMEDIATE it waits for the lock in the busy handler first. (The page commits
 * begin IMMEDIATE for the same reason; no test here goes red without that one: a page's first
 * statement that reads is not one this test could place before the other writer.) The other
 * writer is a thread of its own (this thread blocks in SQLite's busy handler while it waits),
 * as the core's connection is beside the sync worker's.
 */
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.exec('begin immediate');
db.prepare("insert into sync_state (key, value) values ('other_writer', 'x') on conflict (key) do update set value = excluded.value").run();
parentPort.postMessage('holding');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('commit');
db.close();
parentPort.postMessage('released');
`;

let dir: string;
let file: string;
let local: LocalDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-commit-lock-'));
  file = join(dir, 'koe.sqlite');
  local = await openDatabase({ filename: file });
}, 60_000);

afterAll(async () => {
  await local?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Another connection (a thread of its own) takes the write lock and commits after `holdMs`. */
async function holdTheLock(holdMs: number, events: string[]): Promise<{ released: Promise<void> }> {
  const holder = new Worker(HOLDER, { eval: true, workerData: { file, holdMs } });
  const released = new Promise<void>((done) =>
    holder.on('message', (message) => {
      if (message !== 'released') return;
      events.push('other writer committed');
      done();
    }),
  );
  await new Promise<void>((holding) =>
    holder.once('message', () => {
      events.push('other writer holds the lock');
      holding();
    }),
  );
  // In an object: an async function returning the promise itself would wait for it.
  return { released };
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

describe('a bootstrap meeting another writer', () => {
  it('waits for the lock to drop its search-only indexes, then stores the page', async () => {
    const events: string[] = [];
    // The lock is taken before the pull begins: the first thing a bootstrap writes is the
    // deferral of its indexes, which reads the schema first.
    const { released } = await holdTheLock(300, events);
    await pullChanges(
      local.sqlite,
      apiOf(async () => pageOf(40, '1')),
      {
        onCommit: () => events.push('page committed'),
      },
    );
    await released;
    expect(events).toContain('page committed');
    expect(local.sqlite.prepare('select count(*) as n from customers').get()).toEqual({ n: 40 });
    expect(stored('cursor')).toEqual({ value: '1' });
    expect(stored('other_writer')).toEqual({ value: 'x' });
  });
});
