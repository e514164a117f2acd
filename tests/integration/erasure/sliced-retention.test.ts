import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCallDesk } from '../../../src/main/core/calls/call-desk';
import { createDeskCallsRepository } from '../../../src/main/core/calls/desk-calls.repository';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { startRetentionPurge } from '../../../src/main/core/erasure/retention-purge';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';
import { NOW, PURGED, KEPT, fillCache } from '../../fixtures/pii-fixture';

/**
 * The desk's retention purge runs on the thread that answers a ring, so it purges in short
 * transactions and yields between them: a ring that arrives mid-purge is written at once (no
 * transaction is open while the purge waits) and stops the purge; the rest goes at the next run.
 * The pause is the test's hook: it runs exactly where the purge hands the thread back.
 */
async function cache() {
  const database = await openDatabase({
    filename: join(mkdtempSync(join(tmpdir(), 'koe-sliced-purge-')), 'koe.sqlite'),
  });
  await fillCache(database.sqlite, database.db);
  const state = syncStateStore(database.sqlite);
  state.set('purged_before', '2019-01-01');
  state.set('retention_days', '730');
  const customers = () =>
    (database.sqlite.prepare('select count(*) n from customers').get() as { n: number }).n;
  return { database, state, customers };
}

describe('the retention purge in slices', () => {
  it('hands the thread back between slices: a ring mid-purge is written at once and stops it', async () => {
    const { database, state, customers } = await cache();
    const deskCalls = createDeskCallsRepository(database.sqlite, { now: () => NOW });
    const desk = createCallDesk({ now: () => NOW, persistence: deskCalls });
    let pauses = 0;
    let openDuringPause = false;
    const purge = startRetentionPurge({
      sqlite: database.sqlite,
      now: () => NOW,
      firstDelayMs: 3_600_000,
      isBusy: () => desk.isCallActive(),
      slices: {
        slice: 10,
        pause: async () => {
          pauses++;
          openDuringPause ||= database.sqlite.inTransaction;
          // The phone system rings after the third slice: the desk writes the call now.
          if (pauses === 3) {
            const rang = desk.apply({
              type: 'ringing',
              callId: 'ring-mid-purge',
              ani: '0312345678',
            });
            expect(rang.ok).toBe(true);
          }
        },
      },
    });
    const stopped = await purge.runNow();
    expect(openDuringPause).toBe(false);
    // The ring is on disk, and the purge stopped at the next slice, leaving the rest.
    expect(
      database.sqlite
        .prepare(`select count(*) n from desk_calls where call_id = 'ring-mid-purge'`)
        .get(),
    ).toEqual({ n: 1 });
    expect(stopped.complete).toBe(false);
    expect(pauses).toBe(3);
    expect(customers()).toBeGreaterThan(KEPT);
    expect(state.get('purged_before')).toBe('2019-01-01');

    // The call ends and is wrapped up: the next run finishes the purge.
    desk.apply({ type: 'ended', callId: 'ring-mid-purge' });
    desk.saveWrapUp('ring-mid-purge', () => undefined);
    const done = await purge.runNow();
    expect(done).toMatchObject({ complete: true, before: '2024-11-23' });
    expect(done.scrub?.complete).toBe(true);
    expect(customers()).toBe(KEPT);
    expect(state.get('purged_before')).toBe('2024-11-23');
    // Many short transactions, not one: 150 customers' orders, contacts and rows in tens.
    expect(pauses).toBeGreaterThan(PURGED / 10);
    purge.close();
    await database.close();
  });

  it('lets other work on the thread run while it purges', async () => {
    const { database, customers } = await cache();
    const purge = startRetentionPurge({
      sqlite: database.sqlite,
      now: () => NOW,
      firstDelayMs: 3_600_000,
      slices: { slice: 10 },
    });
    const running = purge.runNow();
    // Queued behind the purge's start: it runs at the purge's first pause, not after the purge.
    const seenMidway = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(customers()), 0),
    );
    await running;
    expect(seenMidway).toBeGreaterThan(KEPT);
    expect(seenMidway).toBeLessThan(PURGED + KEPT + 1);
    expect(customers()).toBe(KEPT);
    purge.close();
    await database.close();
  });
});
