import {
  agentStateList,
  agentStatePushRequest,
  agentStatePushResponse,
  type AgentStateRow,
} from '../../../src/shared/protocol/agent-state';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/access-tokens';
import { recordOutreachCall } from '../data/outreach-calls';
import type { ServerStore } from '../db/connect';
import { ALL_ROLES, defineRoute, HttpError, type RouteSpec } from '../http/route';
import type { FloorNotifier } from '../live/floor-notifier';

/**
 * Desks report their agent's state (ready, on call, after-call work, not ready + reason); the
 * supervisors' floor reads the current state of each agent. Every row is the caller's tenant
 * and center, from the access token: a desk cannot report for another agent or center.
 */
export function agentStateRoutes({
  store,
  floor,
  deskAlive,
  deskOfToken,
}: {
  store: ServerStore;
  /** Tells the supervisors' floors (on every process) that the agent's state changed. */
  floor?: FloorNotifier;
  /** A report is a sign of life of the agent's desk (floor-presence). */
  deskAlive?: (principal: Principal) => void;
  /** The desk the request's token was issued to (null when it names none). */
  deskOfToken?: (request: FastifyRequest) => string | null;
}): RouteSpec[] {
  const db = store.db;
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/agent-state/changes',
      summary: "Record the signed-in agent's state changes (idempotent by change id)",
      roles: ['agent'],
      body: agentStatePushRequest,
      response: agentStatePushResponse,
      rateLimitPerMinute: 240,
      handler: async ({ principal, body, request }) => {
        const centerId = principal.centerId;
        if (!centerId) throw new HttpError(403, 'forbidden', 'An agent without a center.');
        const desk = {
          tenantId: principal.tenantId,
          agentId: principal.userId,
          deskId: deskOfToken?.(request) ?? null,
        };
        const receivedAt = new Date().toISOString();
        deskAlive?.(principal);
        // In the order the desk made them: the current state ends at the newest change.
        const changes = [...body.changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const results = await db.transaction().execute(async (trx) => {
          const results: { id: string; status: 'accepted' | 'duplicate' }[] = [];
          for (const change of changes) {
            const row = {
              tenant_id: principal.tenantId,
              agent_id: principal.userId,
              center_id: centerId,
              status: change.status,
              reason: change.reason,
              desk_locked: change.deskLocked ? 1 : 0,
            };
            const inserted = await trx
              .insertInto('agent_state_changes')
              .values({ ...row, id: change.id, at: change.at, received_at: receivedAt })
              .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
              .executeTakeFirst();
            if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
              results.push({ id: change.id, status: 'duplicate' });
              continue;
            }
            // The outreach call this desk went on: what a proactive call's outcome is checked
            // against (outreach-calls.ts).
            if (change.call)
              await recordOutreachCall(trx, desk, change.call, change.at, receivedAt);
            // UUIDv7 ids sort by the desk's time: a change delivered late never undoes a newer one.
            await trx
              .insertInto('agent_states')
              .values({ ...row, since: change.at, change_id: change.id })
              .onConflict((oc) =>
                oc
                  .columns(['tenant_id', 'agent_id'])
                  .doUpdateSet((eb) => ({
                    center_id: eb.ref('excluded.center_id'),
                    status: eb.ref('excluded.status'),
                    reason: eb.ref('excluded.reason'),
                    since: eb.ref('excluded.since'),
                    change_id: eb.ref('excluded.change_id'),
                    desk_locked: eb.ref('excluded.desk_locked'),
                  }))
                  .where('agent_states.change_id', '<', change.id),
              )
              .execute();
            results.push({ id: change.id, status: 'accepted' });
          }
          return results;
        });
        if (results.some((r) => r.status === 'accepted'))
          await floor?.publish(principal.tenantId, { kind: 'agent', agentId: principal.userId });
        return { results };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/agent-states',
      summary:
        "Agents' current states: an agent's own, a supervisor's or trainer's center, a retailer admin's tenant",
      roles: ALL_ROLES,
      response: agentStateList,
      handler: async ({ principal }) => {
        const rows = await db
          .selectFrom('agent_states')
          .select(['agent_id', 'center_id', 'status', 'reason', 'since'])
          .where('tenant_id', '=', principal.tenantId)
          .$if(principal.role === 'agent', (q) => q.where('agent_id', '=', principal.userId))
          .$if(principal.role === 'supervisor' || principal.role === 'trainer', (q) =>
            q.where('center_id', '=', principal.centerId ?? ''),
          )
          .orderBy('agent_id')
          .execute();
        return {
          agents: rows.map((r): AgentStateRow => ({
            agentId: r.agent_id,
            centerId: r.center_id,
            status: r.status as AgentStateRow['status'],
            reason: r.reason as AgentStateRow['reason'],
            since: r.since,
          })),
        };
      },
    }),
  ];
}
