import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import {
  bulkAccessRulesFrom,
  countFor,
  firingWindowStart,
  METRIC_KINDS,
  windowSince,
  type BulkAccessRule,
} from '../../../src/shared/access-audit/bulk-access-policies';
import { redactPaymentData } from '../../../src/shared/guidance/redact-payment-data';
import type {
  AccessEntry,
  AccessKind,
  AccessPush,
  AccessPushStatus,
  AccessQuery,
} from '../../../src/shared/protocol/access-audit';
import type { AccessAuditTable, ServerDb } from '../db/schema';
import { tenantPolicies } from './policies';

/** Whose accesses these are (from the access token, never the body). */
export interface AccessAuthor {
  tenantId: string;
  agentId: string;
  centerId: string | null;
}

/** What a reader may see: a tenant, or one center of it. */
export interface AccessScope {
  tenantId: string;
  centerId?: string;
}

type Detail = Record<string, string | number | boolean | null>;

/** Strings of the detail pass the payment redaction: no card number reaches the audit. */
function redactDetail(detail: Detail): Detail {
  const out: Detail = {};
  for (const key of Object.keys(detail).sort()) {
    const value = detail[key]!;
    out[key] = typeof value === 'string' ? redactPaymentData(value).text : value;
  }
  return out;
}

/** The row's content as first recorded: what a later push under the same id must match. */
export function accessContentHash(entry: {
  kind: string;
  customerId: string | null;
  callId: string | null;
  detail: Detail;
  at: string;
}): string {
  const canonical = JSON.stringify([
    entry.kind,
    entry.customerId,
    entry.callId,
    Object.entries(entry.detail).sort(([a], [b]) => (a < b ? -1 : 1)),
    entry.at,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends the desk's accesses. A new id is written; the same id with the same content is a
 * duplicate (a replay after a lost answer); the same id with another content is a conflict,
 * refused and counted — whatever the desk now says, the first row stays.
 */
export async function recordAccesses(
  db: ServerDb,
  author: AccessAuthor,
  entries: readonly AccessPush[],
  receivedAt: string,
): Promise<{ id: string; status: AccessPushStatus }[]> {
  const results: { id: string; status: AccessPushStatus }[] = [];
  for (const entry of entries) {
    const detail = redactDetail(entry.detail);
    const hash = accessContentHash({ ...entry, detail });
    const inserted = await db
      .insertInto('access_audit')
      .values({
        tenant_id: author.tenantId,
        id: entry.id,
        kind: entry.kind,
        agent_id: author.agentId,
        center_id: author.centerId,
        customer_id: entry.customerId,
        call_id: entry.callId,
        detail: JSON.stringify(detail),
        content_hash: hash,
        at: entry.at,
        received_at: receivedAt,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      results.push({ id: entry.id, status: 'accepted' });
      continue;
    }
    const stored = await db
      .selectFrom('access_audit')
      .select(['content_hash', 'agent_id'])
      .where('tenant_id', '=', author.tenantId)
      .where('id', '=', entry.id)
      .executeTakeFirst();
    if (stored && stored.content_hash === hash && stored.agent_id === author.agentId) {
      results.push({ id: entry.id, status: 'duplicate' });
      continue;
    }
    await db
      .insertInto('access_audit_conflicts')
      .values({
        tenant_id: author.tenantId,
        entry_id: entry.id,
        agent_id: author.agentId,
        center_id: author.centerId,
        content_hash: hash,
        at: receivedAt,
      })
      .execute();
    results.push({ id: entry.id, status: 'conflict' });
  }
  return results;
}

/** An access the server itself saw (an export, a studio publication): its own id. */
export async function recordServerAccess(
  db: ServerDb,
  author: AccessAuthor,
  kind: Extract<AccessKind, 'export' | 'studio_published'>,
  detail: Detail,
): Promise<void> {
  const at = new Date().toISOString();
  const safe = redactDetail(detail);
  await db
    .insertInto('access_audit')
    .values({
      tenant_id: author.tenantId,
      id: crypto.randomUUID(),
      kind,
      agent_id: author.agentId,
      center_id: author.centerId,
      customer_id: null,
      call_id: null,
      detail: JSON.stringify(safe),
      content_hash: accessContentHash({ kind, customerId: null, callId: null, detail: safe, at }),
      at,
      received_at: at,
    })
    .execute();
}

/** An action of a signed-in user the server records in the audit itself, as its `kind`. */
function auditOf(kind: 'studio_published' | 'export') {
  return (
    db: ServerDb,
    principal: { tenantId: string; userId: string; centerId: string | null },
    detail: Detail,
  ): Promise<void> =>
    recordServerAccess(
      db,
      { tenantId: principal.tenantId, agentId: principal.userId, centerId: principal.centerId },
      kind,
      detail,
    );
}

/** A studio publication (or rollback), recorded for the audit once it is published. */
export const auditPublication = auditOf('studio_published');

/** A VoC (or audit) export, recorded before its first row leaves. */
export const auditExport = auditOf('export');

export interface AccessFilters extends Omit<AccessQuery, 'limit'> {
  /** Keyset: rows after this (at, id), for the streamed export. */
  after?: { at: string; id: string };
}

/** The audit in a scope, filtered, in (at, id) order (newest first unless `ascending`). */
export async function readAccesses(
  db: ServerDb,
  scope: AccessScope,
  filters: AccessFilters,
  options: { limit: number; ascending?: boolean },
): Promise<AccessEntry[]> {
  const order = options.ascending ? 'asc' : 'desc';
  const rows = await db
    .selectFrom('access_audit')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .$if(scope.centerId !== undefined, (q) => q.where('center_id', '=', scope.centerId!))
    .$if(filters.agentId !== undefined, (q) => q.where('agent_id', '=', filters.agentId!))
    .$if(filters.customerId !== undefined, (q) => q.where('customer_id', '=', filters.customerId!))
    .$if(filters.kind !== undefined, (q) => q.where('kind', '=', filters.kind!))
    .$if(filters.from !== undefined, (q) => q.where('at', '>=', filters.from!))
    .$if(filters.to !== undefined, (q) => q.where('at', '<', filters.to!))
    .$if(filters.after !== undefined, (q) =>
      q.where((eb) =>
        eb(eb.refTuple('at', 'id'), '>', eb.tuple(filters.after!.at, filters.after!.id)),
      ),
    )
    .orderBy('at', order)
    .orderBy('id', order)
    .limit(options.limit)
    .execute();
  return rows.map(accessEntryOf);
}

export async function countConflicts(db: ServerDb, scope: AccessScope): Promise<number> {
  const row = await db
    .selectFrom('access_audit_conflicts')
    .select(sql<number>`count(*)`.as('n'))
    .where('tenant_id', '=', scope.tenantId)
    .$if(scope.centerId !== undefined, (q) => q.where('center_id', '=', scope.centerId!))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function accessEntryOf(row: AccessAuditTable): AccessEntry {
  return {
    id: row.id,
    kind: row.kind as AccessKind,
    agentId: row.agent_id,
    centerId: row.center_id,
    customerId: row.customer_id,
    callId: row.call_id,
    detail: JSON.parse(row.detail) as Detail,
    at: row.at,
    receivedAt: row.received_at,
  };
}

/** The tenant's bulk-access rules, from its synced policies. */
export async function tenantBulkAccessRules(
  db: ServerDb,
  tenantId: string,
): Promise<BulkAccessRule[]> {
  return bulkAccessRulesFrom(await tenantPolicies(db, tenantId));
}

export interface PolicyFiring {
  rule: BulkAccessRule;
  agentId: string;
  centerId: string | null;
  count: number;
  at: string;
}

/** The agent's accesses a rule counts: of its metric's kind, in its window that ends at `at`. */
async function accessesCounted(
  db: ServerDb,
  author: AccessAuthor,
  rule: BulkAccessRule,
  at: string,
) {
  const rows = await db
    .selectFrom('access_audit')
    .select(['kind', 'customer_id', 'detail'])
    .where('tenant_id', '=', author.tenantId)
    .where('agent_id', '=', author.agentId)
    .where('kind', '=', METRIC_KINDS[rule.metric])
    .where('at', '>', windowSince(at, rule.windowMinutes))
    .where('at', '<=', at)
    .execute();
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as Detail;
    return {
      kind: r.kind,
      customerId: r.customer_id,
      duringCall: detail.duringCall === true,
      customerIds: typeof detail.customerIds === 'string' ? detail.customerIds : null,
    };
  });
}

/**
 * Evaluates the rules for one agent over the window that ends at `at` (the newest access
 * pushed), from the rows on the server: a desk that records nothing locally, or evaluates
 * nothing, is still counted here. A rule fires once per agent and window (the firing's key).
 */
export async function evaluateBulkAccess(
  db: ServerDb,
  author: AccessAuthor,
  rules: readonly BulkAccessRule[],
  at: string,
): Promise<PolicyFiring[]> {
  const fired: PolicyFiring[] = [];
  for (const rule of rules) {
    const count = countFor(rule.metric, await accessesCounted(db, author, rule, at));
    if (count <= rule.threshold) continue;
    const inserted = await db
      .insertInto('access_policy_firings')
      .values({
        tenant_id: author.tenantId,
        firing_key: `${rule.policyId}:${author.agentId}:${firingWindowStart(at, rule.windowMinutes)}`,
        policy_id: rule.policyId,
        agent_id: author.agentId,
        center_id: author.centerId,
        metric: rule.metric,
        action: rule.action,
        count,
        threshold: rule.threshold,
        at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'firing_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
      fired.push({ rule, agentId: author.agentId, centerId: author.centerId, count, at });
  }
  return fired;
}
