import { z } from 'zod';
import type { Policy } from '../domain/guidance';

/**
 * Bulk-access policies (like transaction security policies): the retailer admin sets, per
 * policy, what is counted for one agent over a sliding window, the count it may reach, and what
 * happens once it goes past it. They travel as ordinary retailer policies of kind `bulk_access`
 * (the desk pulls them with the others), and the same evaluation runs on the desk at once
 * (offline too) and on the server from the synced audit (an edited desk cannot skip it).
 */
export const bulkAccessMetric = z.enum([
  /** Customers opened outside a live call (each opening counts). */
  'opened_outside_call',
  /** Reveals of a masked field. */
  'reveals',
  /** Distinct customers a search listed: a sweep through the customer base. */
  'search_sweep',
]);
export type BulkAccessMetric = z.infer<typeof bulkAccessMetric>;

export const bulkAccessAction = z.enum(['notify_supervisor', 'notify_admin', 'lock_desk']);
export type BulkAccessAction = z.infer<typeof bulkAccessAction>;

export const bulkAccessRule = z.object({
  policyId: z.string(),
  metric: bulkAccessMetric,
  /** It fires when the count goes past this ("more than N"). */
  threshold: z.number().int().min(0),
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  action: bulkAccessAction,
});
export type BulkAccessRule = z.infer<typeof bulkAccessRule>;

/** The active `bulk_access` policies that read; one that does not is ignored, not guessed. */
export function bulkAccessRulesFrom(policies: readonly Policy[]): BulkAccessRule[] {
  return policies.flatMap((p) => {
    if (!p.active || p.kind !== 'bulk_access') return [];
    const parsed = bulkAccessRule.safeParse({
      policyId: p.id,
      metric: p.params.metric,
      threshold: p.params.threshold,
      windowMinutes: p.params.windowMinutes,
      action: p.params.action,
    });
    return parsed.success ? [parsed.data] : [];
  });
}

/** What the evaluation reads of an audit row. */
export interface CountedAccess {
  kind: string;
  customerId: string | null;
  /** Whether a live call was on when the customer was opened (customer_opened only). */
  duringCall?: boolean;
  /** Search results' customer ids, comma separated (search only). */
  customerIds?: string | null;
}

/** The kinds a metric reads (to fetch only those rows). */
export const METRIC_KINDS: Record<BulkAccessMetric, string> = {
  opened_outside_call: 'customer_opened',
  reveals: 'pii_revealed',
  search_sweep: 'search',
};

/** The metric's count over one agent's rows of the window. */
export function countFor(metric: BulkAccessMetric, rows: readonly CountedAccess[]): number {
  const kind = METRIC_KINDS[metric];
  const mine = rows.filter((r) => r.kind === kind);
  if (metric === 'opened_outside_call') return mine.filter((r) => !r.duringCall).length;
  if (metric === 'reveals') return mine.length;
  const seen = new Set<string>();
  for (const r of mine)
    for (const customer of (r.customerIds ?? '').split(',')) if (customer) seen.add(customer);
  return seen.size;
}

/**
 * The window a firing belongs to: a policy fires at most once per agent and window, so a desk
 * that goes on past the threshold raises one alert, not one per access.
 */
export function firingWindowStart(at: string, windowMinutes: number): string {
  const ms = windowMinutes * 60_000;
  return new Date(Math.floor(Date.parse(at) / ms) * ms).toISOString();
}

export function windowSince(at: string, windowMinutes: number): string {
  return new Date(Date.parse(at) - windowMinutes * 60_000).toISOString();
}
