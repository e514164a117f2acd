import { uuidV7 } from '../../../shared/uuid-v7';
import {
  applyCallEvent,
  callerE164,
  directCall,
  isActive,
  isOnLine,
  type CallDeskCause,
  type CallEvent,
  type CallResult,
  type CallSession,
  type CallState,
  type OutreachCallTarget,
  type WrapUpTimes,
  wrapUpTimes,
} from '../../../shared/calls/call-session';

/** What changed on the desk: one call moved (or appeared). */
export interface CallDeskChange {
  call: CallSession;
  /** The call's state before the change; null when the call is new. */
  previousState: CallState | null;
  cause: CallDeskCause;
}

export type CallDeskListener = (change: CallDeskChange) => void;

export interface CallDeskOptions {
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
  /** Ids for calls started without the CTI (typed numbers, koe://call links). */
  newCallId?: (origin: 'manual' | 'link', nowMs: number) => string;
  /** Today's list is bounded: the oldest finished calls beyond this are forgotten. */
  maxCalls?: number;
  log?: (message: string, error?: unknown) => void;
  /**
   * Where the desk keeps its calls so they outlive the process (the `desk_calls` table in the
   * app); without one the desk lives in memory only (tests, benches).
   */
  persistence?: CallDeskPersistence;
}

/** The desk's calls on disk; written synchronously, before the change is announced. */
export interface CallDeskPersistence {
  loadCalls(): CallSession[];
  saveCall(call: CallSession): void;
  removeCall(callId: string): void;
  /** Runs `work` in one transaction that survives a power cut once this returns. */
  durably<T>(work: () => T): T;
}

/**
 * The agent's phone desk: the call on the line (or being wrapped up) and today's calls. Every
 * source of calls feeds it: the CTI bridge (HTTP and WebSocket), koe://call links, and numbers
 * the agent types. One line: while a call rings or is on the line, a second one is refused. A new
 * call may ring while an earlier one is still being wrapped up; that wrap-up stays pending (and
 * the app stays "in a call") until it is saved.
 */
export interface CallDesk {
  /** A telephony event (ringing, answered, ended) or the agent saving a wrap-up. */
  apply(event: CallEvent): CallResult;
  /**
   * Saves a call's wrap-up: `persist` receives the call as it will be once saved (state `done`,
   * after-call work measured) and the record's times, and writes the record; it runs in one
   * durable transaction with the call's own row (the persistence's `durably`), so a crash leaves
   * the record with the call done or neither. It throws to refuse, and then nothing changes (the
   * call stays in wrap-up, the app stays "in a call"). The listeners hear the change after the
   * commit. For a call already done (an edit), `persist` gets the first save's times.
   */
  saveWrapUp(callId: string, persist: (call: CallSession, times: WrapUpTimes) => void): CallResult;
  /** A call the agent takes or places outside the CTI; it starts on the line (`in_call`). */
  startCall(input: {
    ani: string;
    origin: 'manual' | 'link';
    /** An outbound call the agent placed from the outreach list (the softphone dials it). */
    outreach?: OutreachCallTarget;
  }): CallResult;
  /** The newest call still ringing, on the line or in wrap-up; null when there is none. */
  current(): CallSession | null;
  /** Today's calls (and any still active from before midnight), newest first. */
  today(): CallSession[];
  get(callId: string): CallSession | null;
  /** True from the ring until the wrap-up is saved: nothing may restart the app then. */
  isCallActive(): boolean;
  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: CallDeskListener): () => void;
}

const DEFAULT_MAX_CALLS = 500;

export function createCallDesk(options: CallDeskOptions = {}): CallDesk {
  const now = options.now ?? Date.now;
  const newCallId =
    options.newCallId ?? ((origin: string, nowMs: number) => `${origin}-${uuidV7(nowMs)}`);
  const maxCalls = options.maxCalls ?? DEFAULT_MAX_CALLS;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  /** Insertion order = the order calls started; newest last. */
  const calls = new Map<string, CallSession>();
  /**
   * The active calls of `calls` (ringing, on the line, in wrap-up), in the same order: a handful
   * where the day holds up to `maxCalls`, so a change's listeners asking for the current call do
   * not walk the whole day (the agent's state asks on every change, a save's included).
   */
  const active = new Map<string, CallSession>();
  const listeners = new Set<CallDeskListener>();
  const persistence = options.persistence ?? null;
  // The calls the app held when it last stopped (or crashed): a call still waiting for its
  // wrap-up is waiting for it still.
  for (const call of persistence?.loadCalls() ?? []) keep(call);
  prune();

  function onLine(): CallSession | null {
    for (const call of active.values()) if (isOnLine(call)) return call;
    return null;
  }

  function store(result: CallResult, previous: CallSession | null, cause: CallDeskChange['cause']) {
    if (!result.ok || !result.changed) return result;
    // On disk first: a write that fails changes nothing, in memory either. One that finds the
    // cache's write lock taken is written when it frees (desk-calls.repository.ts): the ring's
    // card does not wait for a background writer.
    persistence?.saveCall(result.call);
    return remember(result, previous, cause);
  }

  /** A change already on disk: kept in memory, then announced. */
  function remember(
    result: CallResult & { ok: true },
    previous: CallSession | null,
    cause: CallDeskChange['cause'],
  ) {
    keep(result.call);
    prune();
    const change: CallDeskChange = {
      call: result.call,
      previousState: previous?.state ?? null,
      cause,
    };
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        log('A call desk listener failed', error);
      }
    }
    return result;
  }

  function prune() {
    const today = dayOf(now());
    for (const [id, call] of calls) {
      // Calls are in the order they started: the first of today's ends the walk, so a change
      // (the ring's, the save's) does not walk the whole day.
      if (dayOf(startedMs(call)) === today) break;
      if (!isActive(call)) forget(id);
    }
    if (calls.size <= maxCalls) return;
    for (const [id, call] of calls) {
      if (calls.size <= maxCalls) break;
      if (!isActive(call)) forget(id);
    }
  }

  function forget(callId: string) {
    persistence?.removeCall(callId);
    // Only calls no longer active are forgotten: `active` never holds them.
    calls.delete(callId);
  }

  function keep(call: CallSession) {
    // Map.set keeps an existing call's place in the day's order and appends a new one. A call
    // is active from its start until done (or missed), so `active` keeps the same order.
    calls.set(call.callId, call);
    if (isActive(call)) active.set(call.callId, call);
    else active.delete(call.callId);
  }

  return {
    apply(event) {
      const previous = calls.get(event.callId) ?? null;
      if (!previous && event.type === 'ringing') {
        const busy = onLine();
        if (busy) {
          return {
            ok: false,
            error: {
              code: 'busy',
              message: `Call ${JSON.stringify(busy.callId)} is ${busy.state === 'ringing' ? 'ringing' : 'on the line'}; the agent has one line.`,
            },
          };
        }
      }
      return store(applyCallEvent(previous, event, now()), previous, event.type);
    },

    saveWrapUp(callId, persist) {
      const previous = calls.get(callId) ?? null;
      const result = applyCallEvent(previous, { type: 'wrapUpSaved', callId }, now());
      if (!result.ok) return result;
      const times = wrapUpTimes(result.call);
      if (!times) throw new Error(`saveWrapUp: call ${callId} has no wrap-up times`);
      const commit = persistence ? persistence.durably.bind(persistence) : runNow;
      // The listeners (the agent's state and its report to the retailer, the window's event, the
      // softphone) run after the commit: none of their work holds the durable transaction, and
      // none hears of a save that did not commit.
      commit(() => {
        persist(result.call, times);
        if (result.changed) persistence?.saveCall(result.call);
      });
      return result.changed ? remember(result, previous, 'wrapUpSaved') : result;
    },

    startCall({ ani, origin, outreach }) {
      const nowMs = now();
      const line = onLine();
      if (line) {
        // The softphone launched a koe://call link for the call the CTI already announced.
        const e164 = callerE164(ani);
        if (e164 !== null && e164 === line.e164) return { ok: true, call: line, changed: false };
        return {
          ok: false,
          error: {
            code: 'busy',
            message: `Call ${JSON.stringify(line.callId)} is ${line.state === 'ringing' ? 'ringing' : 'on the line'}; end it before starting another.`,
          },
        };
      }
      const direct = directCall(newCallId(origin, nowMs), ani, origin, nowMs);
      const call: CallSession = outreach ? { ...direct, direction: 'outbound', outreach } : direct;
      return store({ ok: true, call, changed: true }, null, 'started');
    },

    current() {
      let newest: CallSession | null = null;
      for (const call of active.values()) newest = call;
      return newest;
    },

    today() {
      prune();
      return [...calls.values()].reverse();
    },

    get: (callId) => calls.get(callId) ?? null,

    isCallActive() {
      return active.size > 0;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const runNow = <T>(work: () => T): T => work();

function startedMs(call: CallSession): number {
  return Date.parse(call.ringingAt ?? call.answeredAt ?? call.endedAt ?? '') || 0;
}

/** The local calendar day (the agent's shift is counted in local time). */
function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}
