import { redactPaymentData } from '../../../src/shared/guidance/redact-payment-data';
import {
  policyFiring,
  type AlertPush,
  type FloorAlert,
  type IncidentEntry,
  type IncidentStage,
  type PolicyFiringView,
} from '../../../src/shared/protocol/supervisor-alerts';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { IncidentEventTable, ServerDatabase, ServerDb } from '../db/schema';
import { enqueueIncidentDeliveries } from '../webhooks/webhook-queue';

/** Who raised the alerts (from the access token). */
export interface AlertAuthor {
  tenantId: string;
  agentId: string;
  centerId: string;
}

/**
 * Records each pushed alert as an incident stage: `raised` the first time the retailer hears of
 * it, `updated` when the desk pushes a later protocol stage (the call ended under the protocol),
 * a duplicate otherwise. The note is redacted here too: a desk that did not redact (an old one,
 * an edited one) still never puts a card number in the incident record.
 */
export async function recordAlerts(
  db: ServerDb,
  author: AlertAuthor,
  alerts: readonly AlertPush[],
  now: string,
): Promise<{ id: string; status: 'accepted' | 'duplicate'; stage: IncidentStage | null }[]> {
  const results: { id: string; status: 'accepted' | 'duplicate'; stage: IncidentStage | null }[] =
    [];
  for (const alert of alerts) {
    const existing = await db
      .selectFrom('incident_events')
      .select(['agent_id', 'stage', 'protocol_stage'])
      .where('tenant_id', '=', author.tenantId)
      .where('alert_id', '=', alert.id)
      .where('stage', 'in', ['raised', 'updated'])
      .execute();
    // Another agent's alert id: never a stage of their incident.
    const theirs = existing.some((e) => e.agent_id !== author.agentId);
    const sameStage = existing.some((e) => e.protocol_stage === alert.protocolStage);
    if (theirs || sameStage) {
      results.push({ id: alert.id, status: 'duplicate', stage: null });
      continue;
    }
    const stage: IncidentStage = existing.length === 0 ? 'raised' : 'updated';
    const inserted = await db
      .insertInto('incident_events')
      .values({
        tenant_id: author.tenantId,
        event_key: `${alert.id}:${stage}:${alert.protocolStage ?? 'help'}`,
        alert_id: alert.id,
        stage,
        kind: alert.kind,
        agent_id: author.agentId,
        center_id: author.centerId,
        call_id: alert.callId,
        customer_id: alert.customerId,
        protocol_stage: alert.protocolStage,
        note: redactPaymentData(alert.note).text,
        raised_at: alert.raisedAt,
        actor_id: null,
        actor_name: null,
        at: now,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'event_key']).doNothing())
      .executeTakeFirst();
    const accepted = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    results.push({
      id: alert.id,
      status: accepted ? 'accepted' : 'duplicate',
      stage: accepted ? stage : null,
    });
  }
  return results;
}

/**
 * An alert the server raises itself for an agent (a bulk-access policy that fired): the same
 * incident record as a desk's alert, so it reaches the center's supervisors on the same path.
 * `escalated`: the policy's action is to tell the retailer admin, at once.
 */
export async function recordServerAlert(
  db: ServerDb,
  author: AlertAuthor,
  alert: {
    id: string;
    kind: 'bulk_access';
    note: string;
    policy: PolicyFiringView;
    escalated: boolean;
  },
  now: string,
): Promise<void> {
  const raised: IncidentEventTable = {
    tenant_id: author.tenantId,
    event_key: `${alert.id}:raised:${alert.kind}`,
    alert_id: alert.id,
    stage: 'raised',
    kind: alert.kind,
    agent_id: author.agentId,
    center_id: author.centerId,
    call_id: null,
    customer_id: null,
    protocol_stage: null,
    note: alert.note,
    raised_at: now,
    actor_id: null,
    actor_name: null,
    at: now,
    policy: JSON.stringify(alert.policy),
  };
  await db.insertInto('incident_events').values(raised).execute();
  if (alert.escalated) {
    await db
      .insertInto('incident_events')
      .values(stageRow(raised, 'escalated', null, now))
      .execute();
    await announceEscalation(db, author.tenantId, alert.id);
  }
}

/**
 * The retailer admin's webhook subscribers hear an escalation (`incident.escalated`), queued
 * with the handle that wrote the stage: in one transaction, an escalation recorded always has
 * its deliveries.
 */
async function announceEscalation(db: ServerDb, tenantId: string, alertId: string) {
  const alerts = await readAlerts(db, { tenantId }, { alertIds: [alertId] });
  await enqueueIncidentDeliveries(db, tenantId, alerts);
}

/**
 * A supervisor (or the retailer admin) takes the alert. The first one wins: the stage's key is
 * the alert's, so a second taker — on this process or another — inserts nothing.
 */
export async function acknowledgeAlert(
  db: ServerDb,
  tenantId: string,
  alertId: string,
  actor: { id: string; name: string },
  now: string,
): Promise<boolean> {
  const raised = await db
    .selectFrom('incident_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('alert_id', '=', alertId)
    .where('stage', '=', 'raised')
    .executeTakeFirst();
  if (!raised) return false;
  const inserted = await db
    .insertInto('incident_events')
    .values(stageRow(raised, 'acknowledged', { id: actor.id, name: actor.name }, now))
    .onConflict((oc) => oc.columns(['tenant_id', 'event_key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Escalates every alert raised at least `afterMs` ago that nobody acknowledged: one
 * `escalated` stage each (the key makes it once, whichever process's timer gets there first).
 * Answers the alerts this call escalated, to be announced.
 */
export async function escalateOverdue(
  db: Kysely<ServerDatabase>,
  afterMs: number,
  nowMs: number,
): Promise<{ tenantId: string; alertId: string }[]> {
  const cutoff = new Date(nowMs - afterMs).toISOString();
  const overdue = await db
    .selectFrom('incident_events as r')
    .selectAll('r')
    .where('r.stage', '=', 'raised')
    .where('r.at', '<=', cutoff)
    .where(noEventYetAt(['acknowledged', 'escalated']))
    .limit(500)
    .execute();
  const escalated: { tenantId: string; alertId: string }[] = [];
  const at = new Date(nowMs).toISOString();
  for (const raised of overdue) {
    const recorded = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('incident_events')
        .values(stageRow(raised, 'escalated', null, at))
        .onConflict((oc) => oc.columns(['tenant_id', 'event_key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await announceEscalation(trx, raised.tenant_id, raised.alert_id);
      return true;
    });
    if (recorded) escalated.push({ tenantId: raised.tenant_id, alertId: raised.alert_id });
  }
  return escalated;
}

function stageRow(
  raised: IncidentEventTable,
  stage: 'acknowledged' | 'escalated',
  actor: { id: string; name: string } | null,
  at: string,
): IncidentEventTable {
  return {
    ...raised,
    event_key: `${raised.alert_id}:${stage}`,
    stage,
    // The stage's own row: the note stays with the desk's stages.
    note: '',
    actor_id: actor?.id ?? null,
    actor_name: actor?.name ?? null,
    at,
  };
}

/** Which alerts a reader sees: an agent their own, a supervisor their center, an admin all. */
export interface AlertScope {
  tenantId: string;
  agentId?: string;
  centerId?: string;
}

/** The alerts received since `since` (or the ones named), folded from their stages. */
export async function readAlerts(
  db: ServerDb,
  scope: AlertScope,
  filter: { since: string } | { alertIds: readonly string[] },
): Promise<FloorAlert[]> {
  let ids: string[];
  if ('alertIds' in filter) ids = [...filter.alertIds];
  else {
    const raised = await db
      .selectFrom('incident_events')
      .select('alert_id')
      .where('tenant_id', '=', scope.tenantId)
      .where('stage', '=', 'raised')
      .where('at', '>=', filter.since)
      .$if(scope.centerId !== undefined, (q) => q.where('center_id', '=', scope.centerId!))
      .$if(scope.agentId !== undefined, (q) => q.where('agent_id', '=', scope.agentId!))
      .orderBy('at', 'desc')
      .limit(500)
      .execute();
    ids = raised.map((r) => r.alert_id);
  }
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('incident_events as e')
    .leftJoin('users as u', (j) =>
      j.onRef('u.id', '=', 'e.agent_id').onRef('u.tenant_id', '=', 'e.tenant_id'),
    )
    .selectAll('e')
    .select('u.display_name as agent_name')
    .where('e.tenant_id', '=', scope.tenantId)
    .where('e.alert_id', 'in', ids)
    .$if(scope.centerId !== undefined, (q) => q.where('e.center_id', '=', scope.centerId!))
    .$if(scope.agentId !== undefined, (q) => q.where('e.agent_id', '=', scope.agentId!))
    .orderBy('e.at')
    .execute();
  const byAlert = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byAlert.get(row.alert_id) ?? [];
    list.push(row);
    byAlert.set(row.alert_id, list);
  }
  const alerts: FloorAlert[] = [];
  for (const id of ids) {
    const stages = byAlert.get(id);
    const raised = stages?.find((s) => s.stage === 'raised');
    if (!stages || !raised) continue;
    const latest = [...stages]
      .reverse()
      .find((s) => s.stage === 'raised' || s.stage === 'updated')!;
    const ack = stages.find((s) => s.stage === 'acknowledged');
    const escalated = stages.find((s) => s.stage === 'escalated');
    alerts.push({
      id,
      kind: raised.kind as FloorAlert['kind'],
      agentId: raised.agent_id,
      agentName: raised.agent_name ?? raised.agent_id,
      centerId: raised.center_id,
      callId: raised.call_id,
      customerId: raised.customer_id,
      protocolStage: latest.protocol_stage as FloorAlert['protocolStage'],
      note: latest.note,
      raisedAt: raised.raised_at,
      receivedAt: raised.at,
      acknowledged: ack
        ? { by: ack.actor_id ?? '', byName: ack.actor_name ?? '', at: ack.at }
        : null,
      escalatedAt: escalated?.at ?? null,
      policy: policyOf(raised.policy),
      stages: stages.map((s): IncidentEntry => ({
        stage: s.stage as IncidentStage,
        at: s.at,
        protocolStage: s.protocol_stage as IncidentEntry['protocolStage'],
        actorId: s.actor_id,
        actorName: s.actor_name,
      })),
    });
  }
  return alerts;
}

/** A stored policy firing, or null (a desk's alert; a row that does not read is not guessed). */
function policyOf(stored: string | null): PolicyFiringView | null {
  if (stored === null) return null;
  try {
    const parsed = policyFiring.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * For a query over `incident_events as r`: the alert of `r` has no event at any of `stages` yet
 * (nobody has taken it, say).
 */
export function noEventYetAt(stages: readonly IncidentStage[]) {
  return ({
    not,
    exists,
    selectFrom,
  }: ExpressionBuilder<ServerDatabase & { r: IncidentEventTable }, 'r'>) =>
    not(
      exists(
        selectFrom('incident_events as later')
          .select('later.alert_id')
          .whereRef('later.tenant_id', '=', 'r.tenant_id')
          .whereRef('later.alert_id', '=', 'r.alert_id')
          .where('later.stage', 'in', [...stages]),
      ),
    );
}
