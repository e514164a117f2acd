import type { CallDraft, WrapUpDraft } from '../../../shared/calls/call-draft';
import type { CallDeskCause, CallSession, CallState } from '../../../shared/calls/call-session';
import {
  harassmentTransition,
  initialHarassmentState,
  needsSupervisorAlert,
  type HarassmentEvent,
  type HarassmentState,
} from '../../../shared/guidance';
import type { Policy, ScriptVersion } from '../../../shared/domain/guidance';
import type { CallsState, IpcError, SignedInAgent, TodayCall } from '../../../shared/ipc';

/**
 * The renderer's view of the call desk: the current call and today's calls as the core reports
 * them (`calls:state`, `calls:changed`), plus what only the agent's screen knows about each call,
 * keyed by call id so it survives leaving the workspace (a search, Settings) and coming back:
 * which customer the agent confirmed, the harassment protocol, where the script is, the wrap-up
 * as far as it is filled in. The core keeps a copy on disk (`calls:saveDraft`, see
 * `draftOf`), so it also survives the next call, a reload and a crash of the app.
 */
export interface CallWork {
  /**
   * The customer the agent confirmed for the call: an id, null for a caller who is not in the
   * data (a new customer), undefined while nobody is chosen yet (the pop is still showing).
   */
  customerId: string | null | undefined;
  harassment: HarassmentState;
  /** What the agent noted about the abuse (recorded with the incident). */
  harassmentNote: string;
  /** Stages the supervisor was alerted at (one alert per stage), with when. */
  supervisorAlerts: { stage: SupervisorAlertStage; at: string }[];
  /** The steps taken in the call's script (replayed with `runnerFromPath`). */
  script: { scriptId: string; path: string[] } | null;
  /**
   * The version of each script this call has shown, by scriptId: a version published during
   * the call reaches the next call, never this one (the agent's script does not change under
   * them, and the VoC names the version they read).
   */
  pinnedScripts: Readonly<Record<string, ScriptVersion>>;
  /** The offered next-best-actions (kinds) the agent marked as done, in the order marked. */
  nextBestActionsDone: string[];
  /** The wrap-up as the agent left it; null until the call's wrap-up opens. */
  wrapUp: WrapUpDraft | null;
}

export type SupervisorAlertStage = 'warn' | 'monitor' | 'terminate' | 'terminated';

export interface CallDeskState {
  status: 'loading' | 'ready' | 'error';
  error: IpcError | null;
  current: CallSession | null;
  today: TodayCall[];
  /** Calls ended and waiting for their wrap-up, oldest first. */
  waiting: CallSession[];
  agent: SignedInAgent | null;
  work: Readonly<Record<string, CallWork>>;
}

export type CallDeskAction =
  | { type: 'loaded'; state: CallsState }
  | { type: 'loadFailed'; error: IpcError }
  | { type: 'changed'; call: CallSession; cause: CallDeskCause }
  | { type: 'customerChosen'; callId: string; customerId: string | null }
  | { type: 'harassment'; callId: string; event: HarassmentEvent; policy: Policy | null }
  | { type: 'harassmentNote'; callId: string; note: string }
  | { type: 'supervisorAlerted'; callId: string; stage: string; at: string }
  | { type: 'scriptMoved'; callId: string; scriptId: string; path: string[] }
  | { type: 'scriptPinned'; callId: string; script: ScriptVersion }
  | { type: 'wrapUpDraft'; callId: string; draft: WrapUpDraft }
  /** The agent marks an offered next-best-action as done, or takes the mark back. */
  | { type: 'actionDone'; callId: string; kind: string; done: boolean }
  /** The agent picks which call waiting for its wrap-up to work on. */
  | { type: 'resume'; callId: string };

export const initialCallDesk: CallDeskState = {
  status: 'loading',
  error: null,
  current: null,
  today: [],
  waiting: [],
  agent: null,
  work: {},
};

/** How far a call got: an older report of the same call never moves it back. */
const PROGRESS: Record<CallState, number> = {
  ringing: 0,
  in_call: 1,
  wrap_up: 2,
  done: 3,
  missed: 3,
};

export function callProgress(call: CallSession): number {
  return PROGRESS[call.state];
}

const MAX_ACTIONS_DONE = 50;

const SUPERVISOR_STAGES: readonly string[] = ['warn', 'monitor', 'terminate', 'terminated'];

export function newCallWork(): CallWork {
  return {
    customerId: undefined,
    harassment: initialHarassmentState(),
    harassmentNote: '',
    supervisorAlerts: [],
    script: null,
    pinnedScripts: {},
    nextBestActionsDone: [],
    wrapUp: null,
  };
}

/**
 * What the core keeps of a call's work. The pinned scripts are left out (whole script versions,
 * and after a restart the call's guidance is read again anyway); the wrap-up keeps the script
 * version the agent read.
 */
export function draftOf(work: CallWork): CallDraft {
  return {
    ...(work.customerId === undefined ? {} : { customerId: work.customerId }),
    harassment: work.harassment,
    harassmentNote: work.harassmentNote,
    supervisorAlerts: work.supervisorAlerts,
    script: work.script,
    ...(work.nextBestActionsDone.length > 0
      ? { nextBestActionsDone: work.nextBestActionsDone }
      : {}),
    wrapUp: work.wrapUp,
  };
}

/** A call's work as the core kept it (after a reload or a restart of the app). */
export function workFromDraft(draft: CallDraft): CallWork {
  return {
    customerId: draft.customerId,
    harassment: draft.harassment,
    harassmentNote: draft.harassmentNote,
    supervisorAlerts: draft.supervisorAlerts,
    script: draft.script,
    pinnedScripts: {},
    nextBestActionsDone: draft.nextBestActionsDone ?? [],
    wrapUp: draft.wrapUp,
  };
}

/** The work of a call; a fresh one when the screen has done nothing for it yet. */
export function callWork(state: CallDeskState, callId: string): CallWork {
  return state.work[callId] ?? newCallWork();
}

function withWork(
  state: CallDeskState,
  callId: string,
  update: (work: CallWork) => CallWork,
): CallDeskState {
  return { ...state, work: { ...state.work, [callId]: update(callWork(state, callId)) } };
}

/** The newer of two reports of the same call (or the incoming one for another call). */
function merge(known: CallSession | null, incoming: CallSession): CallSession {
  if (!known || known.callId !== incoming.callId) return incoming;
  return callProgress(incoming) >= callProgress(known) ? incoming : known;
}

function isActiveCall(call: CallSession): boolean {
  return call.state === 'ringing' || call.state === 'in_call' || call.state === 'wrap_up';
}

/** The line of "my calls today" updated with a call's new state (added if it is new). */
function updateToday(today: TodayCall[], call: CallSession): TodayCall[] {
  const index = today.findIndex((c) => c.callId === call.callId);
  if (index === -1) {
    const line: TodayCall = {
      callId: call.callId,
      state: call.state,
      ani: call.ani,
      e164: call.e164,
      startedAt: call.ringingAt ?? call.answeredAt ?? call.endedAt ?? '',
      customerId: null,
      customerName: null,
      wrapUp: null,
    };
    return [line, ...today];
  }
  const known = today[index] as TodayCall;
  if (PROGRESS[known.state] > PROGRESS[call.state]) return today;
  const next = [...today];
  next[index] = { ...known, state: call.state };
  return next;
}

/** The calls waiting for their wrap-up, with a call's news: in when it ends, out once saved. */
function updateWaiting(waiting: CallSession[], call: CallSession): CallSession[] {
  const rest = waiting.filter((c) => c.callId !== call.callId);
  if (call.state !== 'wrap_up') return rest.length === waiting.length ? waiting : rest;
  const index = waiting.findIndex((c) => c.callId === call.callId);
  if (index === -1) return [...waiting, call];
  const next = [...waiting];
  next[index] = call;
  return next;
}

export function callDesk(state: CallDeskState, action: CallDeskAction): CallDeskState {
  switch (action.type) {
    case 'loaded': {
      const { current, today, agent, drafts, waiting } = action.state;
      // A `calls:changed` may have landed while the read was on its way: keep the newer.
      const merged =
        current && state.current?.callId === current.callId
          ? merge(state.current, current)
          : current;
      // The agent chose another call waiting for its wrap-up (`resume`): it stays on screen
      // while the core's newest call is a wrap-up too (a ring still takes the screen).
      const resumed =
        state.current?.state === 'wrap_up' && (merged === null || merged.state === 'wrap_up')
          ? (waiting.find((c) => c.callId === state.current?.callId) ?? null)
          : null;
      // The work the core kept, for calls this screen knows nothing of (after a reload); what
      // the screen holds is newer than what it last sent.
      const work = { ...state.work };
      for (const [callId, draft] of Object.entries(drafts)) {
        work[callId] ??= workFromDraft(draft);
      }
      return {
        ...state,
        status: 'ready',
        error: null,
        current: resumed ?? (merged && isActiveCall(merged) ? merged : null),
        today,
        waiting,
        agent,
        work,
      };
    }
    case 'loadFailed':
      // A failed refresh keeps what is on screen; only a first load shows the error.
      return state.status === 'ready' ? state : { ...state, status: 'error', error: action.error };
    case 'changed': {
      const call = merge(state.current, action.call);
      const isCurrent = state.current?.callId === call.callId;
      let current = state.current;
      if (isActiveCall(call)) {
        // A new ring or start replaces the current call; so does any news of the current one.
        if (isCurrent || action.cause === 'ringing' || action.cause === 'started' || !current) {
          current = call;
        }
      } else if (isCurrent) {
        current = null;
      }
      return {
        ...state,
        current,
        today: updateToday(state.today, call),
        waiting: updateWaiting(state.waiting, call),
      };
    }
    case 'customerChosen':
      return withWork(state, action.callId, (work) => ({
        ...work,
        customerId: action.customerId,
      }));
    case 'harassment':
      return withWork(state, action.callId, (work) => {
        // The policy's number of warnings applies from the moment abuse is flagged.
        const base =
          work.harassment.stage === 'idle' && action.event.type === 'flag'
            ? initialHarassmentState(action.policy)
            : work.harassment;
        const result = harassmentTransition(base, action.event);
        return result.ok ? { ...work, harassment: result.state } : work;
      });
    case 'harassmentNote':
      return withWork(state, action.callId, (work) => ({ ...work, harassmentNote: action.note }));
    case 'supervisorAlerted': {
      const stage = action.stage;
      if (!SUPERVISOR_STAGES.includes(stage)) return state;
      return withWork(state, action.callId, (work) =>
        work.supervisorAlerts.some((a) => a.stage === stage)
          ? work
          : {
              ...work,
              supervisorAlerts: [
                ...work.supervisorAlerts,
                { stage: stage as SupervisorAlertStage, at: action.at },
              ],
            },
      );
    }
    case 'scriptMoved':
      return withWork(state, action.callId, (work) => ({
        ...work,
        script: { scriptId: action.scriptId, path: action.path },
      }));
    case 'wrapUpDraft':
      return withWork(state, action.callId, (work) => ({ ...work, wrapUp: action.draft }));
    case 'actionDone':
      return withWork(state, action.callId, (work) => {
        const marked = work.nextBestActionsDone.includes(action.kind);
        if (marked === action.done) return work;
        const rest = work.nextBestActionsDone.filter((kind) => kind !== action.kind);
        // Bounded like the draft that keeps it (50 kinds: more than any policy set offers).
        if (action.done && rest.length >= MAX_ACTIONS_DONE) return work;
        return { ...work, nextBestActionsDone: action.done ? [...rest, action.kind] : rest };
      });
    case 'resume': {
      // Never away from a call on the line: only between calls, or from one wrap-up to another.
      if (state.current && state.current.state !== 'wrap_up') return state;
      const call = state.waiting.find((c) => c.callId === action.callId);
      return call ? { ...state, current: call } : state;
    }
    case 'scriptPinned':
      // Pinned once: a later version never replaces it (and nothing re-renders for it).
      if (callWork(state, action.callId).pinnedScripts[action.script.scriptId]) return state;
      return withWork(state, action.callId, (work) => ({
        ...work,
        pinnedScripts: { ...work.pinnedScripts, [action.script.scriptId]: action.script },
      }));
  }
}

/**
 * The protocol stage the supervisor must hear about and has not yet: flagging (the `warn`
 * stage, or `monitor` if the agent moved on before the alert went out) and the end of the call
 * under the protocol. Null when nothing is owed.
 */
export function pendingSupervisorAlert(work: CallWork): SupervisorAlertStage | null {
  const { harassment, supervisorAlerts } = work;
  if (!needsSupervisorAlert(harassment)) return null;
  const alerted = (stage: SupervisorAlertStage) => supervisorAlerts.some((a) => a.stage === stage);
  if (harassment.stage === 'terminated') return alerted('terminated') ? null : 'terminated';
  if (supervisorAlerts.length > 0) return null;
  return harassment.stage === 'idle' ? null : harassment.stage;
}
