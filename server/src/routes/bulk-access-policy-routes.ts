import { randomUUID } from 'node:crypto';
import {
  bulkAccessPolicyList,
  bulkAccessPolicySave,
  bulkAccessPolicyView,
  bulkAccessPolicyViewOf,
  type BulkAccessPolicyView,
} from '../../../src/shared/access-audit/bulk-access-policies';
import type { Policy } from '../../../src/shared/domain/guidance';
import { changePolicies, tenantPolicies, type PolicyRouteDeps } from '../data/policies';
import { defineRoute, HttpError, type RouteSpec } from '../http/route';

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
export function bulkAccessPolicyRoutes({ store, notifier }: PolicyRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/admin/bulk-access-policies',
      summary: "The retailer's bulk-access policies, on and off (retailer admin)",
      roles: ['retailer_admin'],
      response: bulkAccessPolicyList,
      handler: async ({ principal }) => ({
        policies: viewsOf(await tenantPolicies(store.db, principal.tenantId)),
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
        const { written } = await changePolicies(
          store.db,
          notifier,
          principal.tenantId,
          (stored) => {
            const current = given ? stored.find((p) => p.id === given) : undefined;
            if (given && !current)
              throw new HttpError(404, 'not_found', 'No such policy for this retailer.');
            if (current && current.kind !== 'bulk_access')
              throw new HttpError(
                409,
                'not_bulk_access',
                'That policy is not a bulk-access policy.',
              );
            const saved: Policy = {
              id: current?.id ?? `bulk-access-${randomUUID()}`,
              kind: 'bulk_access',
              labelJa,
              labelEn,
              params,
              active,
              // Dated after the stored copy by changePolicies.
              updatedAt: current?.updatedAt ?? new Date(0).toISOString(),
            };
            return [saved];
          },
        );
        return bulkAccessPolicyViewOf(written[0]!)!;
      },
    }),
  ];
}
