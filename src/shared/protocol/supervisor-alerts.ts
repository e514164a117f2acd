import { z } from 'zod';
import { bulkAccessRule } from '../access-audit/bulk-access-policies';
import { agentStatus, notReadyReason } from '../agent-state/agent-state';
import { id, isoDateTime } from '../domain/primitives';

/**
 * Alerts that reach a person: a desk raises one (the harassment protocol, or the agent's
 * "raise hand"), the retailer records it as an incident and tells the center's supervisors at
 * once; a supervisor takes it, and the agent's desk hears who. Unacknowledged for the retailer's
 * set time, it escalates to the retailer admin. Every stage is an append-only incident row.
 */
export const alertKind = z.enum(['harassment', 'help', 'bulk_access']);
export type AlertKind = z.infer<typeof alertKind>;
/** What a desk raises itself; `bulk_access` alerts are raised by the server's policies only. */
export const deskAlertKind = z.enum(['harassment', 'help']);

/** The harassment protocol's stage when the desk pushed the alert (null for a raised hand). */
export const alertProtocolStage = z.enum(['warn', 'monitor', 'terminate', 'terminated']);
export type AlertProtocolStage = z.infer<typeof alertProtocolStage>;

/** The incident's stages, as the server records them (one row each, never changed). */
export const incidentStage = z.enum(['raised', 'updated', 'acknowledged', 'escalated']);
export type IncidentStage = z.infer<typeof incidentStage>;

export const ALERT_NOTE_MAX = 2000;

/**
 * An alert as the desk pushes it (queued in its outbox while offline). The same alert pushed
 * again with a later protocol stage (the call ended under the protocol) is an `updated` stage of
 * the same incident; the same stage again is a duplicate. The agent and center come from the
 * access token, never the body.
 */
export const alertPush = z
  .object({
    /** UUIDv7 made on the desk: the incident's id. */
    id: z.string().uuid().max(36),
    kind: deskAlertKind,
    protocolStage: alertProtocolStage.nullable(),
    callId: z.string().trim().min(1).max(128).nullable(),
    customerId: id.nullable(),
    /** Redacted on the desk and again on the server (card numbers, security codes). */
    note: z.string().max(ALERT_NOTE_MAX),
    /** When the agent raised it on the desk (not when it arrived). */
    raisedAt: isoDateTime,
  })
  .strict()
  .refine((a) => (a.kind === 'harassment') === (a.protocolStage !== null), {
    message: 'a harassment alert names its protocol stage; a raised hand has none',
  });
export type AlertPush = z.infer<typeof alertPush>;

export const alertPushRequest = z.object({ alerts: z.array(alertPush).min(1).max(100) }).strict();

export const alertPushResponse = z.object({
  results: z.array(
    z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']), receivedAt: z.string() }),
  ),
});
export type AlertPushResponse = z.infer<typeof alertPushResponse>;

/** One stage of an incident, as recorded. */
export const incidentEntry = z.object({
  stage: incidentStage,
  /** The server's time of the stage. */
  at: z.string(),
  protocolStage: alertProtocolStage.nullable(),
  /** Who acknowledged (or null for stages the desk or the server's timer made). */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type IncidentEntry = z.infer<typeof incidentEntry>;

/** An alert as supervisors and the agent's desk see it: the incident's stages folded. */
/**
 * What a bulk-access policy's alert is about: the policy (by its name, as the retailer admin
 * wrote it) and what the agent did past it, so a supervisor reads the policy's name and the
 * count in their language rather than an id.
 */
export const policyFiring = bulkAccessRule.extend({ count: z.number().int().min(0) });
export type PolicyFiringView = z.infer<typeof policyFiring>;

export const floorAlert = z.object({
  id: z.string(),
  kind: alertKind,
  agentId: z.string(),
  agentName: z.string(),
  centerId: z.string(),
  callId: z.string().nullable(),
  customerId: z.string().nullable(),
  protocolStage: alertProtocolStage.nullable(),
  note: z.string(),
  raisedAt: z.string(),
  /** When the retailer received it: from then on the center's supervisors were told. */
  receivedAt: z.string(),
  acknowledged: z.object({ by: z.string(), byName: z.string(), at: z.string() }).nullable(),
  escalatedAt: z.string().nullable(),
  stages: z.array(incidentEntry),
  /** A `bulk_access` alert's policy and count (null for a desk's own alert). */
  policy: policyFiring.nullable().default(null),
});
export type FloorAlert = z.infer<typeof floorAlert>;

export const floorAlertList = z.object({ alerts: z.array(floorAlert) });

export const floorAlertQuery = z
  .object({
    /** Alerts received since (default: the last 12 hours). */
    since: isoDateTime.optional(),
    centerId: id.optional(),
  })
  .strict();

export const acknowledgeRequest = z.object({ alertId: z.string().uuid().max(36) }).strict();

export const acknowledgeResponse = z.object({
  /** False when another supervisor had taken it first (`alert.acknowledged` says who). */
  taken: z.boolean(),
  alert: floorAlert,
});
export type AcknowledgeResponse = z.infer<typeof acknowledgeResponse>;

/**
 * Whether the agent's desk is there: `online` (heard from lately), `offline` (no stream and no
 * report for longer than the server's presence expiry), `locked` (the desk reported its lock, or
 * a bulk-access policy locked the agent's customer data until a supervisor takes its alert).
 */
export const floorPresence = z.enum(['online', 'offline', 'locked']);
export type FloorPresence = z.infer<typeof floorPresence>;

/** An agent on the floor: their current state, with their name. */
export const floorAgent = z.object({
  agentId: z.string(),
  agentName: z.string(),
  centerId: z.string(),
  status: agentStatus,
  reason: notReadyReason.nullable(),
  since: z.string(),
  /** The Koe version the agent's desk last reported (null: never reported). */
  version: z.string().nullable().default(null),
  presence: floorPresence.default('online'),
  /** When the server last heard from the agent's desk (null: never). */
  seenAt: z.string().nullable().default(null),
});
export type FloorAgent = z.infer<typeof floorAgent>;

/** The floor manager's tiles for one center (or the tenant, for an admin). */
export const floorSummary = z.object({
  agents: z.array(floorAgent),
  callsToday: z.number().int(),
  /** Averages over today's calls; null when there were none. */
  averageHandleSeconds: z.number().nullable(),
  averageAfterCallSeconds: z.number().nullable(),
  /** Agents in after-call work now: calls waiting for their wrap-up. */
  waitingWrapUps: z.number().int(),
  topReasonsLastHour: z.array(z.object({ reason: z.string(), calls: z.number().int() })),
  /** The day the counts are of, in the retailer's time zone. */
  day: z.string(),
});
export type FloorSummary = z.infer<typeof floorSummary>;

export const floorSummaryQuery = z.object({ centerId: id.optional() }).strict();

/** What the event stream says about the floor (`event: floor`), scoped to who listens. */
export type FloorLiveEvent =
  | { type: 'alert'; stage: IncidentStage; alert: FloorAlert }
  | { type: 'agent_state'; agent: FloorAgent };

export const floorLiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('alert'), stage: incidentStage, alert: floorAlert }),
  z.object({ type: z.literal('agent_state'), agent: floorAgent }),
]);
