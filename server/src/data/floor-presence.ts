import type { FloorAgent, FloorPresence } from '../../../src/shared/protocol/supervisor-alerts';
import {
  DESK_LOCKED_BY_POLICY_CODE,
  DESK_LOCKED_BY_POLICY_STATUS,
} from '../../../src/shared/protocol/access-audit';
import type { Principal } from '../auth/access-tokens';
import type { ServerDb } from '../db/schema';
import { HttpError } from '../http/route';
import { noEventYetAt } from './incidents';
import type { UpdateFeedTables } from '../routes/update-feed-routes';

/** How long a desk may stay silent (no stream heartbeat, no report) before it shows offline. */
export const DEFAULT_PRESENCE_EXPIRY_MS = 45_000;

export function presenceExpiryMs(configured?: number): number {
  const value =
    configured ?? Number(process.env.KOE_PRESENCE_EXPIRY_MS ?? DEFAULT_PRESENCE_EXPIRY_MS);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`KOE_PRESENCE_EXPIRY_MS must be a positive number of milliseconds: ${value}`);
  return value;
}

/** The note a `lock_desk` policy's alert starts with (see bulkAccessNote in access-audit-routes). */
export const LOCK_DESK_NOTE_PREFIX = '[lock_desk]';

export interface DeskOf {
  tenantId: string;
  agentId: string;
  centerId: string;
}

/**
 * These agents' desks were heard from now. Answers the desks the floor had been told were gone
 * (or had never heard of), so the caller announces them back. Two statements for any number of
 * desks: every open event stream reports its desk every few seconds, and at 2,000 desks one
 * round trip and commit per report held the database pool (see live/presence-writes.ts).
 */
export async function touchPresence(
  db: ServerDb,
  desks: readonly DeskOf[],
  now: string,
): Promise<DeskOf[]> {
  if (desks.length === 0) return [];
  const present = new Set<string>();
  for (const [tenantId, agents] of groupBy(desks, (d) => d.tenantId)) {
    const rows = await db
      .selectFrom('agent_presence')
      .select('agent_id')
      .where('tenant_id', '=', tenantId)
      .where(
        'agent_id',
        'in',
        agents.map((d) => d.agentId),
      )
      .where('offline_announced_at', 'is', null)
      .execute();
    for (const r of rows) present.add(`${tenantId}/${r.agent_id}`);
  }
  await db
    .insertInto('agent_presence')
    .values(
      desks.map((desk) => ({
        tenant_id: desk.tenantId,
        agent_id: desk.agentId,
        center_id: desk.centerId,
        seen_at: now,
        offline_announced_at: null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'agent_id']).doUpdateSet((eb) => ({
        center_id: eb.ref('excluded.center_id'),
        seen_at: eb.ref('excluded.seen_at'),
        offline_announced_at: null,
      })),
    )
    .execute();
  return desks.filter((d) => !present.has(`${d.tenantId}/${d.agentId}`));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * The desks silent since before `cutoff` that the floor has not been told about: each is marked
 * announced and returned, once, whichever server process's timer gets there first (the update's
 * condition is the lock: a second process updates nothing).
 */
export async function expireSilentDesks(
  db: ServerDb,
  cutoff: string,
  now: string,
): Promise<{ tenantId: string; agentId: string }[]> {
  const rows = await db
    .updateTable('agent_presence')
    .set({ offline_announced_at: now })
    .where('seen_at', '<', cutoff)
    .where('offline_announced_at', 'is', null)
    .returning(['tenant_id', 'agent_id'])
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, agentId: r.agent_id }));
}

/**
 * The agents whose customer data a `lock_desk` bulk-access policy holds locked: its alert was
 * raised and no supervisor has taken it yet. The server's own record, so a desk that ignores
 * its lock is still refused (api-routes) and shown locked on the floor.
 */
export async function policyLockedAgents(
  db: ServerDb,
  tenantId: string,
  agentIds?: readonly string[],
): Promise<Set<string>> {
  if (agentIds && agentIds.length === 0) return new Set();
  const rows = await policyLocksQuery(db, tenantId, agentIds).execute();
  return new Set(rows.map((r) => r.agent_id));
}

/** The raised, untaken `lock_desk` alerts of a tenant (or of some agents), not run. */
export function policyLocksQuery(db: ServerDb, tenantId: string, agentIds?: readonly string[]) {
  return db
    .selectFrom('incident_events as r')
    .select('r.agent_id')
    .where('r.tenant_id', '=', tenantId)
    .$if(agentIds !== undefined, (q) => q.where('r.agent_id', 'in', agentIds!))
    .where('r.kind', '=', 'bulk_access')
    .where('r.stage', '=', 'raised')
    .where('r.note', 'like', `${LOCK_DESK_NOTE_PREFIX}%`)
    .where(noEventYetAt(['acknowledged']));
}

/**
 * Refuses customer data (the pull, the agent's own records) to an agent a `lock_desk` policy
 * holds locked: the desk locks itself too, but an edited desk could ignore that.
 */
export async function refusePolicyLocked(db: ServerDb, principal: Principal): Promise<void> {
  if (principal.role !== 'agent') return;
  const locked = await policyLockedAgents(db, principal.tenantId, [principal.userId]);
  refuseIfPolicyLocked(locked.has(principal.userId));
}

/** The refusal itself, for a caller that read the lock with other things (the pull). */
export function refuseIfPolicyLocked(locked: boolean): void {
  if (locked)
    throw new HttpError(
      DESK_LOCKED_BY_POLICY_STATUS,
      DESK_LOCKED_BY_POLICY_CODE,
      "A bulk-access policy locked this agent's customer data until a supervisor takes its alert on the floor.",
    );
}

/**
 * What the floor shows of whether a desk is there. A policy's lock is the server's own record
 * and shows whatever the desk says; otherwise a desk not heard from within the expiry is
 * offline (its last reported state and lock may be stale), and a desk heard from lately is
 * locked when it says so.
 */
export function presenceOf(input: {
  seenAt: string | null;
  deskLocked: boolean;
  policyLocked: boolean;
  nowMs: number;
  expiryMs: number;
}): FloorPresence {
  if (input.policyLocked) return 'locked';
  if (input.seenAt === null || Date.parse(input.seenAt) < input.nowMs - input.expiryMs)
    return 'offline';
  return input.deskLocked ? 'locked' : 'online';
}

/** The floor's agents in a scope (or one agent), with their state, version and presence. */
export async function readFloorAgents(
  db: ServerDb,
  scope: { tenantId: string; centerId?: string; agentId?: string },
  nowMs: number,
  expiryMs: number,
): Promise<FloorAgent[]> {
  const rows = await db
    .selectFrom('agent_states as s')
    .leftJoin('users as u', (j) =>
      j.onRef('u.id', '=', 's.agent_id').onRef('u.tenant_id', '=', 's.tenant_id'),
    )
    .leftJoin('agent_presence as p', (j) =>
      j.onRef('p.agent_id', '=', 's.agent_id').onRef('p.tenant_id', '=', 's.tenant_id'),
    )
    .select([
      's.agent_id',
      's.center_id',
      's.status',
      's.reason',
      's.since',
      's.desk_locked',
      'u.display_name',
      'p.seen_at',
    ])
    .where('s.tenant_id', '=', scope.tenantId)
    .$if(scope.centerId !== undefined, (q) => q.where('s.center_id', '=', scope.centerId!))
    .$if(scope.agentId !== undefined, (q) => q.where('s.agent_id', '=', scope.agentId!))
    .orderBy('u.display_name')
    .execute();
  if (rows.length === 0) return [];
  // The version each agent's desk last reported (a supervisor sees who still runs an old Koe).
  const desks = await db
    .withTables<UpdateFeedTables>()
    .selectFrom('update_desks')
    .select(['user_id', 'version'])
    .where('tenant_id', '=', scope.tenantId)
    .$if(scope.centerId !== undefined, (q) => q.where('center_id', '=', scope.centerId!))
    .$if(scope.agentId !== undefined, (q) => q.where('user_id', '=', scope.agentId!))
    .orderBy('reported_at')
    .execute();
  const versions = new Map(desks.map((d) => [d.user_id, d.version]));
  const locked = await policyLockedAgents(
    db,
    scope.tenantId,
    rows.map((r) => r.agent_id),
  );
  return rows.map((r): FloorAgent => ({
    agentId: r.agent_id,
    agentName: r.display_name ?? r.agent_id,
    centerId: r.center_id,
    status: r.status as FloorAgent['status'],
    reason: r.reason as FloorAgent['reason'],
    since: r.since,
    version: versions.get(r.agent_id) ?? null,
    presence: presenceOf({
      seenAt: r.seen_at ?? null,
      deskLocked: Number(r.desk_locked) === 1,
      policyLocked: locked.has(r.agent_id),
      nowMs,
      expiryMs,
    }),
    seenAt: r.seen_at ?? null,
  }));
}
