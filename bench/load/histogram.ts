/**
 * A cumulative histogram of milliseconds in logarithmic buckets (10 a decade, 0.01 ms to
 * 1,000 s), small enough to write every second: two snapshots' difference is the window between
 * them, with its mean and percentiles (within a bucket's width, ±12 %).
 */
const PER_DECADE = 10;
const LOWEST = 0.01;
const BUCKETS = 8 * PER_DECADE + 1;

export interface HistogramJson {
  count: number;
  sum: number;
  /** Non-zero buckets: index → count. */
  buckets: Record<number, number>;
}

export class Histogram {
  private counts = new Array<number>(BUCKETS).fill(0);
  private count = 0;
  private sum = 0;

  add(ms: number): void {
    const index =
      ms <= LOWEST
        ? 0
        : Math.min(BUCKETS - 1, Math.ceil(Math.log10(ms / LOWEST) * PER_DECADE - 1e-9));
    this.counts[index]!++;
    this.count++;
    this.sum += ms;
  }

  toJSON(): HistogramJson {
    const buckets: Record<number, number> = {};
    this.counts.forEach((n, i) => {
      if (n > 0) buckets[i] = n;
    });
    return { count: this.count, sum: this.sum, buckets };
  }
}

/** What was added between two snapshots (`before` may be missing: from the start). */
export function histogramWindow(after: HistogramJson, before?: HistogramJson): HistogramJson {
  const buckets: Record<number, number> = {};
  for (const [i, n] of Object.entries(after.buckets)) {
    const d = n - (before?.buckets[Number(i)] ?? 0);
    if (d > 0) buckets[Number(i)] = d;
  }
  return {
    count: after.count - (before?.count ?? 0),
    sum: after.sum - (before?.sum ?? 0),
    buckets,
  };
}

/** The upper bound of the bucket holding the p-th percentile. */
export function histogramPercentile(h: HistogramJson, p: number): number {
  if (h.count === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * h.count);
  let seen = 0;
  const indexes = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of indexes) {
    seen += h.buckets[i]!;
    if (seen >= rank) return LOWEST * 10 ** (i / PER_DECADE);
  }
  return LOWEST * 10 ** (indexes.at(-1)! / PER_DECADE);
}

export function histogramMean(h: HistogramJson): number {
  return h.count === 0 ? Number.NaN : h.sum / h.count;
}
