import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openDatabase,
  openSqlite,
  type LocalDatabase,
} from '../../../src/main/core/platform/connection';
import { createLocalEraser, scrubDeletedBytes } from '../../../src/main/core/erasure/local-erasure';
import { createRecordRemover } from '../../../src/main/core/erasure/remove-records';
import { startKoeCore } from '../../../src/main/core/koe-core';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';
import {
  CUTOFF,
  NOW,
  PURGED,
  fillCache,
  findInFolder,
  keptStrings,
  kept,
  purged,
  purgedStrings,
  retentionPurgeAtNow,
} from '../../fixtures/pii-fixture';

/**
 * Erased means erased, read from the disk: a real cache file holding 1,050 known personal
 * strings of 150 customers out of the retention window (and 140 of 20 customers inside it) is
 * purged by the desk's retention timer; then the raw bytes of every file in the data folder —
 * database, write-ahead log, shared-memory index, anything else — are searched for each string
 * (UTF-8). A SIGKILL in the middle of a purge leaves the old state or the new one, and the next
 * purge leaves no byte either.
 */
const CHILD = join(import.meta.dirname, 'purge-child.ts');
const open: LocalDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close().catch(() => undefined);
});

/**
 * A cache holding the customers. `legacy`: written as Koe wrote caches before secure_delete
 * (deleted bytes left in place), so only the one-time vacuum can clean it; otherwise written
 * with secure_delete on and already vacuumed once, so the purge itself must leave no bytes.
 */
async function cacheWithPii(options: { legacy?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'koe-erase-'));
  const file = join(dir, 'koe.sqlite');
  const database = await openDatabase({ filename: file });
  open.push(database);
  if (options.legacy) database.sqlite.pragma('secure_delete = OFF');
  await fillCache(database.sqlite, database.db);
  if (options.legacy) database.sqlite.pragma('secure_delete = ON');
  else syncStateStore(database.sqlite).set('erasure_vacuumed', new Date(NOW).toISOString());
  // Some of it reaches the database file, the rest stays in the log: both must be scrubbed.
  database.sqlite.pragma('wal_checkpoint(PASSIVE)');
  database.sqlite
    .prepare(`update customers set tier = 'silver' where id in (select id from customers limit 40)`)
    .run();
  // The retailer's window, as the last pull left it (730 days).
  const state = syncStateStore(database.sqlite);
  state.set('purged_before', CUTOFF);
  state.set('retention_days', '730');
  return { dir, file, database };
}

const count = (database: LocalDatabase, sql: string) =>
  (database.sqlite.prepare(sql).get() as { n: number }).n;

describe('erasure on a real cache file', () => {
  it('the retention purge leaves none of 1,050 purged strings in any file of the folder', async () => {
    const { dir, database } = await cacheWithPii();
    // The scan finds what is there: every string, before the purge.
    const before = new Set(findInFolder(dir, purgedStrings).map((f) => f.split(' in ')[0]));
    expect(before.size).toBe(purgedStrings.length);
    // Another connection is open on the file, as the sync worker's is.
    const worker = openSqlite({ filename: database.sqlite.name });
    try {
      const purge = retentionPurgeAtNow(database.sqlite);
      const run = await purge.runNow();
      purge.close();
      expect(run.before).toBe('2024-11-23');
      expect(run.counts).toMatchObject({ vocRecords: 50, auditRows: 50, deskCalls: 50 });
      expect(run.scrub?.complete).toBe(true);
    } finally {
      worker.close();
    }
    expect(count(database, 'select count(*) n from customers')).toBe(20);
    expect(findInFolder(dir, purgedStrings)).toEqual([]);
    // What is inside the window is still there, so the scan could have found it.
    expect(new Set(findInFolder(dir, keptStrings).map((f) => f.split(' in ')[0])).size).toBe(
      keptStrings.length,
    );
  });

  it('the first purge of a cache written before secure_delete rewrites it: no bytes left', async () => {
    const { dir, database } = await cacheWithPii({ legacy: true });
    // Bytes deleted before this version (a customer's old address, replaced by the retailer).
    database.sqlite.pragma('secure_delete = OFF');
    createRecordRemover(database.sqlite).remove([{ type: 'customer', id: 'cus-erase-160' }]);
    database.sqlite.pragma('secure_delete = ON');
    const purge = retentionPurgeAtNow(database.sqlite);
    const run = await purge.runNow();
    expect(run.scrub).toMatchObject({ complete: true, vacuumed: true });
    expect(findInFolder(dir, [...purgedStrings, ...(kept[10]?.strings ?? [])])).toEqual([]);
    // Once per file: the next run does not rewrite it again.
    expect((await purge.runNow()).scrub?.vacuumed).toBe(false);
    purge.close();
  });

  it('sign-out with wipe leaves no customer in any file, and keeps an unsent wrap-up', async () => {
    const { dir, database } = await cacheWithPii();
    database.sqlite
      .prepare(
        `insert into outbox (kind, entity_id, payload, created_at) values ('voc_record', 'v-unsent', '{}', ?)`,
      )
      .run(new Date(NOW).toISOString());
    createLocalEraser(database.sqlite).wipeCustomerData();
    expect(scrubDeletedBytes(database.sqlite).complete).toBe(true);
    expect(findInFolder(dir, [...purgedStrings, ...keptStrings])).toEqual([]);
    expect(count(database, `select count(*) n from outbox where state = 'pending'`)).toBe(1);
    expect(syncStateStore(database.sqlite).get('cursor')).toBeNull();
  });

  it('the sign-out channel wipes through the IPC router, and refuses during a call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-erase-core-'));
    const core = await startKoeCore({
      dataDir: dir,
      appVersion: 'test',
      ctiPort: false,
      predictions: false,
    });
    try {
      await fillCache(core.database.sqlite, core.database.db);
      expect(await core.router.handle('retailer:signOut', { wipe: true })).toEqual({
        ok: true,
        value: { wiped: true, scrubbed: true },
      });
      expect(findInFolder(dir, [...purgedStrings, ...keptStrings])).toEqual([]);
      // On a call (or in its wrap-up) the agent finishes first: nothing is wiped under it.
      expect((await core.router.handle('calls:start', { phone: '090-1234-5678' })).ok).toBe(true);
      expect(await core.router.handle('retailer:signOut', { wipe: true })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      await core.close();
    }
  });

  it.each(['mid', 'committed'] as const)(
    'a SIGKILL %s-purge leaves the old or the new state, and the next purge leaves no bytes',
    async (stage) => {
      const { dir, file, database } = await cacheWithPii();
      await database.close();
      open.splice(open.indexOf(database), 1);
      await killChildAt(file, stage);

      const reopened = await openDatabase({ filename: file });
      open.push(reopened);
      const left = count(reopened, `select count(*) n from customers where id like 'cus-erase-%'`);
      const phones = count(reopened, 'select count(*) n from customer_phones');
      if (stage === 'mid') {
        // Rolled back whole: all 150 and their phones, as before the purge began.
        expect(left).toBe(PURGED + 20);
        expect(phones).toBe(PURGED + 20);
      } else {
        expect(left).toBe(20);
        expect(phones).toBe(20);
      }
      const purge = retentionPurgeAtNow(reopened.sqlite);
      expect((await purge.runNow()).scrub?.complete).toBe(true);
      purge.close();
      expect(count(reopened, 'select count(*) n from customers')).toBe(20);
      expect(findInFolder(dir, purgedStrings)).toEqual([]);
      expect(purged).toHaveLength(PURGED);
    },
    30_000,
  );
});

/** Runs purge-child.ts until it reports `stage`, then SIGKILLs it. */
function killChildAt(file: string, stage: 'mid' | 'committed'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, stage], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${stage}\n`) && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && out.includes(`${stage}\n`)) resolve();
      else reject(new Error(`purge child ended without reaching ${stage}: ${out} ${err}`));
    });
  });
}
