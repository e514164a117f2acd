import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { WrapUpDraft } from '../../../shared/calls/call-draft';
import { popsWorkspace, type CallSession } from '../../../shared/calls/call-session';
import type { Policy, ScriptVersion } from '../../../shared/domain/guidance';
import type { HarassmentEvent } from '../../../shared/guidance';
import type { CallsState, IpcError, IpcResult, ScreenPopResult } from '../../../shared/ipc';
import { callKoe } from '../app/koe-call';
import {
  callDesk,
  callWork,
  draftOf,
  initialCallDesk,
  type CallDeskState,
  type CallWork,
  type SupervisorAlertStage,
} from './call-desk';

export interface CallDesk {
  state: CallDeskState;
  /** The current call's work (customer chosen, harassment, script); null when idle. */
  currentWork: CallWork | null;
  workFor(callId: string): CallWork;
  /** The screen pop main sent with the call's ring (or start); undefined when none came. */
  pushedPop(callId: string): ScreenPopResult | undefined;
  reload(): void;
  /** The call the desk holds now, read when asked (for a promise that outlives its render). */
  currentCallId(): string | null;
  /** A typed number: the agent takes a call outside the CTI. */
  start(phone: string): Promise<IpcResult<CallSession>>;
  end(callId: string): Promise<IpcResult<CallSession>>;
  chooseCustomer(callId: string, customerId: string | null): void;
  harassment(callId: string, event: HarassmentEvent, policy: Policy | null): void;
  harassmentNote(callId: string, note: string): void;
  alertSupervisor(
    callId: string,
    customerId: string | null,
    stage: SupervisorAlertStage,
  ): Promise<IpcError | null>;
  scriptMoved(callId: string, scriptId: string, path: string[]): void;
  /** Keeps the version of a script the call has shown (see `CallWork.pinnedScripts`). */
  pinScript(callId: string, script: ScriptVersion): void;
  /** The wrap-up form as the agent left it (kept by the core until the wrap-up is saved). */
  wrapUpDraft(callId: string, draft: WrapUpDraft): void;
  /** Marks an offered next-best-action (its kind) as done on the call, or unmarks it. */
  actionDone(callId: string, kind: string, done: boolean): void;
  /** Makes a call waiting for its wrap-up the current one (not while a call is on the line). */
  resume(callId: string): void;
}

/**
 * The call desk as the renderer follows it: reads `calls:state`, applies every `calls:changed`,
 * and calls `onPop` when a call rings or the agent starts one (the app then shows the call
 * workspace, which pops the caller). A call already in progress when the window opens (a reload
 * mid-call) pops too.
 */
export function useCallDesk(onPop: (call: CallSession) => void): CallDesk {
  const [state, dispatch] = useReducer(callDesk, initialCallDesk);
  const onPopRef = useRef(onPop);
  useEffect(() => {
    onPopRef.current = onPop;
  }, [onPop]);

  // Only the newest read may land: a slow answer never overwrites a newer one.
  const readSeq = useRef(0);
  /** How many `calls:changed` this page has applied: a read older than one of them is stale. */
  const eventsApplied = useRef(0);
  const poppedOnLoad = useRef(false);
  const reload = useCallback(() => {
    const read = () => {
      const seq = ++readSeq.current;
      const eventsBefore = eventsApplied.current;
      void callKoe('calls:state', {}).then((result) => {
        if (seq !== readSeq.current) return;
        // A call event landed while this read was on its way, so the read may predate it: a
        // ring that arrived meanwhile would lose the screen to the call before it. Read again:
        // the core emits an event only after its own state has it.
        if (eventsBefore !== eventsApplied.current) return read();
        apply(result);
      });
    };
    const apply = (result: IpcResult<CallsState>) => {
      if (!result.ok) {
        dispatch({ type: 'loadFailed', error: result.error });
        return;
      }
      dispatch({ type: 'loaded', state: result.value });
      const current = result.value.current;
      if (!poppedOnLoad.current) {
        poppedOnLoad.current = true;
        if (current) onPopRef.current(current);
      }
    };
    read();
  }, []);

  /** The call that has the screen, as of the latest render. */
  const currentRef = useRef<string | null>(null);
  /** The call that last rang or was started, until it is done: set by the event itself. */
  const popped = useRef<string | null>(null);

  // Only the current call's pop is needed; a new ring replaces it.
  const pushed = useRef<{ callId: string; pop: ScreenPopResult } | null>(null);

  useEffect(() => {
    reload();
    const offChanged = window.koe.on('calls:changed', ({ call, cause, pop }) => {
      eventsApplied.current++;
      if (pop) pushed.current = { callId: call.callId, pop };
      // Known at once, not after the next render: a wrap-up whose save completes right after
      // this ring must see that a call now has the screen (see CallWorkspace's onSaved).
      if (popsWorkspace(cause)) popped.current = call.callId;
      else if (popped.current === call.callId && (call.state === 'done' || call.state === 'missed'))
        popped.current = null;
      dispatch({ type: 'changed', call, cause });
      if (popsWorkspace(cause)) onPopRef.current(call);
      // "My calls today" and the agent come with the full state: read it again — except at a
      // ring, which changes neither, and whose card must not wait behind that read in main.
      if (cause !== 'ringing') reload();
    });
    const offAlert = window.koe.on('calls:supervisorAlert', ({ callId, stage, at }) =>
      dispatch({ type: 'supervisorAlerted', callId, stage, at }),
    );
    // Each saved wrap-up in "my calls today" says whether the retailer has it: read the list
    // again when the outbox changes (a record delivered, refused or queued again).
    let outbox = '';
    const offSync = window.koe.on('sync:status', ({ pendingOutbox, quarantined }) => {
      const next = `${pendingOutbox}/${quarantined}`;
      if (next !== outbox && outbox !== '') reload();
      outbox = next;
    });
    return () => {
      offChanged();
      offAlert();
      offSync();
    };
  }, [reload]);

  const start = useCallback(async (phone: string) => {
    const result = await callKoe('calls:start', { phone });
    if (result.ok) {
      dispatch({ type: 'changed', call: result.value, cause: 'started' });
      onPopRef.current(result.value);
    }
    return result;
  }, []);

  const end = useCallback(async (callId: string) => {
    const result = await callKoe('calls:end', { callId });
    if (result.ok) dispatch({ type: 'changed', call: result.value, cause: 'ended' });
    return result;
  }, []);

  const alertSupervisor = useCallback(
    async (callId: string, customerId: string | null, stage: SupervisorAlertStage) => {
      const result = await callKoe('calls:alertSupervisor', { callId, customerId, stage });
      if (!result.ok) return result.error;
      dispatch({ type: 'supervisorAlerted', callId, stage, at: result.value.alertedAt });
      return null;
    },
    [],
  );

  usePersistedWork(state);

  const current = state.current;
  useEffect(() => {
    currentRef.current = current?.callId ?? null;
  }, [current]);
  const currentWork = useMemo(
    () => (current ? callWork(state, current.callId) : null),
    [current, state],
  );

  return {
    state,
    currentWork,
    workFor: useCallback((callId: string) => callWork(state, callId), [state]),
    pushedPop: useCallback(
      (callId: string) => (pushed.current?.callId === callId ? pushed.current.pop : undefined),
      [],
    ),
    reload,
    currentCallId: useCallback(() => popped.current ?? currentRef.current, []),
    start,
    end,
    chooseCustomer: useCallback(
      (callId: string, customerId: string | null) =>
        dispatch({ type: 'customerChosen', callId, customerId }),
      [],
    ),
    harassment: useCallback(
      (callId: string, event: HarassmentEvent, policy: Policy | null) =>
        dispatch({ type: 'harassment', callId, event, policy }),
      [],
    ),
    harassmentNote: useCallback(
      (callId: string, note: string) => dispatch({ type: 'harassmentNote', callId, note }),
      [],
    ),
    alertSupervisor,
    scriptMoved: useCallback(
      (callId: string, scriptId: string, path: string[]) =>
        dispatch({ type: 'scriptMoved', callId, scriptId, path }),
      [],
    ),
    pinScript: useCallback(
      (callId: string, script: ScriptVersion) => dispatch({ type: 'scriptPinned', callId, script }),
      [],
    ),
    wrapUpDraft: useCallback(
      (callId: string, draft: WrapUpDraft) => dispatch({ type: 'wrapUpDraft', callId, draft }),
      [],
    ),
    actionDone: useCallback(
      (callId: string, kind: string, done: boolean) =>
        dispatch({ type: 'actionDone', callId, kind, done }),
      [],
    ),
    resume: useCallback((callId: string) => dispatch({ type: 'resume', callId }), []),
  };
}

/**
 * Sends the work on each active call to the core whenever it changes, so it outlives this window
 * (a reload) and the app (a crash). Only what changed is sent; the form reports its changes
 * already debounced (see `useDraftReporter`). A send that fails is tried again at the next
 * change; the core refuses work for a call that is no longer active (saved meanwhile).
 */
function usePersistedWork(state: CallDeskState) {
  const sent = useRef(new Map<string, string>());
  const { work: allWork, waiting, current } = state;
  useEffect(() => {
    const active = new Set([...waiting.map((c) => c.callId), ...(current ? [current.callId] : [])]);
    for (const [callId, work] of Object.entries(allWork)) {
      if (!active.has(callId)) continue;
      const draft = draftOf(work);
      const json = JSON.stringify(draft);
      if (sent.current.get(callId) === json) continue;
      sent.current.set(callId, json);
      void callKoe('calls:saveDraft', { callId, draft }).then((result) => {
        if (!result.ok && sent.current.get(callId) === json) sent.current.delete(callId);
      });
    }
  }, [allWork, waiting, current]);
}
