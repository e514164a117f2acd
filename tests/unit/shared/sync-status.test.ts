import { describe, expect, it } from 'vitest';
import { pullProgress } from '../../../src/shared/sync-status';

const START = Date.parse('2026-12-06T09:00:00.000Z');
const span = (cursor: number, from = 1_000, head = 11_000) => ({
  fromCursor: from,
  cursor,
  headCursor: head,
  startedAt: new Date(START).toISOString(),
});

describe('a pull’s progress', () => {
  it('is the share of the announced span done, and the time left at the pace so far', () => {
    // A quarter of the way in two minutes: six more to go.
    const progress = pullProgress(span(3_500), START + 120_000);
    expect(progress?.fraction).toBe(0.25);
    expect(progress?.remainingMs).toBe(360_000);
  });

  it('gives no time left until the pace is measured, and never goes past done', () => {
    expect(pullProgress(span(1_100), START + 5_000)).toEqual({ fraction: 0.01, remainingMs: null });
    expect(pullProgress(span(12_000), START + 5_000)?.fraction).toBe(1);
  });

  it('shows nothing without a span, or with nothing to pull', () => {
    expect(pullProgress(null, START)).toBeNull();
    expect(pullProgress(span(1_000, 1_000, 1_000), START)).toBeNull();
  });
});
