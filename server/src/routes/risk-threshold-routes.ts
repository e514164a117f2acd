import type { Policy } from '../../../src/shared/domain/guidance';
import {
  RISK_THRESHOLD_PARAMS,
  RISK_WEIGHT_PARAMS,
  riskThresholdsFrom,
  weightParams,
} from '../../../src/shared/guidance/risk-thresholds';
import {
  riskThresholds,
  riskThresholdsUpdate,
  type RiskThresholds,
  type RiskThresholdsUpdate,
} from '../../../src/shared/protocol/risk-thresholds';
import { changePolicies, tenantPolicies, type PolicyRouteDeps } from '../data/policies';
import { defineRoute, type RouteSpec } from '../http/route';

/** The policies that hold the thresholds, created with these when the retailer has none yet. */
const HOLDERS: Record<'claim_verification' | 'vip_free_exchange', Omit<Policy, 'updatedAt'>> = {
  claim_verification: {
    id: 'policy-claim-verification',
    kind: 'claim_verification',
    labelJa: '高リスク申告の本人確認・調査',
    labelEn: 'Verify claims from high-risk accounts',
    params: {},
    active: true,
  },
  vip_free_exchange: {
    id: 'policy-vip-free-exchange',
    kind: 'vip_free_exchange',
    labelJa: 'VIP会員は交換送料無料',
    labelEn: 'Free exchange for VIP members',
    params: {},
    active: true,
  },
};

/**
 * The retailer admin tunes the fraud and VIP thresholds. They are params of the retailer's
 * `claim_verification` and `vip_free_exchange` policies: a change is an ordinary policy change
 * in the tenant's change log, so every desktop pulls it (and is told to, live) like any other
 * record, and the guidance reads it from the synced policies. No table of its own, no client
 * migration, and a desktop that does not know a param ignores it.
 */
export function riskThresholdRoutes({ store, notifier }: PolicyRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/admin/risk-thresholds',
      summary: 'The fraud and VIP thresholds the desktops apply (retailer admin)',
      roles: ['retailer_admin'],
      response: riskThresholds,
      handler: async ({ principal }) =>
        riskThresholdsFrom(await tenantPolicies(store.db, principal.tenantId)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/admin/risk-thresholds',
      summary:
        'Tune the fraud and VIP thresholds and the fitted weights of the risk scores; desktops receive them through sync',
      roles: ['retailer_admin'],
      body: riskThresholdsUpdate,
      response: riskThresholds,
      handler: async ({ principal, body }) => {
        const { policies } = await changePolicies(
          store.db,
          notifier,
          principal.tenantId,
          (stored) => thresholdChanges(stored, body),
        );
        return riskThresholdsFrom(policies);
      },
    }),
  ];
}

/** The policies a thresholds update changes, each holder created when the retailer has none. */
function thresholdChanges(stored: Policy[], body: RiskThresholdsUpdate): Policy[] {
  const changed = new Map<string, Policy>();
  const holder = (kind: keyof typeof HOLDERS): Policy =>
    changed.get(kind) ??
    stored.find((p) => p.active && p.kind === kind) ??
    ({ ...HOLDERS[kind], updatedAt: new Date(0).toISOString() } satisfies Policy);
  for (const [key, value] of Object.entries(body) as [keyof RiskThresholds, unknown][]) {
    if (value === undefined) continue;
    if (key === 'claimRiskWeights' || key === 'returnAbuseWeights') {
      // Fitted weights: one param each; null removes them (back to the hand-set score).
      const { kind, features } = RISK_WEIGHT_PARAMS[key];
      const current = holder(kind);
      const params = { ...current.params };
      for (const [name, w] of Object.entries(
        weightParams(value as Parameters<typeof weightParams>[0], features),
      )) {
        if (w === undefined) delete params[name];
        else params[name] = w;
      }
      changed.set(kind, { ...current, params });
      continue;
    }
    const { kind, param } = RISK_THRESHOLD_PARAMS[key];
    const current = holder(kind);
    changed.set(kind, {
      ...current,
      params: { ...current.params, [param]: value as string | number },
    });
  }
  return [...changed.values()];
}
