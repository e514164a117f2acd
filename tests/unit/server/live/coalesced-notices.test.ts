import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeNotifier } from '../../../../server/src/live/change-notifier';
import { coalescedNotices, type ChangeNotice } from '../../../../server/src/live/coalesced-notices';
import { seededRandom } from '../../../../bench/lib/figures';

/**
 * A process's change notices, coalesced (coalesced-notices.ts): at most one per tenant per
 * interval, the first at once, the changes of an interval in one trailing notice with the
 * newest cursor. The clock is Vitest's: each notice is the event that proves it.
 */
describe('coalesced change notices', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-12-07T01:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  const heard = (notices: ReturnType<typeof coalescedNotices>, tenant = 't1') => {
    const got: ChangeNotice[] = [];
    notices.subscribe(tenant, (n) => got.push(n));
    return got;
  };

  it('announces the first change at once and the rest of the interval as one trailing notice', async () => {
    const notifier = await createChangeNotifier(null);
    const notices = coalescedNotices(notifier, {
      minIntervalMs: 1_000,
      pullsPerSecond: 1_000,
    });
    const got = heard(notices);
    await notifier.publish('t1', 5);
    expect(got.map((n) => n.cursor)).toEqual([5]);
    for (const cursor of [6, 9, 7]) await notifier.publish('t1', cursor);
    vi.advanceTimersByTime(999);
    expect(got.map((n) => n.cursor)).toEqual([5]);
    vi.advanceTimersByTime(1);
    // The newest cursor, not the last one heard (7 came after 9).
    expect(got.map((n) => n.cursor)).toEqual([5, 9]);
    // Nothing new: no notice at the next interval's end.
    vi.advanceTimersByTime(5_000);
    expect(got).toHaveLength(2);
    // After a quiet interval, at once again.
    await notifier.publish('t1', 10);
    expect(got.map((n) => n.cursor)).toEqual([5, 9, 10]);
    // A change that moves no cursor (the retention window) is announced too: desks pull it.
    vi.advanceTimersByTime(1_000);
    await notifier.publish('t1', 10);
    expect(got.map((n) => n.cursor)).toEqual([5, 9, 10, 10]);
    notices.close();
  });

  it('always announces the last change, whatever the timing of the changes', async () => {
    const random = seededRandom(15);
    for (let round = 0; round < 50; round++) {
      const notifier = await createChangeNotifier(null);
      const notices = coalescedNotices(notifier, { minIntervalMs: 200, pullsPerSecond: 1_000 });
      const got = heard(notices);
      let cursor = 0;
      let sent = 0;
      const changes = 1 + Math.floor(random() * 30);
      for (let i = 0; i < changes; i++) {
        vi.advanceTimersByTime(Math.floor(random() * 300));
        cursor += 1 + Math.floor(random() * 500);
        await notifier.publish('t1', cursor);
        sent++;
      }
      vi.advanceTimersByTime(200);
      expect(got.at(-1)?.cursor).toBe(cursor);
      // Coalesced: never more notices than changes, and cursors only move forward.
      expect(got.length).toBeLessThanOrEqual(sent);
      for (let i = 1; i < got.length; i++)
        expect(got[i]!.cursor).toBeGreaterThan(got[i - 1]!.cursor);
      notices.close();
    }
  });

  it('spreads the pulls and widens the interval with the desks this process holds', async () => {
    const notifier = await createChangeNotifier(null);
    const notices = coalescedNotices(notifier, {
      minIntervalMs: 1_000,
      pullsPerSecond: 2,
      maxIntervalMs: 15_000,
    });
    const desks = Array.from({ length: 8 }, () => heard(notices));
    const other = heard(notices, 't2');
    await notifier.publish('t1', 1);
    // 8 desks at 2 pulls a second: spread over 4 s, and the next notice 4 s later.
    expect(desks.map((d) => d.at(-1))).toEqual(desks.map(() => ({ cursor: 1, spreadMs: 4_000 })));
    await notifier.publish('t1', 2);
    vi.advanceTimersByTime(3_999);
    expect(desks[0]!.map((n) => n.cursor)).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(desks.every((d) => d.at(-1)?.cursor === 2)).toBe(true);
    // Another tenant hears nothing of it.
    expect(other).toEqual([]);
    notices.close();
  });

  it('stops listening for a tenant once its last stream is gone', async () => {
    const notifier = await createChangeNotifier(null);
    const notices = coalescedNotices(notifier, { minIntervalMs: 1_000, pullsPerSecond: 1_000 });
    const got: ChangeNotice[] = [];
    const unsubscribe = notices.subscribe('t1', (n) => got.push(n));
    await notifier.publish('t1', 1);
    await notifier.publish('t1', 2);
    unsubscribe();
    vi.advanceTimersByTime(2_000);
    expect(got.map((n) => n.cursor)).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
