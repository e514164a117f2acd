import { rmSync } from 'node:fs';
import type Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../../../src/main/core/calls/desk-calls.repository';
import { openDatabase, openSqlite } from '../../../src/main/core/platform/connection';
import { startKoeCore } from '../../../src/main/core/koe-core';
import { DEMO_FEATURED_CUSTOMERS } from '../../../src/shared/demo/featured-customers';
import type { IpcEvents } from '../../../src/shared/ipc';
import { featuredCacheFolder, postRing } from './featured-cache';

const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;

/**
 * A background writer (the index rebuild after a bootstrap, a purge slice) holds the cache's one
 * write lock, here a second connection's open write transaction. The ring's card goes out all the
 * same: the desk writes the ringing call's row without waiting for the lock (a wait would hold
 * the core's thread in SQLite's busy handler, the card with it, and here past the busy timeout),
 * and the row is on disk as soon as the lock frees.
 */
describe('a ring while another connection holds the write lock', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function seededFile(): Promise<{ dataDir: string; file: string }> {
    const folder = await featuredCacheFolder('koe-ring-locked-');
    cleanups.push(() => rmSync(folder.dataDir, { recursive: true, force: true }));
    return folder;
  }

  /** The call desk as the core keeps it, on its own connection to the cache. */
  async function openDesk(file: string) {
    const database = await openDatabase({ filename: file });
    cleanups.push(() => database.close());
    const deskCalls = createDeskCallsRepository(database.sqlite);
    return { database, deskCalls, desk: createCallDesk({ persistence: deskCalls }) };
  }

  function holdWriteLock(file: string): Sqlite.Database {
    const other = openSqlite({ filename: file });
    cleanups.push(() => {
      if (other.inTransaction) other.prepare('rollback').run();
      other.close();
    });
    other.prepare('begin immediate').run();
    return other;
  }

  const rowsOf = (sqlite: Sqlite.Database, callId: string) =>
    (
      sqlite
        .prepare(
          `select json_extract(session, '$.state') as state from desk_calls where call_id = ?`,
        )
        .all(callId) as { state: string }[]
    ).map((row) => row.state);

  it("pops the caller's card, and writes the ringing call once the lock is free", async () => {
    const { dataDir, file } = await seededFile();
    const core = await startKoeCore({
      dataDir,
      appVersion: 'test',
      ctiPort: 0,
      predictions: false,
    });
    cleanups.push(() => core.close());
    const popped = new Promise<IpcEvents['calls:changed']>((resolve) =>
      core.events.subscribe((event, payload) => {
        if (event === 'calls:changed') resolve(payload as IpcEvents['calls:changed']);
      }),
    );
    const other = holdWriteLock(file);

    expect(await postRing(core, 'c-locked', TAKAHASHI.phone)).toBe(202);
    const change = await popped;
    expect(change.pop?.card?.customer.id).toBe(TAKAHASHI.customerId);
    // The lock is still held: the ring's row has not been written yet.
    expect(rowsOf(core.database.sqlite, 'c-locked')).toEqual([]);

    other.prepare('commit').run();
    // Written as soon as the lock frees: the core's close would otherwise write it.
    await expect
      .poll(() => rowsOf(core.database.sqlite, 'c-locked'), { timeout: 10_000 })
      .toEqual(['ringing']);
  }, 60_000);

  it('writes only the newest state of a call, in the order the calls came, and at close', async () => {
    const { file } = await seededFile();
    const { database, deskCalls, desk } = await openDesk(file);
    const other = holdWriteLock(file);

    expect(desk.apply({ type: 'ringing', callId: 'first', ani: '0312345678' }).ok).toBe(true);
    expect(desk.apply({ type: 'ended', callId: 'first' }).ok).toBe(true);
    expect(desk.apply({ type: 'ringing', callId: 'second', ani: '0312345679' }).ok).toBe(true);
    expect(desk.get('second')?.state).toBe('ringing');
    expect(rowsOf(database.sqlite, 'first')).toEqual([]);

    other.prepare('commit').run();
    await deskCalls.written();
    const order = database.sqlite
      .prepare(
        `select call_id, json_extract(session, '$.state') as state from desk_calls order by rowid`,
      )
      .all();
    expect(order).toEqual([
      { call_id: 'first', state: 'missed' },
      { call_id: 'second', state: 'ringing' },
    ]);

    // Held again at close: close waits for the lock like any write (here the holder lets go).
    other.prepare('begin immediate').run();
    desk.apply({ type: 'ended', callId: 'second' });
    expect(rowsOf(database.sqlite, 'second')).toEqual(['ringing']);
    other.prepare('commit').run();
    deskCalls.close();
    expect(rowsOf(database.sqlite, 'second')).toEqual(['missed']);
  }, 60_000);

  it('throws a write that fails for any reason but the lock, and keeps nothing of it', async () => {
    const { file } = await seededFile();
    const { database, deskCalls, desk } = await openDesk(file);
    database.sqlite.exec(
      `create trigger refuse_calls before insert on desk_calls begin select raise(abort, 'disk says no'); end`,
    );
    expect(() => desk.apply({ type: 'ringing', callId: 'refused', ani: '0312345678' })).toThrow(
      'disk says no',
    );
    expect(desk.get('refused')).toBeNull();
    database.sqlite.exec('drop trigger refuse_calls');
    expect(desk.apply({ type: 'ringing', callId: 'next', ani: '0312345678' }).ok).toBe(true);
    await deskCalls.written();
    expect(rowsOf(database.sqlite, 'next')).toEqual(['ringing']);
    expect(rowsOf(database.sqlite, 'refused')).toEqual([]);
  }, 60_000);
});
