import type { Kysely } from 'kysely';
import type { CallDraft } from '../../../shared/calls/call-draft';
import type { CallSession } from '../../../shared/calls/call-session';
import { redactPaymentData } from '../../../shared/guidance';
import type { VocRecord } from '../../../shared/domain/voc';
import type { CallsState, IpcParsedInput, SignedInAgent, TodayCall } from '../../../shared/ipc';
import { appendAudit } from '../access-audit';
import type { Database } from '../platform/database';
import { readWrapUpsSince, EDIT_WINDOW_MS } from '../wrap-up';
import { AppError } from '../platform/errors';
import type { EventBus } from '../platform/event-bus';
import type { CallDesk } from './call-desk';
import { callersByNumber } from './caller-names';
import type { DeskCallsRepository } from './desk-calls.repository';

export interface CallServicesDeps {
  db: Kysely<Database>;
  desk: CallDesk;
  /** Where the agent's unsaved work on each call is kept. */
  deskCalls: DeskCallsRepository;
  events: EventBus;
  agent(): SignedInAgent | null;
  now?: () => number;
}

/** The agent's side of the phone desk: today's calls, calls typed in, ended, escalated. */
export function createCallServices(deps: CallServicesDeps) {
  const { db, desk, events } = deps;
  const now = deps.now ?? Date.now;

  const refused = (result: ReturnType<CallDesk['apply']>): CallSession => {
    if (result.ok) return result.call;
    throw new AppError(
      result.error.code === 'unknown_call' ? 'not_found' : 'conflict',
      result.error.message,
    );
  };

  return {
    async state(): Promise<CallsState> {
      const agent = deps.agent();
      const drafts = Object.fromEntries(deps.deskCalls.drafts());
      const waiting = desk
        .today()
        .filter((call) => call.state === 'wrap_up')
        .reverse();
      return { current: desk.current(), today: await todayCalls(agent), waiting, agent, drafts };
    },

    saveDraft(callId: string, draft: CallDraft): { kept: boolean } {
      return { kept: deps.deskCalls.saveDraft(callId, withoutPaymentData(draft)) };
    },

    start: async (input: IpcParsedInput<'calls:start'>) =>
      refused(
        desk.startCall({
          ani: input.phone ?? (await customersPhone(db, input.customerId)),
          origin: 'manual',
          // The phone system is not part of Koe: an outbound call starts here as if the
          // agent's softphone had dialed the number (the softphone's own events, if it sends
          // any, then name this call).
          ...(input.direction === 'outbound' && input.customerId
            ? {
                outreach: {
                  reason: 'proactive' as const,
                  customerId: input.customerId,
                  orderId: input.orderId ?? null,
                },
              }
            : {}),
        }),
      ),

    end: (callId: string) => refused(desk.apply({ type: 'ended', callId })),

    async alertSupervisor(input: { callId: string; customerId: string | null; stage: string }) {
      if (!desk.get(input.callId))
        throw new AppError('not_found', `No call ${JSON.stringify(input.callId)} on this desk.`);
      const at = new Date(now()).toISOString();
      await appendAudit(db, {
        kind: 'supervisor_alerted',
        agentId: deps.agent()?.id ?? null,
        customerId: input.customerId,
        callId: input.callId,
        detail: { reason: 'harassment', stage: input.stage },
        at,
      });
      events.emit('calls:supervisorAlert', { ...input, at });
      return { alertedAt: at };
    },
  };

  /** The desk's calls of today merged with the wrap-ups saved today (which outlive a restart). */
  async function todayCalls(agent: SignedInAgent | null): Promise<TodayCall[]> {
    const saved = agent ? await readWrapUpsSince(db, agent.id, startOfLocalDay(now())) : [];
    const byCall = new Map(saved.filter((s) => s.record.callId).map((s) => [s.record.callId, s]));
    const lines: TodayCall[] = [];
    const calls = desk.today();
    // A call without a wrap-up (missed, or not saved yet) is named by who has the number.
    const callers = await callersByNumber(
      db,
      calls.flatMap((c) => (c.e164 !== null && !byCall.has(c.callId) ? [c.e164] : [])),
    );
    for (const call of calls) {
      const wrapUp = byCall.get(call.callId) ?? null;
      byCall.delete(call.callId);
      const caller = wrapUp || call.e164 === null ? undefined : callers.get(call.e164);
      lines.push({
        callId: call.callId,
        state: call.state,
        ani: call.ani,
        e164: call.e164,
        startedAt: call.ringingAt ?? call.answeredAt ?? new Date(now()).toISOString(),
        customerId: wrapUp?.record.customerId ?? caller?.customerId ?? null,
        customerName: wrapUp?.customerName ?? caller?.customerName ?? null,
        wrapUp: wrapUp && { ...summary(wrapUp.record), delivery: wrapUp.delivery },
      });
    }
    for (const wrapUp of byCall.values()) {
      lines.push({
        callId: wrapUp.record.callId as string,
        state: 'done',
        ani: '',
        e164: null,
        startedAt: wrapUp.record.startedAt,
        customerId: wrapUp.record.customerId,
        customerName: wrapUp.customerName,
        wrapUp: { ...summary(wrapUp.record), delivery: wrapUp.delivery },
      });
    }
    return lines.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  }
}

/**
 * The number an outbound call dials when the page names only the customer (it sees the number
 * masked): the mobile first, as the outreach list chose it.
 */
async function customersPhone(db: Kysely<Database>, customerId: string | undefined) {
  const phones = customerId
    ? await db
        .selectFrom('customer_phones')
        .select(['e164', 'kind'])
        .where('customer_id', '=', customerId)
        .orderBy('position')
        .execute()
    : [];
  const phone = phones.find((p) => p.kind === 'mobile') ?? phones[0];
  if (!phone) throw new AppError('not_found', 'This customer has no phone number to call.');
  return phone.e164;
}

/**
 * PCI DSS: a card number read out mid-call never reaches the disk, not even in a draft. The
 * agent sees the draft's words redacted after a reload (the save would redact them anyway).
 */
function withoutPaymentData(draft: CallDraft): CallDraft {
  const note = redactPaymentData(draft.harassmentNote).text;
  if (!draft.wrapUp) return { ...draft, harassmentNote: note };
  const { form, context } = draft.wrapUp;
  const words = redactPaymentData(form.customerWords).text;
  const incident = context.harassment;
  return {
    ...draft,
    harassmentNote: note,
    wrapUp: {
      ...draft.wrapUp,
      form: { ...form, customerWords: words },
      // The wrap-up's copy of the harassment note, kept with its context.
      context: {
        ...context,
        harassment: incident ? { ...incident, note: redactPaymentData(incident.note).text } : null,
      },
    },
  };
}

function summary(record: VocRecord): Omit<NonNullable<TodayCall['wrapUp']>, 'delivery'> {
  return {
    vocId: record.id,
    primaryReason: record.reasonCodes[0] ?? '',
    resolution: record.resolution,
    savedAt: record.savedAt,
    editableUntil: new Date(Date.parse(record.savedAt) + EDIT_WINDOW_MS).toISOString(),
  };
}

/** Midnight on this machine's clock: the agent's shift is counted in local time. */
function startOfLocalDay(ms: number): string {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}
