import { describe, expect, it } from 'vitest';
import {
  directCall,
  popsWorkspace,
  ringingCall,
  type CallSession,
} from '../../../src/shared/calls/call-session';
import { demoPolicies } from '../../../src/shared/demo/policies';
import { callDraft, type CallDraft } from '../../../src/shared/calls/call-draft';
import { initialHarassmentState } from '../../../src/shared/guidance';
import {
  callDesk,
  callWork,
  draftOf,
  initialCallDesk,
  pendingSupervisorAlert,
  type CallDeskAction,
  type CallDeskState,
} from '../../../src/renderer/src/calls/call-desk';

const T0 = Date.parse('2026-11-23T09:00:00+09:00');
const harassmentPolicy = demoPolicies(T0).find((p) => p.kind === 'harassment_protocol') ?? null;

const reduce = (state: CallDeskState, ...actions: CallDeskAction[]) =>
  actions.reduce(callDesk, state);

const ready = reduce(initialCallDesk, {
  type: 'loaded',
  state: {
    current: null,
    today: [],
    agent: { id: 'a1', displayName: '山田', centerId: 'c1', role: 'agent', retailerName: null },
    waiting: [],
    drafts: {},
  },
});

/** The work the core keeps on a call in wrap-up (see tests/integration/calls/draft-fixtures). */
function wrapUpDraftWith(customerWords: string): CallDraft {
  return {
    customerId: 'cus-1',
    harassment: initialHarassmentState(),
    harassmentNote: '',
    supervisorAlerts: [],
    script: null,
    wrapUp: {
      form: {
        reasonCodes: ['delivery.late'],
        sentiment: 'negative',
        resolution: null,
        avoidableChoice: null,
        customerWords,
        orderId: null,
      },
      context: {
        customerId: 'cus-1',
        predictedReason: 'delivery.late',
        script: null,
        harassment: null,
      },
      outreachOutcome: null,
    },
  };
}

function answered(call: CallSession): CallSession {
  return { ...call, state: 'in_call', answeredAt: new Date(T0 + 5_000).toISOString() };
}
function ended(call: CallSession): CallSession {
  const at = new Date(T0 + 60_000).toISOString();
  return { ...call, state: 'wrap_up', endedAt: at, wrapUpStartedAt: at };
}

describe('call desk reducer', () => {
  it('follows a call from ring to wrap-up and adds it to today', () => {
    const ring = ringingCall('call-1', '090-1234-5678', T0);
    let state = reduce(ready, { type: 'changed', call: ring, cause: 'ringing' });
    expect(state.current?.state).toBe('ringing');
    expect(state.today.map((c) => [c.callId, c.state])).toEqual([['call-1', 'ringing']]);
    state = reduce(
      state,
      { type: 'changed', call: answered(ring), cause: 'answered' },
      { type: 'changed', call: ended(answered(ring)), cause: 'ended' },
    );
    expect(state.current?.state).toBe('wrap_up');
    expect(state.today[0]?.state).toBe('wrap_up');
    state = reduce(state, {
      type: 'changed',
      call: { ...ended(answered(ring)), state: 'done' },
      cause: 'wrapUpSaved',
    });
    expect(state.current).toBeNull();
    expect(state.today[0]?.state).toBe('done');
  });

  it('never moves a call back on a late or repeated report', () => {
    const ring = ringingCall('call-1', '0312345678', T0);
    const state = reduce(
      ready,
      { type: 'changed', call: ended(answered(ring)), cause: 'ended' },
      // The answer to calls:end and a replayed "answered" arrive after the event.
      { type: 'changed', call: answered(ring), cause: 'answered' },
    );
    expect(state.current?.state).toBe('wrap_up');
    // A calls:state read that was on its way while the call ended keeps the newer state.
    const reread = reduce(state, {
      type: 'loaded',
      state: { current: answered(ring), today: [], agent: null, waiting: [], drafts: {} },
    });
    expect(reread.current?.state).toBe('wrap_up');
  });

  it('a missed call leaves the desk idle', () => {
    const ring = ringingCall('call-1', '0312345678', T0);
    const state = reduce(
      ready,
      { type: 'changed', call: ring, cause: 'ringing' },
      { type: 'changed', call: { ...ring, state: 'missed' }, cause: 'ended' },
    );
    expect(state.current).toBeNull();
    expect(state.today[0]?.state).toBe('missed');
  });

  it('news of another call does not replace the call in wrap-up, a new ring does', () => {
    const first = ended(answered(ringingCall('call-1', '0312345678', T0)));
    let state = reduce(ready, { type: 'changed', call: first, cause: 'ended' });
    const other = ringingCall('call-2', '0355550123', T0 + 1000);
    state = reduce(state, { type: 'changed', call: answered(other), cause: 'answered' });
    expect(state.current?.callId).toBe('call-1');
    state = reduce(state, { type: 'changed', call: other, cause: 'ringing' });
    expect(state.current?.callId).toBe('call-2');
  });

  it('keeps the chosen customer, harassment and script per call', () => {
    const call = directCall('call-1', '0661234567', 'manual', T0);
    let state = reduce(
      ready,
      { type: 'changed', call, cause: 'started' },
      { type: 'customerChosen', callId: 'call-1', customerId: 'cus-2' },
      { type: 'scriptMoved', callId: 'call-1', scriptId: 's1', path: ['greet', 'verify'] },
    );
    expect(callWork(state, 'call-1')).toMatchObject({
      customerId: 'cus-2',
      script: { scriptId: 's1', path: ['greet', 'verify'] },
    });
    expect(callWork(state, 'call-2').customerId).toBeUndefined();
    state = reduce(state, { type: 'customerChosen', callId: 'call-1', customerId: null });
    expect(callWork(state, 'call-1').customerId).toBeNull();
  });

  it('runs the harassment protocol with the policy and owes the supervisor two alerts', () => {
    const at = (s: number) => new Date(T0 + s * 1000).toISOString();
    const id = 'call-1';
    const step = (
      state: CallDeskState,
      type: 'flag' | 'warningGiven' | 'demandRepeated' | 'terminate',
      s: number,
    ) =>
      callDesk(state, {
        type: 'harassment',
        callId: id,
        event: { type, at: at(s) },
        policy: harassmentPolicy,
      });

    let state = ready;
    expect(pendingSupervisorAlert(callWork(state, id))).toBeNull();
    state = step(state, 'flag', 1);
    expect(callWork(state, id).harassment.stage).toBe('warn');
    expect(pendingSupervisorAlert(callWork(state, id))).toBe('warn');
    state = callDesk(state, { type: 'supervisorAlerted', callId: id, stage: 'warn', at: at(2) });
    // The same alert confirmed twice (the answer and the event) is one alert.
    state = callDesk(state, { type: 'supervisorAlerted', callId: id, stage: 'warn', at: at(2) });
    expect(callWork(state, id).supervisorAlerts).toHaveLength(1);
    expect(pendingSupervisorAlert(callWork(state, id))).toBeNull();

    state = step(state, 'warningGiven', 3);
    expect(callWork(state, id).harassment.stage).toBe('monitor');
    state = step(state, 'demandRepeated', 4);
    expect(callWork(state, id).harassment.stage).toBe('terminate');
    expect(pendingSupervisorAlert(callWork(state, id))).toBeNull();
    state = step(state, 'terminate', 5);
    expect(callWork(state, id).harassment).toMatchObject({
      stage: 'terminated',
      warningsGiven: 1,
      terminatedEarly: false,
    });
    expect(pendingSupervisorAlert(callWork(state, id))).toBe('terminated');
    state = callDesk(state, {
      type: 'supervisorAlerted',
      callId: id,
      stage: 'terminated',
      at: at(6),
    });
    expect(pendingSupervisorAlert(callWork(state, id))).toBeNull();
  });

  it('ignores a harassment step before abuse is flagged, and an unknown alert stage', () => {
    const state = reduce(
      ready,
      {
        type: 'harassment',
        callId: 'c',
        event: { type: 'warningGiven', at: new Date(T0).toISOString() },
        policy: null,
      },
      { type: 'supervisorAlerted', callId: 'c', stage: 'bogus', at: new Date(T0).toISOString() },
    );
    expect(callWork(state, 'c').harassment.stage).toBe('idle');
    expect(callWork(state, 'c').supervisorAlerts).toEqual([]);
  });

  it('shows a first load failure, but keeps the screen on a failed refresh', () => {
    const error = { code: 'unavailable' as const, message: 'gone' };
    expect(callDesk(initialCallDesk, { type: 'loadFailed', error }).status).toBe('error');
    expect(callDesk(ready, { type: 'loadFailed', error })).toBe(ready);
  });

  it('pops the workspace on a ring or a started call only', () => {
    expect(popsWorkspace('ringing')).toBe(true);
    expect(popsWorkspace('started')).toBe(true);
    expect(popsWorkspace('answered')).toBe(false);
    expect(popsWorkspace('ended')).toBe(false);
    expect(popsWorkspace('wrapUpSaved')).toBe(false);
  });

  it('takes the work the core kept for calls the screen does not know, never over its own', () => {
    const a = ended(answered(ringingCall('a', '09012345678', T0)));
    const kept = wrapUpDraftWith('kept words');
    const loaded = reduce(initialCallDesk, {
      type: 'loaded',
      state: { current: a, today: [], waiting: [a], agent: null, drafts: { a: kept } },
    });
    expect(callWork(loaded, 'a').wrapUp).toEqual(kept.wrapUp);
    expect(callWork(loaded, 'a').customerId).toBe('cus-1');
    // What the core keeps of it is what it gave (the round trip loses nothing).
    expect(draftOf(callWork(loaded, 'a'))).toEqual(kept);
    // The screen's newer words are not replaced by a read that was on its way.
    const typed = wrapUpDraftWith('newer words').wrapUp;
    if (!typed) throw new Error('fixture');
    const edited = reduce(loaded, { type: 'wrapUpDraft', callId: 'a', draft: typed });
    const reread = reduce(edited, {
      type: 'loaded',
      state: { current: a, today: [], waiting: [a], agent: null, drafts: { a: kept } },
    });
    expect(callWork(reread, 'a').wrapUp?.form.customerWords).toBe('newer words');
  });

  it('lists calls waiting for their wrap-up and lets the agent resume any, never over a call on the line', () => {
    const a = ended(answered(ringingCall('a', '09012345678', T0)));
    const bRing = ringingCall('b', '0355550123', T0 + 60_000);
    let state = reduce(ready, { type: 'changed', call: a, cause: 'ended' });
    state = reduce(state, { type: 'changed', call: bRing, cause: 'ringing' });
    expect(state.waiting.map((c) => c.callId)).toEqual(['a']);
    // B rings: resuming A now would take the agent away from the caller.
    expect(reduce(state, { type: 'resume', callId: 'a' }).current?.callId).toBe('b');
    const b = ended(answered(bRing));
    state = reduce(state, { type: 'changed', call: b, cause: 'ended' });
    expect(state.waiting.map((c) => c.callId)).toEqual(['a', 'b']);
    // From B's wrap-up to A's, and the desk's read of "newest call: B" keeps A on screen.
    state = reduce(state, { type: 'resume', callId: 'a' });
    expect(state.current?.callId).toBe('a');
    state = reduce(state, {
      type: 'loaded',
      state: { current: b, today: [], waiting: [a, b], agent: null, drafts: {} },
    });
    expect(state.current?.callId).toBe('a');
    // Saved, A leaves the list; an unknown call cannot be resumed.
    state = reduce(state, {
      type: 'changed',
      call: { ...a, state: 'done', wrapUpSavedAt: new Date(T0).toISOString() },
      cause: 'wrapUpSaved',
    });
    expect(state.waiting.map((c) => c.callId)).toEqual(['b']);
    expect(state.current).toBeNull();
    expect(reduce(state, { type: 'resume', callId: 'zzz' }).current).toBeNull();
  });
});

describe('next-best-actions marked done', () => {
  it('marks, unmarks and keeps them per call, through the draft the core keeps', () => {
    const a = answered(ringingCall('a', '09012345678', T0));
    const onCall = reduce(ready, { type: 'changed', call: a, cause: 'answered' });
    const marked = reduce(
      onCall,
      { type: 'actionDone', callId: 'a', kind: 'delay_coupon', done: true },
      { type: 'actionDone', callId: 'a', kind: 'reship', done: true },
      // Marked twice is marked once.
      { type: 'actionDone', callId: 'a', kind: 'delay_coupon', done: true },
      { type: 'actionDone', callId: 'b', kind: 'refund', done: true },
    );
    expect(callWork(marked, 'a').nextBestActionsDone).toEqual(['delay_coupon', 'reship']);
    expect(callWork(marked, 'b').nextBestActionsDone).toEqual(['refund']);
    const unmarked = reduce(marked, {
      type: 'actionDone',
      callId: 'a',
      kind: 'delay_coupon',
      done: false,
    });
    expect(callWork(unmarked, 'a').nextBestActionsDone).toEqual(['reship']);

    // The draft carries them (and passes the contract's schema); a reload gets them back.
    const draft = draftOf(callWork(unmarked, 'a'));
    expect(callDraft.parse(draft).nextBestActionsDone).toEqual(['reship']);
    const reloaded = reduce(initialCallDesk, {
      type: 'loaded',
      state: { current: a, today: [], waiting: [], agent: null, drafts: { a: draft } },
    });
    expect(callWork(reloaded, 'a').nextBestActionsDone).toEqual(['reship']);
  });

  it('reads a draft from before actions could be marked as none marked, and writes none back', () => {
    const a = ended(answered(ringingCall('a', '09012345678', T0)));
    const old = wrapUpDraftWith('older desk');
    const loaded = reduce(initialCallDesk, {
      type: 'loaded',
      state: { current: a, today: [], waiting: [a], agent: null, drafts: { a: old } },
    });
    expect(callWork(loaded, 'a').nextBestActionsDone).toEqual([]);
    expect(draftOf(callWork(loaded, 'a'))).toEqual(old);
  });

  it('keeps at most 50 (the bound of the draft schema)', () => {
    const actions: CallDeskAction[] = Array.from({ length: 60 }, (_, i) => ({
      type: 'actionDone',
      callId: 'a',
      kind: `kind_${i}`,
      done: true,
    }));
    const state = reduce(ready, ...actions);
    expect(callWork(state, 'a').nextBestActionsDone).toHaveLength(50);
    expect(() => callDraft.parse(draftOf(callWork(state, 'a')))).not.toThrow();
  });
});
