import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyInterval, quarterOf } from '../../../../server/src/live/periodic-rounds';

/**
 * The loop behind presence expiry and alert escalation: one round at a time (a tick during a
 * slow round is skipped), a failure is logged and the next tick runs, stop waits for the round.
 * Fake timers: the ticks are the clock's, not the machine's speed.
 */
describe('everyInterval', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('skips a tick while a round still runs, and stop waits for that round', async () => {
    let started = 0;
    let finish: () => void = () => {};
    const rounds = everyInterval(
      100,
      () => {
        started++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      'round failed',
      () => {},
    );
    await vi.advanceTimersByTimeAsync(350);
    expect(started).toBe(1);
    let stopped = false;
    const stopping = rounds.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(1);
  });

  it('logs a failed round and runs the next one', async () => {
    const logged: string[] = [];
    let runs = 0;
    const rounds = everyInterval(
      100,
      async () => {
        runs++;
        if (runs === 1) throw new Error('database gone');
      },
      'round failed',
      (message) => logged.push(message),
    );
    await vi.advanceTimersByTimeAsync(250);
    expect(logged).toEqual(['round failed']);
    expect(runs).toBe(2);
    await rounds.stop();
  });

  it('looks four times per period, between 20 ms and 5 s', () => {
    expect(quarterOf(60_000)).toBe(5_000);
    expect(quarterOf(1_000)).toBe(250);
    expect(quarterOf(10)).toBe(20);
  });
});
