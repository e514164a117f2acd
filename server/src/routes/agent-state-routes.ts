import {
  agentStateList,
  agentStatePushRequest,
  agentStatePushResponse,
} from '../../../src/shared/protocol/agent-state';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/access-tokens';
import { readAgentStates, recordAgentStateChanges } from '../data/agent-states';
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
        deskAlive?.(principal);
        const results = await recordAgentStateChanges(
          store.db,
          {
            tenantId: principal.tenantId,
            agentId: principal.userId,
            centerId,
            deskId: deskOfToken?.(request) ?? null,
          },
          body.changes,
          new Date().toISOString(),
        );
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
      handler: async ({ principal }) => ({ agents: await readAgentStates(store.db, principal) }),
    }),
  ];
}
