import { describe, expect, it } from 'vitest';
import { concurrencyGate } from '../../../server/src/http/concurrency-gate';

/** The pull gate: at most its limit at a time, the rest in arrival order, a failure frees its slot. */
describe('concurrencyGate', () => {
  it('runs at most its limit at a time and starts the waiting in arrival order', async () => {
    const gate = concurrencyGate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const works = Array.from({ length: 5 }, (_, i) =>
      gate(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return i;
      }),
    );
    // Let the first two start, then release one at a time: each release lets exactly one more in.
    for (let released = 0; released < 5; released++) {
      await new Promise((r) => setImmediate(r));
      releases[released]!();
    }
    expect(await Promise.all(works)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees the slot of a failed work', async () => {
    const gate = concurrencyGate(1);
    await expect(gate(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await gate(async () => 'next')).toBe('next');
  });
});
