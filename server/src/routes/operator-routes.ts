import { z } from 'zod';
import type { CenterStatus } from '../auth/center-status';
import type { RevocationList } from '../auth/revocation-list';
import {
  addCenter,
  centerInput,
  disableCenter,
  disabledCenter,
  enableCenter,
  enabledCenter,
  listTenants,
  onboardedTenant,
  onboardTenant,
  tenantOnboardingRequest,
  tenantSummary,
} from '../data/tenant-onboarding';
import type { ServerStore } from '../db/connect';
import { defineRoute, type RouteSpec } from '../http/route';

/**
 * The operator's API: whoever runs this server for several retailers onboards them, as
 * `npm run server -- tenant …` does. Called with an operator key (`Authorization: Bearer
 * koe_op_…`, made by `npm run server -- operator create-key`), never with a retailer user's
 * token: no retailer role is listed here, and the operator role is listed on no retailer route.
 */
export function operatorRoutes({
  store,
  centers,
  revocations,
}: {
  store: ServerStore;
  centers: CenterStatus;
  revocations: RevocationList;
}): RouteSpec[] {
  const db = store.db;
  const params = (request: { params: unknown }) => request.params as Record<string, string>;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/operator/tenants',
      summary: 'List the retailers on this server with their centers',
      roles: ['operator'],
      response: z.object({ tenants: z.array(tenantSummary) }),
      handler: async () => ({ tenants: await listTenants(db) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/operator/tenants',
      summary:
        'Create a retailer with its centers and first admin (a generated password is answered once)',
      roles: ['operator'],
      body: tenantOnboardingRequest,
      response: onboardedTenant,
      rateLimitPerMinute: 30,
      handler: async ({ body }) => onboardTenant(db, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/operator/tenants/:tenantId/centers',
      summary: "Add a center to a retailer (a new partner center's contract)",
      roles: ['operator'],
      body: centerInput,
      response: z.object({ id: z.string(), name: z.string(), disabledAt: z.string().nullable() }),
      handler: async ({ body, request }) => addCenter(db, params(request).tenantId!, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/operator/tenants/:tenantId/centers/:centerId/disable',
      summary: 'Disable a center whose contract ended: its users can no longer sign in or sync',
      roles: ['operator'],
      response: disabledCenter,
      handler: async ({ request }) => {
        const { tenantId, centerId } = params(request);
        const disabled = await disableCenter(db, tenantId!, centerId!);
        centers.forget(disabled.id);
        // Its desks refused here from this answer on; the other processes on the commit's notice.
        await revocations.reload();
        return disabled;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/operator/tenants/:tenantId/centers/:centerId/enable',
      summary:
        'Enable a disabled center again (a renewed contract): its users can sign in again; its desks revoked at the disabling stay erased',
      roles: ['operator'],
      response: enabledCenter,
      errors: { '404': 'No such retailer or center (center_not_found)' },
      handler: async ({ request }) => {
        const { tenantId, centerId } = params(request);
        const enabled = await enableCenter(db, tenantId!, centerId!);
        centers.forget(enabled.id);
        return enabled;
      },
    }),
  ];
}
