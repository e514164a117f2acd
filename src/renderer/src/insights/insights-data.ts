import type { InsightsResponse } from '../../../shared/protocol/insights';

/** Reasons drawn as their own series; the rest are summed as "other". */
export const TOP_REASONS = 6;
export const OTHER = '__other';

export const SERIES_COLORS = [
  'blue.6',
  'teal.6',
  'orange.6',
  'grape.6',
  'red.6',
  'cyan.7',
  'gray.5',
] as const;

/** The window of the view's range choice (shared with the tests, which ask for the same). */
export { lastWeeks } from '../../../shared/protocol/insights';

/** The reasons with the most calls in the window, largest first. */
export function topReasons(response: InsightsResponse, limit = TOP_REASONS): string[] {
  const totals = new Map<string, number>();
  for (const d of response.drivers) totals.set(d.reason, (totals.get(d.reason) ?? 0) + d.count);
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([reason]) => reason);
}

/** One row per bucket, a column per top reason and one for the rest: the stacked area chart. */
export function driverRows(
  response: InsightsResponse,
  top: readonly string[],
): Record<string, string | number>[] {
  const rows = new Map<string, Record<string, string | number>>();
  for (const a of response.avoidable) {
    rows.set(a.bucket, {
      bucket: a.bucket,
      ...Object.fromEntries(top.map((r) => [r, 0])),
      [OTHER]: 0,
    });
  }
  for (const d of response.drivers) {
    const row = rows.get(d.bucket);
    if (!row) continue;
    const key = top.includes(d.reason) ? d.reason : OTHER;
    row[key] = (row[key] as number) + d.count;
  }
  return [...rows.values()];
}

export interface ReasonSummary {
  reason: string;
  count: number;
  share: number;
  /** Calls in the last bucket against the one before; null with fewer than two buckets. */
  change: number | null;
}

/** Every reason of the window with its total, share, and the last bucket's change. */
export function reasonSummaries(response: InsightsResponse): ReasonSummary[] {
  const buckets = response.avoidable.map((a) => a.bucket);
  const last = buckets[buckets.length - 1];
  const previous = buckets[buckets.length - 2];
  const totals = new Map<string, { count: number; last: number; previous: number }>();
  for (const d of response.drivers) {
    const t = totals.get(d.reason) ?? { count: 0, last: 0, previous: 0 };
    t.count += d.count;
    if (d.bucket === last) t.last += d.count;
    if (d.bucket === previous) t.previous += d.count;
    totals.set(d.reason, t);
  }
  return [...totals]
    .map(([reason, t]) => ({
      reason,
      count: t.count,
      share: response.total ? t.count / response.total : 0,
      change: previous === undefined ? null : t.last - t.previous,
    }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Avoidable share per bucket, in percent. */
export function avoidableRows(response: InsightsResponse): { bucket: string; share: number }[] {
  return response.avoidable.map((a) => ({
    bucket: a.bucket,
    share: a.count ? Math.round((a.avoidable / a.count) * 1000) / 10 : 0,
  }));
}

export const percent = (value: number, digits = 0) => `${(value * 100).toFixed(digits)}%`;
