import type { VocRecord } from '../../../src/shared/domain/voc';
import type { OutreachCallEvent } from '../../../src/shared/protocol/agent-state';
import type { VocPushOutcome } from '../../../src/shared/protocol/voc-push';
import type { ServerDb } from '../db/schema';

/**
 * How far a reported outreach call's start may be from the start the outcome's record gives it:
 * the desk reports the call when it goes on the line, and records the same instant as the
 * record's start; the margin covers nothing but a slow clock step on the desk.
 */
export const OUTREACH_CALL_WINDOW_MS = 15 * 60_000;

type OutreachCallTables = {
  outreach_calls: {
    tenant_id: string;
    agent_id: string;
    desk_id: string;
    call_id: string;
    customer_id: string;
    at: string;
    received_at: string;
  };
};

/** Who reported (or pushes): the token's agent and desk ('' for a token that names no desk). */
export interface ReportingDesk {
  tenantId: string;
  agentId: string;
  deskId: string | null;
}

/** Keeps an outreach call a desk reported with its `on_call` change (once per call). */
export async function recordOutreachCall(
  db: ServerDb,
  desk: ReportingDesk,
  call: OutreachCallEvent,
  at: string,
  receivedAt: string,
): Promise<void> {
  await db
    .withTables<OutreachCallTables>()
    .insertInto('outreach_calls')
    .values({
      tenant_id: desk.tenantId,
      agent_id: desk.agentId,
      desk_id: desk.deskId ?? '',
      call_id: call.callId,
      customer_id: call.customerId,
      at,
      received_at: receivedAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'agent_id', 'desk_id', 'call_id']).doNothing())
    .execute();
}

/**
 * Splits a push into the records to ingest and the proactive outcomes refused: without a phone
 * system, the strongest check the retailer has is that the same agent on the same desk reported
 * this call, to this customer, when it went on the line (within {@link OUTREACH_CALL_WINDOW_MS}
 * of the record's start). An outcome that arrives before its call's report (an offline desk
 * sends both later, in either order) is refused with a code the desk acts on: it sends its state
 * changes, then the record again (sync/push-outbox.ts).
 */
export async function screenProactiveRecords(
  db: ServerDb,
  desk: ReportingDesk,
  records: readonly VocRecord[],
): Promise<{ allowed: VocRecord[]; refused: Map<string, VocPushOutcome> }> {
  const allowed: VocRecord[] = [];
  const refused = new Map<string, VocPushOutcome>();
  const calls = db.withTables<OutreachCallTables>();
  for (const record of records) {
    if (record.contactType !== 'proactive') {
      allowed.push(record);
      continue;
    }
    const reported =
      record.callId !== null && record.customerId !== null
        ? await calls
            .selectFrom('outreach_calls')
            .select('at')
            .where('tenant_id', '=', desk.tenantId)
            .where('agent_id', '=', desk.agentId)
            .where('desk_id', '=', desk.deskId ?? '')
            .where('call_id', '=', record.callId)
            .where('customer_id', '=', record.customerId)
            .executeTakeFirst()
        : undefined;
    const startMs = Date.parse(record.startedAt);
    if (reported && Math.abs(Date.parse(reported.at) - startMs) <= OUTREACH_CALL_WINDOW_MS) {
      allowed.push(record);
      continue;
    }
    refused.set(record.id, {
      id: record.id,
      status: 'rejected',
      code: 'outreach_call_not_reported',
      reason:
        'A proactive call’s outcome is taken only for an outreach call this desk reported to this customer when it went on the line.',
    });
  }
  return { allowed, refused };
}
