import { describe, expect, it } from 'vitest';
import { concurrencyGate } from '../../../../server/src/http/concurrency-gate';

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

  it('admits by the limit as it stands at each admission: narrowed, none start; widened, the waiting start', async () => {
    let limit = 2;
    const gate = concurrencyGate(() => limit);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const works = Array.from({ length: 4 }, (_, i) =>
      gate(async () => {
        started.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
      }),
    );
    const settle = () => new Promise((r) => setImmediate(r));
    await settle();
    expect(started).toEqual([0, 1]);
    // Narrowed to one (a write is being stored): a finished work frees no slot while one runs.
    limit = 1;
    releases[0]!();
    await settle();
    expect(started).toEqual([0, 1]);
    // Widened again: admit() lets the waiting in at once, in arrival order.
    limit = 4;
    gate.admit();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const release of releases.slice(1)) release();
    await Promise.all(works);
  });
});
