import type { Policy } from '../../../src/shared/domain/guidance';
import { policy as policySchema } from '../../../src/shared/domain/guidance';
import {
  RISK_THRESHOLD_PARAMS,
  RISK_WEIGHT_PARAMS,
  riskThresholdsFrom,
  weightParams,
} from '../../../src/shared/guidance/risk-thresholds';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import {
  riskThresholds,
  riskThresholdsUpdate,
  type RiskThresholds,
} from '../../../src/shared/protocol/risk-thresholds';
import { applyChanges } from '../data/change-log';
import type { ServerDb } from '../db/schema';
import type { ServerStore } from '../db/connect';
import { defineRoute, type RouteSpec } from '../http/route';
import type { ChangeNotifier } from '../live/change-notifier';

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

/** The tenant's live policies, as the change log holds them. */
async function tenantPolicies(db: ServerDb, tenantId: string): Promise<Policy[]> {
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

/**
 * The retailer admin tunes the fraud and VIP thresholds. They are params of the retailer's
 * `claim_verification` and `vip_free_exchange` policies: a change is an ordinary policy change
 * in the tenant's change log, so every desktop pulls it (and is told to, live) like any other
 * record, and the guidance reads it from the synced policies. No table of its own, no client
 * migration, and a desktop that does not know a param ignores it.
 */
export function riskThresholdRoutes(deps: {
  store: ServerStore;
  notifier: ChangeNotifier;
}): RouteSpec[] {
  const db = deps.store.db;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/admin/risk-thresholds',
      summary: 'The fraud and VIP thresholds the desktops apply (retailer admin)',
      roles: ['retailer_admin'],
      response: riskThresholds,
      handler: async ({ principal }) =>
        riskThresholdsFrom(await tenantPolicies(db, principal.tenantId)),
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
        const result = await db.transaction().execute(async (trx) => {
          const policies = await tenantPolicies(trx, principal.tenantId);
          const changed = new Map<string, Policy>();
          const holder = (kind: keyof typeof HOLDERS): Policy =>
            changed.get(kind) ??
            policies.find((p) => p.active && p.kind === kind) ??
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
          // A change must not sort before the stored copy, or the change log skips it as stale.
          const records: RetailerRecord[] = [...changed.values()].map((p) => ({
            type: 'policy',
            data: { ...p, updatedAt: laterThan(p.updatedAt) },
          }));
          const applied = await applyChanges(trx, principal.tenantId, records, []);
          return { applied, policies: await tenantPolicies(trx, principal.tenantId) };
        });
        if (result.applied.lastSeq !== null) {
          await deps.notifier.publish(principal.tenantId, result.applied.lastSeq);
        }
        return riskThresholdsFrom(result.policies);
      },
    }),
  ];
}

/** Now, or a millisecond after `iso` if that is later (a clock behind a pushed policy). */
function laterThan(iso: string): string {
  const now = Date.now();
  const stored = Date.parse(iso);
  return new Date(Number.isFinite(stored) && stored >= now ? stored + 1 : now).toISOString();
}
