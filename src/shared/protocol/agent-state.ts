import { z } from 'zod';
import { agentStatus, notReadyReason } from '../agent-state/agent-state';
import { id, isoDateTime, printable } from '../domain/primitives';

/**
 * An agent's state changes, pushed by their desk (queued while offline, idempotent by id).
 * The agent and center are the caller's own: taken from the access token, never the body.
 */
/**
 * The call an `on_call` change is about, when the desk placed it to a customer from the outreach
 * list: the retailer takes a proactive call's outcome (and its "customer was told" notice) only
 * for a call the same desk reported this way (see server/src/data/outreach-calls.ts).
 */
export const outreachCallEvent = z
  .object({
    callId: printable(128).min(1),
    customerId: id,
    direction: z.literal('outbound'),
  })
  .strict();
export type OutreachCallEvent = z.infer<typeof outreachCallEvent>;

export const agentStateChange = z
  .object({
    /** UUIDv7 made on the desk: the server's idempotency key. */
    id: z.string().max(36).uuid(),
    status: agentStatus,
    reason: notReadyReason.nullable(),
    /** When the state changed on the desk (not when it arrived). */
    at: isoDateTime,
    /** Whether the desk is locked (idle, the computer locked, a bulk-access policy) as of this change. */
    deskLocked: z.boolean().optional(),
    /** The outreach call the agent went on (optional: inbound calls and older desks send none). */
    call: outreachCallEvent.optional(),
  })
  .strict()
  .refine((c) => c.reason === null || c.status === 'not_ready', {
    message: 'only not_ready carries a reason',
  })
  .refine((c) => c.call === undefined || c.status === 'on_call', {
    message: 'only on_call carries a call',
  });
export type AgentStateChange = z.infer<typeof agentStateChange>;

export const agentStatePushRequest = z
  .object({ changes: z.array(agentStateChange).min(1).max(500) })
  .strict();
export type AgentStatePushRequest = z.infer<typeof agentStatePushRequest>;

export const agentStatePushResponse = z.object({
  results: z.array(z.object({ id: z.string(), status: z.enum(['accepted', 'duplicate']) })),
});
export type AgentStatePushResponse = z.infer<typeof agentStatePushResponse>;

/** One agent's current state, as the floor reads it. */
export const agentStateRow = z.object({
  agentId: z.string(),
  centerId: z.string(),
  status: agentStatus,
  reason: notReadyReason.nullable(),
  since: z.string(),
});
export type AgentStateRow = z.infer<typeof agentStateRow>;

export const agentStateList = z.object({ agents: z.array(agentStateRow) });
