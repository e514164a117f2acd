import { randomUUID } from 'node:crypto';
import {
  bulkAccessPolicyList,
  bulkAccessPolicySave,
  bulkAccessPolicyView,
  bulkAccessPolicyViewOf,
  type BulkAccessPolicyView,
} from '../../../src/shared/access-audit/bulk-access-policies';
import type { Policy } from '../../../src/shared/domain/guidance';
import { policy as policySchema } from '../../../src/shared/domain/guidance';
import { applyChanges } from '../data/change-log';
import type { ServerDb } from '../db/schema';
import type { ServerStore } from '../db/connect';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

async function storedPolicies(db: ServerDb, tenantId: string): Promise<Policy[]> {
  const rows = await db
    .selectFrom('records')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('type', '=', 'policy')
    .where('deleted', '=', 0)
    .execute();
  return rows.flatMap((r) => {
    const parsed = policySchema.safeParse(JSON.parse(r.data));
    return parsed.success ? [parsed.data] : [];
  });
}

const viewsOf = (policies: Policy[]): BulkAccessPolicyView[] =>
  policies
    .flatMap((p) => bulkAccessPolicyViewOf(p) ?? [])
    .sort((a, b) => a.labelJa.localeCompare(b.labelJa, 'ja') || a.id.localeCompare(b.id));

/**
 * The retailer admin's bulk-access policies (the admin view): listed, created, changed and
 * switched off. Each is an ordinary `bulk_access` policy in the tenant's change log, so every
 * desk pulls it (told live) and the server evaluates it from the synced audit at once.
 * Switched off, not deleted: the incident records name the policy that fired.
 */
export function bulkAccessPolicyRoutes(deps: {
  store: ServerStore;
  notifier: ChangeNotifier;
}): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/admin/bulk-access-policies',
      summary: "The retailer's bulk-access policies, on and off (retailer admin)",
      roles: ['retailer_admin'],
      response: bulkAccessPolicyList,
      handler: async ({ principal }) => ({
        policies: viewsOf(await storedPolicies(db, principal.tenantId)),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/admin/bulk-access-policies',
      summary:
        'Create a bulk-access policy, or change or switch off one (by id); desks receive it through sync',
      roles: ['retailer_admin'],
      body: bulkAccessPolicySave,
      response: bulkAccessPolicyView,
      handler: async ({ principal, body }) => {
        const { id: given, labelJa, labelEn, active, ...params } = body;
        const result = await db.transaction().execute(async (trx) => {
          const policies = await storedPolicies(trx, principal.tenantId);
          const current = given ? policies.find((p) => p.id === given) : undefined;
          if (given && !current)
            throw new HttpError(404, 'not_found', 'No such policy for this retailer.');
          if (current && current.kind !== 'bulk_access')
            throw new HttpError(409, 'not_bulk_access', 'That policy is not a bulk-access policy.');
          const saved: Policy = {
            id: current?.id ?? `bulk-access-${randomUUID()}`,
            kind: 'bulk_access',
            labelJa,
            labelEn,
            params,
            active,
            // A change must not sort before the stored copy, or the change log skips it.
            updatedAt: laterThan(current?.updatedAt),
          };
          const applied = await applyChanges(
            trx,
            principal.tenantId,
            [{ type: 'policy', data: saved }],
            [],
          );
          return { applied, saved };
        });
        if (result.applied.lastSeq !== null)
          await deps.notifier.publish(principal.tenantId, result.applied.lastSeq);
        return bulkAccessPolicyViewOf(result.saved)!;
      },
    }),
  ];
}

/** Now, or a millisecond after `iso` if that is later (a clock behind a pushed policy). */
function laterThan(iso: string | undefined): string {
  const now = Date.now();
  const stored = iso ? Date.parse(iso) : Number.NaN;
  return new Date(Number.isFinite(stored) && stored >= now ? stored + 1 : now).toISOString();
}
