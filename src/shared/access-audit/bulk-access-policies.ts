import { z } from 'zod';
import type { Policy } from '../domain/guidance';
import { id, isoDateTime, oneLine } from '../domain/primitives';

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

/** The window a policy counts over: a minute to a day. */
const bulkAccessWindowMinutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);

export const bulkAccessRule = z.object({
  policyId: z.string(),
  /** The policy's name as the retailer admin wrote it: what a supervisor reads on an alert. */
  labelJa: z.string(),
  labelEn: z.string(),
  metric: bulkAccessMetric,
  /** It fires when the count goes past this ("more than N"). */
  threshold: z.number().int().min(0),
  windowMinutes: bulkAccessWindowMinutes,
  action: bulkAccessAction,
});
export type BulkAccessRule = z.infer<typeof bulkAccessRule>;

/** The active `bulk_access` policies that read; one that does not is ignored, not guessed. */
export function bulkAccessRulesFrom(policies: readonly Policy[]): BulkAccessRule[] {
  return policies.flatMap((p) => {
    if (!p.active || p.kind !== 'bulk_access') return [];
    const parsed = bulkAccessRule.safeParse({
      policyId: p.id,
      labelJa: p.labelJa,
      labelEn: p.labelEn,
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

/**
 * A bulk-access policy as the retailer admin edits it (admin view, `/v1/admin/bulk-access-
 * policies`): the rule's fields, its names in both languages, and whether it is on. The same
 * bounds as the rule the desks and the server evaluate, so nothing saved is later ignored.
 */
export const bulkAccessPolicyFields = z
  .object({
    labelJa: oneLine(200).pipe(z.string().trim().min(1)),
    labelEn: oneLine(200).pipe(z.string().trim().min(1)),
    metric: bulkAccessMetric,
    threshold: z.number().int().min(0).max(100_000),
    windowMinutes: bulkAccessWindowMinutes,
    action: bulkAccessAction,
    active: z.boolean(),
  })
  .strict();
export type BulkAccessPolicyFields = z.infer<typeof bulkAccessPolicyFields>;

/** Saving one: with the id of the policy it changes, or none for a new one. */
export const bulkAccessPolicySave = bulkAccessPolicyFields.extend({ id: id.optional() }).strict();
export type BulkAccessPolicySave = z.infer<typeof bulkAccessPolicySave>;

export const bulkAccessPolicyView = bulkAccessPolicyFields.extend({
  id: z.string(),
  updatedAt: isoDateTime,
});
export type BulkAccessPolicyView = z.infer<typeof bulkAccessPolicyView>;

export const bulkAccessPolicyList = z.object({ policies: z.array(bulkAccessPolicyView) });

/** A stored `bulk_access` policy as the admin view shows it (null: not one, or unreadable). */
export function bulkAccessPolicyViewOf(policy: Policy): BulkAccessPolicyView | null {
  if (policy.kind !== 'bulk_access') return null;
  const parsed = bulkAccessPolicyView.safeParse({
    id: policy.id,
    updatedAt: policy.updatedAt,
    labelJa: policy.labelJa,
    labelEn: policy.labelEn,
    metric: policy.params.metric,
    threshold: policy.params.threshold,
    windowMinutes: policy.params.windowMinutes,
    action: policy.params.action,
    active: policy.active,
  });
  return parsed.success ? parsed.data : null;
}
