import { sql } from 'kysely';
import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';
import { centerMinimumVersionQuery } from '../routes/update-feed-routes';
import { policyLocksQuery } from './floor-presence';

/** What a pull checks and announces before it reads a page, read together. */
export interface PullContext {
  /** The tenant's latest change (the page's `headCursor`, and the shared page's key). */
  head: number;
  /** The oldest date of customer history desks may keep (null: no such tenant). */
  purgeBefore: string | null;
  /** The desk version the puller's center requires, if any. */
  minimumVersion: string | null;
  /** Whether a bulk-access policy holds this agent's customer data locked. */
  policyLocked: boolean;
}

/**
 * One statement for the four reads every pull makes before its page (the tenant's head and
 * retention, the center's minimum version, the agent's policy lock). Every desk pulls after
 * every batch, so these ran thousands of times a minute as four round trips each; in the load
 * test the pulls were almost all of the server's statements, and each statement's socket write
 * and query building a fifth of a server process's CPU (see server/README.md, load test).
 */
export async function readPullContext(db: ServerDb, principal: Principal): Promise<PullContext> {
  const { tenantId, centerId } = principal;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('tenant_sequences')
        .select('value')
        .where('tenant_id', '=', tenantId)
        .as('head'),
      eb.selectFrom('tenants').select('retention_days').where('id', '=', tenantId).as('retention'),
      (centerId === null
        ? sql<string | null>`null`
        : centerMinimumVersionQuery(db, tenantId, centerId)
      ).as('minimum_version'),
      // Only an agent's desk is ever locked by a policy.
      principal.role === 'agent'
        ? eb.exists(policyLocksQuery(db, tenantId, [principal.userId])).as('policy_locked')
        : sql<boolean>`0`.as('policy_locked'),
    ])
    .executeTakeFirstOrThrow();
  const retention = row.retention === null ? null : Number(row.retention);
  return {
    head: Number(row.head ?? 0),
    purgeBefore:
      retention === null
        ? null
        : new Date(Date.now() - retention * 86_400_000).toISOString().slice(0, 10),
    minimumVersion: row.minimum_version ?? null,
    // PostgreSQL answers a boolean, SQLite 0 or 1.
    policyLocked: Boolean(Number(row.policy_locked)),
  };
}
