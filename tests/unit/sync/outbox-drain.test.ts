import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutboxDrain } from '../../../src/main/core/sync/outbox-drain';

/** A drain the test finishes by hand, counting how often it ran. */
function handDrain() {
  const finishers: ((n: number) => void)[] = [];
  const drain = vi.fn(() => new Promise<number>((resolve) => finishers.push(resolve)));
  return {
    drain,
    finish: (n: number) => finishers.shift()?.(n),
    runs: () => drain.mock.calls.length,
  };
}

describe('the outbox drain shared by the desk’s small outboxes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs one drain at a time; a flush during one gets a fresh drain after it, and its count', async () => {
    const hand = handDrain();
    const outbox = createOutboxDrain({ drain: hand.drain, failure: 'failed', log: () => {} });
    const first = outbox.flush();
    const second = outbox.flush();
    const third = outbox.flush();
    expect(hand.runs()).toBe(1);
    hand.finish(2);
    expect(await first).toBe(2);
    // The two asked for meanwhile share one fresh drain, which sees what was recorded since.
    await vi.waitFor(() => expect(hand.runs()).toBe(2));
    hand.finish(5);
    expect(await second).toBe(5);
    expect(await third).toBe(5);
    expect(hand.runs()).toBe(2);
  });

  it('logs a drain that throws and counts it as nothing sent; the next flush drains again', async () => {
    const log = vi.fn();
    let fail = true;
    const outbox = createOutboxDrain({
      drain: async () => {
        if (fail) throw new Error('socket hang up');
        return 3;
      },
      failure: 'Sending alerts failed',
      log,
    });
    expect(await outbox.flush()).toBe(0);
    expect(log).toHaveBeenCalledWith('Sending alerts failed', expect.any(Error));
    fail = false;
    expect(await outbox.flush()).toBe(3);
  });

  it('retries after a backoff once, and a new record drains at once instead of waiting', async () => {
    vi.useFakeTimers();
    const drain = vi.fn(async () => 1);
    const outbox = createOutboxDrain({ drain, failure: 'failed', log: () => {} });
    outbox.retryLater(0);
    outbox.retryLater(0); // one wait, not two
    await vi.advanceTimersByTimeAsync(30_000);
    expect(drain).toHaveBeenCalledTimes(1);

    outbox.retryLater(10);
    outbox.kick();
    expect(drain).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(30_000);
    // The retry was dropped by the kick.
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('starts nothing once closed, and drops a waiting retry', async () => {
    vi.useFakeTimers();
    const drain = vi.fn(async () => 1);
    const outbox = createOutboxDrain({ drain, failure: 'failed', log: () => {} });
    outbox.retryLater(0);
    outbox.close();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await outbox.flush()).toBe(0);
    outbox.kick();
    expect(drain).not.toHaveBeenCalled();
  });
});
