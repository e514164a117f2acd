import type { CallSession } from '../../../shared/calls/call-session';
import type { VocRecord } from '../../../shared/domain/voc';
import type { TodayCall } from '../../../shared/ipc';
import { formatPhone } from '../../../shared/phone';

/** `m:ss` (or `h:mm:ss`) of a duration in milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * What the call bar's clock counts: ringing time while it rings, talk time on the line, and the
 * talk time it came to during wrap-up (the wrap-up form runs the after-call-work clock).
 */
export function callClock(
  call: CallSession,
): { kind: 'ringing' | 'talk'; from: string; until: string | null } | null {
  switch (call.state) {
    case 'ringing':
      return call.ringingAt ? { kind: 'ringing', from: call.ringingAt, until: null } : null;
    case 'in_call': {
      const from = call.answeredAt ?? call.ringingAt;
      return from ? { kind: 'talk', from, until: null } : null;
    }
    case 'wrap_up': {
      const from = call.answeredAt ?? call.ringingAt;
      return from ? { kind: 'talk', from, until: call.endedAt } : null;
    }
    default:
      return null;
  }
}

/** The caller's number as the agent reads it: national format for Japan, or as received. */
export function callerNumber(call: Pick<CallSession, 'ani' | 'e164'>): string {
  return call.e164 ? formatPhone(call.e164) : call.ani;
}

/** The number to pop the caller by (E.164 when the ANI reads as one). */
export function popNumber(call: Pick<CallSession, 'ani' | 'e164'>): string {
  return call.e164 ?? call.ani;
}

/**
 * The session of a done call rebuilt from its saved wrap-up (the desk forgets calls on restart,
 * the record does not): enough for the wrap-up form to correct it.
 */
export function doneCallSession(
  callId: string,
  record: Pick<VocRecord, 'startedAt' | 'endedAt' | 'savedAt' | 'afterCallWorkSeconds'>,
  line: Pick<TodayCall, 'ani' | 'e164'> | null,
): CallSession {
  return {
    callId,
    origin: 'manual',
    ani: line?.ani ?? '',
    e164: line?.e164 ?? null,
    state: 'done',
    ringingAt: null,
    answeredAt: record.startedAt,
    endedAt: record.endedAt,
    wrapUpStartedAt: record.endedAt,
    wrapUpSavedAt: record.savedAt,
    afterCallWorkSeconds: record.afterCallWorkSeconds,
  };
}
