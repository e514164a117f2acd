import { localDate, startOfLocalDay, isTimeZone } from '../../../src/shared/time-zone';
import { DEFAULT_INSIGHTS_TIME_ZONE } from '../../../src/shared/protocol/insights';
import {
  acknowledgeRequest,
  acknowledgeResponse,
  alertPushRequest,
  alertPushResponse,
  floorAlertList,
  floorAlertQuery,
  floorSummary,
  floorSummaryQuery,
  type FloorSummary,
} from '../../../src/shared/protocol/supervisor-alerts';
import type { Principal } from '../auth/access-tokens';
import { acknowledgeAlert, readAlerts, recordAlerts, type AlertScope } from '../data/incidents';
import type { ServerStore } from '../db/connect';
import { centerScope } from '../auth/center-scope';
import { defineRoute, HttpError, SUPERVISOR_ROLES, type RouteSpec } from '../http/route';
import type { FloorNotifier } from '../live/floor-notifier';
import { DEFAULT_PRESENCE_EXPIRY_MS, readFloorAgents } from '../data/floor-presence';
import { displayNameOf } from '../data/users';

const ALERT_WINDOW_MS = 12 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;

/**
 * The supervisors' floor: alerts pushed by desks (recorded as incidents and announced to the
 * center's supervisors at once), their acknowledgment, and the floor's current picture. An
 * agent reads only their own alerts; a supervisor their center; a retailer admin the tenant
 * (or one center).
 */
export function floorRoutes({
  store,
  floor,
  timeZone: configured,
  presenceExpiryMs: expiryMs = DEFAULT_PRESENCE_EXPIRY_MS,
}: {
  store: ServerStore;
  floor: FloorNotifier;
  timeZone?: string;
  presenceExpiryMs?: number;
}): RouteSpec[] {
  const db = store.db;
  const timeZone = configured ?? process.env.KOE_TIME_ZONE ?? DEFAULT_INSIGHTS_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new Error(`Unknown time zone for the floor: ${timeZone}`);

  const scopeOf = (principal: Principal, centerId?: string): AlertScope =>
    principal.role === 'agent'
      ? { tenantId: principal.tenantId, agentId: principal.userId }
      : centerScope(principal, centerId);

  return [
    defineRoute({
      method: 'POST',
      url: '/v1/floor/alerts',
      summary:
        "Raise the signed-in agent's alerts to their center's supervisors (idempotent by id)",
      roles: ['agent'],
      body: alertPushRequest,
      response: alertPushResponse,
      rateLimitPerMinute: 120,
      handler: async ({ principal, body }) => {
        const centerId = principal.centerId;
        if (!centerId) throw new HttpError(403, 'forbidden', 'An agent without a center.');
        const receivedAt = new Date().toISOString();
        const results = await db
          .transaction()
          .execute((trx) =>
            recordAlerts(
              trx,
              { tenantId: principal.tenantId, agentId: principal.userId, centerId },
              body.alerts,
              receivedAt,
            ),
          );
        // Announced after the commit: a process that reads the alert finds it.
        for (const r of results) {
          if (r.stage)
            await floor.publish(principal.tenantId, {
              kind: 'alert',
              alertId: r.id,
              stage: r.stage,
            });
        }
        return { results: results.map(({ id, status }) => ({ id, status, receivedAt })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/floor/alerts',
      summary:
        "Floor alerts with their incident stages: an agent's own, a supervisor's center, a retailer admin's tenant",
      roles: ['agent', 'supervisor', 'retailer_admin'],
      query: floorAlertQuery,
      response: floorAlertList,
      handler: async ({ principal, query }) => {
        const since = query.since ?? new Date(Date.now() - ALERT_WINDOW_MS).toISOString();
        return { alerts: await readAlerts(db, scopeOf(principal, query.centerId), { since }) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/floor/alerts/acknowledge',
      summary: 'A supervisor takes an alert of their center (the first one to take it is recorded)',
      roles: SUPERVISOR_ROLES,
      body: acknowledgeRequest,
      response: acknowledgeResponse,
      handler: async ({ principal, body }) => {
        const scope = scopeOf(principal);
        const [alert] = await readAlerts(db, scope, { alertIds: [body.alertId] });
        if (!alert) throw new HttpError(404, 'not_found', 'No such alert in your scope.');
        const name = await displayNameOf(db, principal);
        const taken = await acknowledgeAlert(
          db,
          principal.tenantId,
          body.alertId,
          { id: principal.userId, name },
          new Date().toISOString(),
        );
        if (taken) {
          await floor.publish(principal.tenantId, {
            kind: 'alert',
            alertId: body.alertId,
            stage: 'acknowledged',
          });
          // A policy's lock ends with its alert taken: the floor shows the agent unlocked.
          if (alert.kind === 'bulk_access')
            await floor.publish(principal.tenantId, { kind: 'agent', agentId: alert.agentId });
        }
        const [now] = await readAlerts(db, scope, { alertIds: [body.alertId] });
        return { taken, alert: now! };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/floor/summary',
      summary:
        "The floor's agents and today's figures: a supervisor's center, a retailer admin's tenant",
      roles: SUPERVISOR_ROLES,
      query: floorSummaryQuery,
      response: floorSummary,
      handler: async ({ principal, query }) => {
        const scope = scopeOf(principal, query.centerId);
        return readFloorSummary(store, scope, timeZone, Date.now(), expiryMs);
      },
    }),
  ];
}

/** The tiles: read over today's VoC records (the receivedAt index range) and current states. */
export async function readFloorSummary(
  store: ServerStore,
  scope: AlertScope,
  timeZone: string,
  nowMs: number,
  /** How long a desk may be silent before it shows offline (floor-presence). */
  expiryMs: number = DEFAULT_PRESENCE_EXPIRY_MS,
): Promise<FloorSummary> {
  const db = store.db;
  const day = localDate(nowMs, timeZone);
  const dayStart = new Date(startOfLocalDay(day, timeZone)).toISOString();
  const agents = await readFloorAgents(db, scope, nowMs, expiryMs);
  const records = await db
    .selectFrom('voc_records')
    .select(['data', 'received_at'])
    .where('tenant_id', '=', scope.tenantId)
    .where('received_at', '>=', dayStart)
    .$if(scope.centerId !== undefined, (q) => q.where('center_id', '=', scope.centerId!))
    .execute();
  let handle = 0;
  let afterCall = 0;
  const reasons = new Map<string, number>();
  const hourAgo = nowMs - HOUR_MS;
  for (const row of records) {
    const r = JSON.parse(row.data) as {
      startedAt: string;
      endedAt: string;
      afterCallWorkSeconds: number;
      reasonCodes: string[];
    };
    handle += Math.max(0, (Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000);
    afterCall += r.afterCallWorkSeconds;
    if (Date.parse(r.endedAt) >= hourAgo && r.reasonCodes[0])
      reasons.set(r.reasonCodes[0], (reasons.get(r.reasonCodes[0]) ?? 0) + 1);
  }
  const n = records.length;
  return {
    agents,
    callsToday: n,
    averageHandleSeconds: n ? Math.round(handle / n) : null,
    averageAfterCallSeconds: n ? Math.round(afterCall / n) : null,
    waitingWrapUps: agents.filter((a) => a.status === 'after_call_work').length,
    topReasonsLastHour: [...reasons]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([reason, calls]) => ({ reason, calls })),
    day,
  };
}
