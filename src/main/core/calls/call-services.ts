import type { Kysely } from 'kysely';
import type { CallSession } from '../../../shared/calls/call-session';
import type { VocRecord } from '../../../shared/domain/voc';
import type { CallsState, IpcParsedInput, SignedInAgent, TodayCall } from '../../../shared/ipc';
import { appendAudit } from '../db/audit/audit.repository';
import type { Database } from '../db/database';
import { readWrapUpsSince } from '../db/voc/voc.repository';
import { AppError } from '../errors';
import type { EventBus } from '../events/event-bus';
import type { CallDesk } from './call-desk';
import { EDIT_WINDOW_MS } from './wrap-up-service';

export interface CallServicesDeps {
  db: Kysely<Database>;
  desk: CallDesk;
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
      return { current: desk.current(), today: await todayCalls(agent), agent };
    },

    start: (input: IpcParsedInput<'calls:start'>) =>
      refused(
        desk.startCall({
          ani: input.phone,
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
    for (const call of desk.today()) {
      const wrapUp = byCall.get(call.callId) ?? null;
      byCall.delete(call.callId);
      lines.push({
        callId: call.callId,
        state: call.state,
        ani: call.ani,
        e164: call.e164,
        startedAt: call.ringingAt ?? call.answeredAt ?? new Date(now()).toISOString(),
        customerId: wrapUp?.record.customerId ?? null,
        customerName: wrapUp?.customerName ?? null,
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
