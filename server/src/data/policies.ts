import { policy as policySchema, type Policy } from '../../../src/shared/domain/guidance';
import type { ServerStore } from '../db/connect';
import type { ServerDb } from '../db/schema';
import type { ChangeNotifier } from '../live/change-notifier';
import { applyChanges } from './change-log';

/** What the admin's policy routes (risk thresholds, bulk-access policies) are given. */
export interface PolicyRouteDeps {
  store: ServerStore;
  notifier: ChangeNotifier;
}

/**
 * The tenant's live policies, as the change log holds them (the admin's policy screens and the
 * server's own bulk-access check read the same). A record that no longer parses as a policy (a
 * kind this server does not know) is passed over, as the desks pass it over.
 */
export async function tenantPolicies(db: ServerDb, tenantId: string): Promise<Policy[]> {
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
 * Changes some of the tenant's policies in one transaction: `decide` is given the stored ones
 * and answers the changed ones (it may throw an HttpError to refuse). Each is dated after its
 * stored copy, or the change log would skip it as stale; desks are told at once. Answers what
 * was written and the tenant's policies after it.
 */
export async function changePolicies(
  db: ServerDb,
  notifier: ChangeNotifier,
  tenantId: string,
  decide: (stored: Policy[]) => Policy[],
): Promise<{ written: Policy[]; policies: Policy[] }> {
  const result = await db.transaction().execute(async (trx) => {
    const stored = await tenantPolicies(trx, tenantId);
    const written = decide(stored).map((p) => ({
      ...p,
      updatedAt: laterThan(stored.find((s) => s.id === p.id)?.updatedAt ?? p.updatedAt),
    }));
    const records = written.map((data) => ({ type: 'policy' as const, data }));
    const applied = await applyChanges(trx, tenantId, records, []);
    return { applied, written, policies: await tenantPolicies(trx, tenantId) };
  });
  if (result.applied.lastSeq !== null) await notifier.publish(tenantId, result.applied.lastSeq);
  return { written: result.written, policies: result.policies };
}

/** Now, or a millisecond after `iso` if that is later (a clock behind a pushed policy). */
function laterThan(iso: string | undefined): string {
  const now = Date.now();
  const stored = iso ? Date.parse(iso) : Number.NaN;
  return new Date(Number.isFinite(stored) && stored >= now ? stored + 1 : now).toISOString();
}
