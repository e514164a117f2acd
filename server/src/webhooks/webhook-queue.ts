import { sql } from 'kysely';
import type { VocRecord } from '../../../src/shared/domain/voc';
import type { FloorAlert } from '../../../src/shared/protocol/supervisor-alerts';
import type {
  IncidentWebhookPayload,
  WebhookEvent,
  WebhookPayload,
} from '../../../src/shared/protocol/webhooks';
import { uuidV7 } from '../../../src/shared/uuid-v7';
import type { ServerDialect } from '../db/connect';
import type { ServerDatabase, ServerDb } from '../db/schema';
import type { Kysely } from 'kysely';

/** A stored VoC record that webhooks announce: new (`voc.created`) or corrected (`voc.updated`). */
export interface VocEvent {
  event: WebhookEvent;
  record: VocRecord;
  receivedAt: string;
}

/** A stored VoC record that webhooks announce: new (`voc.created`) or corrected (`voc.updated`). */
export async function enqueueVocDeliveries(
  db: ServerDb,
  tenantId: string,
  events: readonly VocEvent[],
  now = new Date(),
): Promise<number> {
  return enqueueDeliveries(
    db,
    tenantId,
    events.map((e) => ({
      event: e.event,
      subjectId: e.record.id,
      payload: (id: string, createdAt: string): WebhookPayload => ({
        id,
        type: e.event as WebhookPayload['type'],
        createdAt,
        data: { record: { ...e.record, receivedAt: e.receivedAt } },
      }),
    })),
    now,
  );
}

/**
 * An incident escalated to the retailer admin (a `notify_admin` policy, an alert no supervisor
 * took): its subscribers hear it as `incident.escalated`, with the incident as the floor shows it.
 */
export async function enqueueIncidentDeliveries(
  db: ServerDb,
  tenantId: string,
  alerts: readonly FloorAlert[],
  now = new Date(),
): Promise<number> {
  return enqueueDeliveries(
    db,
    tenantId,
    alerts.map((alert) => ({
      event: 'incident.escalated' as const,
      subjectId: alert.id,
      payload: (id: string, createdAt: string): IncidentWebhookPayload => ({
        id,
        type: 'incident.escalated',
        createdAt,
        data: { alert },
      }),
    })),
    now,
  );
}

/**
 * Queues one delivery per (event, subscribed webhook) of the tenant. Called with the handle that
 * stored the subject: inside the same transaction, a stored record (or incident stage) always
 * has its deliveries queued, and a restart between the two cannot lose one.
 */
async function enqueueDeliveries(
  db: ServerDb,
  tenantId: string,
  events: readonly {
    event: WebhookEvent;
    /** The VoC record's id, or the alert's (the deliveries' `voc_id` column). */
    subjectId: string;
    payload(id: string, createdAt: string): WebhookPayload | IncidentWebhookPayload;
  }[],
  now: Date,
): Promise<number> {
  if (events.length === 0) return 0;
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    // A disabled webhook misses the events while it is off; it is not sent a backlog later.
    .where('disabled_at', 'is', null)
    .execute();
  if (hooks.length === 0) return 0;
  const createdAt = now.toISOString();
  const rows = hooks.flatMap((hook) => {
    const wanted = new Set(JSON.parse(hook.events) as WebhookEvent[]);
    return events
      .filter((e) => wanted.has(e.event))
      .map((e) => {
        const id = uuidV7();
        return {
          id,
          tenant_id: tenantId,
          webhook_id: hook.id,
          event: e.event,
          voc_id: e.subjectId,
          payload: JSON.stringify(e.payload(id, createdAt)),
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: createdAt,
          lease_until: null,
          leased_by: null,
          last_status: null,
          last_error: null,
          created_at: createdAt,
          delivered_at: null,
        };
      });
  });
  // 15 values a row: 200 rows stay far below both databases' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 200))
      .execute();
  }
  return rows.length;
}

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  event: string;
  payload: string;
  attempts: number;
}

/**
 * Leases up to `limit` due deliveries to one worker. One UPDATE picks and leases them, so two
 * workers (in this or another process) never hold the same row: SQLite runs the statement under
 * its single write lock; PostgreSQL skips rows another worker's claim has locked. A worker that
 * dies leaves its lease to expire, and the row is claimed again: at least once, never lost.
 */
export async function claimDueDeliveries(
  db: Kysely<ServerDatabase>,
  dialect: ServerDialect,
  workerId: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<{
    id: string;
    webhook_id: string;
    event: string;
    payload: string;
    attempts: number;
  }>`
    update webhook_deliveries set lease_until = ${leaseUntil}, leased_by = ${workerId}
    where id in (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${at}
        and (lease_until is null or lease_until < ${at})
      order by next_attempt_at
      limit ${limit}
      ${lock}
    )
    returning id, webhook_id, event, payload, attempts`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event,
    payload: r.payload,
    attempts: Number(r.attempts),
  }));
}

/** The outcome of one attempt, written only while this worker still holds the lease. */
export async function settleDelivery(
  db: Kysely<ServerDatabase>,
  workerId: string,
  delivery: ClaimedDelivery,
  outcome:
    | { kind: 'delivered'; status: number; at: Date }
    | { kind: 'retry'; status: number | null; error: string; nextAttemptAt: Date }
    | { kind: 'dead'; status: number | null; error: string }
    | { kind: 'cancelled' },
): Promise<void> {
  const base = db
    .updateTable('webhook_deliveries')
    .where('id', '=', delivery.id)
    .where('leased_by', '=', workerId);
  const released = { lease_until: null, leased_by: null };
  switch (outcome.kind) {
    case 'delivered':
      await base
        .set({
          ...released,
          status: 'delivered',
          attempts: delivery.attempts + 1,
          last_status: outcome.status,
          last_error: null,
          delivered_at: outcome.at.toISOString(),
        })
        .execute();
      return;
    case 'retry':
      await base
        .set({
          ...released,
          attempts: delivery.attempts + 1,
          last_status: outcome.status,
          last_error: outcome.error.slice(0, 500),
          next_attempt_at: outcome.nextAttemptAt.toISOString(),
        })
        .execute();
      return;
    case 'dead':
      await base
        .set({
          ...released,
          status: 'dead',
          attempts: delivery.attempts + 1,
          last_status: outcome.status,
          last_error: outcome.error.slice(0, 500),
        })
        .execute();
      return;
    case 'cancelled':
      await base.set({ ...released, status: 'cancelled' }).execute();
      return;
  }
}
