import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/main/core/platform/connection';
import {
  retentionCutoff,
  startRetentionPurge,
} from '../../../src/main/core/erasure/retention-purge';
import { syncStateStore } from '../../../src/main/core/sync/sync-state';
import { NOW, PURGED, fillCache } from '../../fixtures/pii-fixture';

/**
 * The retention window moves on the desk's own clock: with no retailer in reach (no pull ever
 * runs here), the timer purges what fell out of the window the last pull described. Fake timers
 * drive the clock: the test asserts what the timer did, not how long it took.
 */
afterEach(() => vi.useRealTimers());

describe('the retention timer', () => {
  it('purges on its own, offline, as the window moves past the customers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const database = await openDatabase({
      filename: join(mkdtempSync(join(tmpdir(), 'koe-retention-')), 'koe.sqlite'),
    });
    await fillCache(database.sqlite, database.db);
    // The last pull (long ago) said: keep 730 days, purged up to 2019 so far.
    const state = syncStateStore(database.sqlite);
    state.set('purged_before', '2019-01-01');
    state.set('retention_days', '730');
    let busy = true;
    const purge = startRetentionPurge({
      sqlite: database.sqlite,
      now: () => NOW,
      firstDelayMs: 60_000,
      intervalMs: 900_000,
      isBusy: () => busy,
    });
    const customers = () =>
      (database.sqlite.prepare('select count(*) n from customers').get() as { n: number }).n;
    expect(customers()).toBe(PURGED + 20);
    // A call is on: the purge waits for it.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(customers()).toBe(PURGED + 20);
    busy = false;
    // The timer fires a minute on; its slices pause a few (fake) milliseconds each after that.
    await vi.advanceTimersByTimeAsync(70_000);
    expect(customers()).toBe(20);
    expect(state.get('purged_before')).toBe('2024-11-23');
    purge.close();
    await database.close();
  });

  it("drops customers inactive longer than the retailer's minimization allows", async () => {
    const database = await openDatabase({
      filename: join(mkdtempSync(join(tmpdir(), 'koe-minimize-')), 'koe.sqlite'),
    });
    await fillCache(database.sqlite, database.db);
    let days: number | null = 30;
    const purge = startRetentionPurge({
      sqlite: database.sqlite,
      now: () => NOW,
      firstDelayMs: 3_600_000,
      activeWithinDays: () => days,
    });
    const customers = () =>
      (database.sqlite.prepare('select count(*) n from customers').get() as { n: number }).n;
    // No retention window known (never pulled): only the minimization applies. 30 days: the
    // 150 unchanged since 2020 go; the 20 changed on 2026-11-01 stay.
    expect(await purge.runNow()).toMatchObject({ before: null, inactiveCustomers: PURGED });
    expect(customers()).toBe(20);
    // 10 days: those 20 were last active 22 days ago.
    days = 10;
    expect((await purge.runNow()).inactiveCustomers).toBe(20);
    expect(customers()).toBe(0);
    purge.close();
    await database.close();
  });

  it('works out the window from the later of the retailer date and its days', () => {
    const now = Date.parse('2026-12-06T00:00:00Z');
    expect(retentionCutoff('2025-01-01', 365, now)).toBe('2025-12-06');
    expect(retentionCutoff('2026-01-01', 365, now)).toBe('2026-01-01');
    expect(retentionCutoff(null, 30, now)).toBe('2026-11-06');
    expect(retentionCutoff('2025-01-01', null, now)).toBe('2025-01-01');
    expect(retentionCutoff(null, null, now)).toBeNull();
  });
});
