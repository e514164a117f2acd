import { toE164 } from '../phone';

/**
 * One call's life, as a pure state machine (no clock, no I/O: the caller passes the time).
 *
 *   ringing ──answered──▶ in_call ──ended──▶ wrap_up ──wrapUpSaved──▶ done
 *      │
 *      └──ended (never answered)──▶ missed
 *
 * A call the agent starts from a typed number (or a koe://call link) begins in `in_call`.
 *
 * Telephony systems repeat themselves (retries, a softphone that sends both a link and an HTTP
 * event, a reconnecting WebSocket replaying its last message), so an event that already happened
 * is accepted and changes nothing. An event that cannot have happened yet, or that contradicts
 * what did happen, is refused with a clear error and changes nothing either.
 */
export type CallState = 'ringing' | 'in_call' | 'wrap_up' | 'done' | 'missed';

/** Where the call came from: the CTI bridge, a koe://call link, or the agent typing a number. */
export type CallOrigin = 'cti' | 'link' | 'manual';

export interface CallSession {
  callId: string;
  origin: CallOrigin;
  /** The caller's number as the telephony system sent it (any format; may be withheld). */
  ani: string;
  /** The caller's number as E.164, or null when it does not read as a phone number. */
  e164: string | null;
  state: CallState;
  /** ISO 8601 timestamps; null until the step happened (manual calls never ring). */
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  wrapUpStartedAt: string | null;
  wrapUpSavedAt: string | null;
  /** After-call work: from the end of the call to the saved wrap-up, in whole seconds. */
  afterCallWorkSeconds: number | null;
  /** Absent on calls the customer made; `outbound` when the agent called them from Koe. */
  direction?: 'inbound' | 'outbound';
  /** An outbound call from the outreach list: whom it is for, and which order's delay. */
  outreach?: OutreachCallTarget;
}

/** The customer (and order) a proactive call from the outreach list is about. */
export interface OutreachCallTarget {
  reason: 'proactive';
  customerId: string;
  orderId: string | null;
}

export type CallEvent =
  | { type: 'ringing'; callId: string; ani: string }
  | { type: 'answered'; callId: string }
  | { type: 'ended'; callId: string }
  | { type: 'wrapUpSaved'; callId: string };

export type CallEventType = CallEvent['type'];

/** What moved a call: a call event, or `started` for a call the agent started (typed or link). */
export type CallDeskCause = CallEventType | 'started';

/** Whether a call event brings the call workspace up and pops the caller. */
export function popsWorkspace(cause: CallDeskCause): boolean {
  return cause === 'ringing' || cause === 'started';
}

export type CallErrorCode =
  /** The event names a call this desk has not seen (or no longer holds). */
  | 'unknown_call'
  /** The event cannot happen in the call's current state (e.g. answered after it was missed). */
  | 'out_of_order'
  /** The event repeats a call id with different facts (another caller number). */
  | 'conflict'
  /** Another call is already ringing or on the line. */
  | 'busy';

export interface CallError {
  code: CallErrorCode;
  message: string;
}

export type CallResult =
  { ok: true; call: CallSession; changed: boolean } | { ok: false; error: CallError };

/** States in which nothing may restart the app: the call, and its wrap-up until saved. */
export const ACTIVE_STATES: readonly CallState[] = ['ringing', 'in_call', 'wrap_up'];
/** States in which the agent's one line is taken (a second call cannot ring). */
export const ON_LINE_STATES: readonly CallState[] = ['ringing', 'in_call'];

export function isActive(call: CallSession): boolean {
  return ACTIVE_STATES.includes(call.state);
}

export function isOnLine(call: CallSession): boolean {
  return ON_LINE_STATES.includes(call.state);
}

/** The longest after-call work a wrap-up record accepts (VocRecord: one day). */
const MAX_ACW_SECONDS = 86_400;

/** A call that starts ringing (CTI). */
export function ringingCall(callId: string, ani: string, nowMs: number): CallSession {
  return {
    callId,
    origin: 'cti',
    ani,
    e164: callerE164(ani),
    state: 'ringing',
    ringingAt: iso(nowMs),
    answeredAt: null,
    endedAt: null,
    wrapUpStartedAt: null,
    wrapUpSavedAt: null,
    afterCallWorkSeconds: null,
  };
}

/** A call the agent places or takes outside the CTI (typed number, koe://call link). */
export function directCall(
  callId: string,
  ani: string,
  origin: Exclude<CallOrigin, 'cti'>,
  nowMs: number,
): CallSession {
  return {
    ...ringingCall(callId, ani, nowMs),
    origin,
    state: 'in_call',
    ringingAt: null,
    answeredAt: iso(nowMs),
  };
}

/**
 * Applies an event to the call it names. `call` is that call as the desk holds it, or null when
 * the desk has never seen the id (only `ringing` may then start one).
 */
export function applyCallEvent(
  call: CallSession | null,
  event: CallEvent,
  nowMs: number,
): CallResult {
  if (!call) {
    if (event.type === 'ringing')
      return { ok: true, call: ringingCall(event.callId, event.ani, nowMs), changed: true };
    return refuse(
      'unknown_call',
      `"${event.type}" for call ${JSON.stringify(event.callId)}, which never rang here.`,
    );
  }
  if (call.callId !== event.callId) {
    throw new Error(`applyCallEvent: event for ${event.callId} applied to ${call.callId}`);
  }
  const same = (): CallResult => ({ ok: true, call, changed: false });

  switch (event.type) {
    case 'ringing':
      // A repeated ring (any state after it) is a replay, unless it names another caller.
      if (callerE164(event.ani) !== call.e164 || (call.e164 === null && event.ani !== call.ani)) {
        return refuse(
          'conflict',
          `Call ${JSON.stringify(call.callId)} already rang from another number.`,
        );
      }
      if (call.origin !== 'cti')
        return refuse('out_of_order', `Call ${JSON.stringify(call.callId)} did not ring here.`);
      return same();

    case 'answered':
      switch (call.state) {
        case 'ringing':
          return changed({ ...call, state: 'in_call', answeredAt: iso(nowMs) });
        case 'missed':
          return refuse(
            'out_of_order',
            `Call ${JSON.stringify(call.callId)} already ended unanswered (missed).`,
          );
        default:
          return same(); // in_call, wrap_up, done: it was answered already
      }

    case 'ended':
      switch (call.state) {
        case 'ringing':
          return changed({ ...call, state: 'missed', endedAt: iso(nowMs) });
        case 'in_call':
          return changed({
            ...call,
            state: 'wrap_up',
            endedAt: iso(nowMs),
            wrapUpStartedAt: iso(nowMs),
          });
        default:
          return same(); // wrap_up, done, missed: it ended already
      }

    case 'wrapUpSaved':
      switch (call.state) {
        case 'wrap_up': {
          const started = Date.parse(call.wrapUpStartedAt ?? call.endedAt ?? iso(nowMs));
          const seconds = Math.round((nowMs - started) / 1000);
          return changed({
            ...call,
            state: 'done',
            wrapUpSavedAt: iso(nowMs),
            afterCallWorkSeconds: Math.min(MAX_ACW_SECONDS, Math.max(0, seconds)),
          });
        }
        case 'done':
          return same(); // saved again (an edit): the first save measured the work
        case 'missed':
          return refuse(
            'out_of_order',
            `Call ${JSON.stringify(call.callId)} was missed; there is nothing to wrap up.`,
          );
        default:
          return refuse(
            'out_of_order',
            `Call ${JSON.stringify(call.callId)} is still ${call.state === 'ringing' ? 'ringing' : 'on the line'}; wrap-up is saved after it ends.`,
          );
      }
  }
}

/** The times a wrap-up record (VocRecord) carries. */
export interface WrapUpTimes {
  startedAt: string;
  endedAt: string;
  afterCallWorkSeconds: number;
}

/** The wrap-up record's times, once the call is done (null before, or for a missed call). */
export function wrapUpTimes(call: CallSession): WrapUpTimes | null {
  const startedAt = call.answeredAt ?? call.ringingAt;
  if (call.state !== 'done' || !startedAt || !call.endedAt) return null;
  return { startedAt, endedAt: call.endedAt, afterCallWorkSeconds: call.afterCallWorkSeconds ?? 0 };
}

function changed(call: CallSession): CallResult {
  return { ok: true, call, changed: true };
}

function refuse(code: CallErrorCode, message: string): CallResult {
  return { ok: false, error: { code, message } };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The caller's number as E.164, or null (withheld, "anonymous", garbage). */
export function callerE164(ani: string): string | null {
  try {
    return toE164(ani);
  } catch {
    return null;
  }
}
