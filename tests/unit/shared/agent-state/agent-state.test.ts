import { describe, expect, it } from 'vitest';
import {
  initialAgentState,
  lineFor,
  nextAgentState,
  type AgentState,
  type AgentStateEvent,
} from '../../../../src/shared/agent-state/agent-state';

const T = (n: number) => `2026-12-06T09:00:${String(n).padStart(2, '0')}.000Z`;
const run = (events: AgentStateEvent[], from: AgentState = initialAgentState(T(0))) =>
  events.reduce(nextAgentState, from);

describe('agent state machine', () => {
  it('starts not ready (no call is routed before the agent says so)', () => {
    expect(initialAgentState(T(0))).toMatchObject({ status: 'not_ready', reason: null });
  });

  it('follows a call: ring → ringing, answered → on call, wrap-up → after-call work, saved → the chosen state', () => {
    const ready = run([{ type: 'chose', choice: { status: 'ready' }, at: T(1) }]);
    expect(ready).toMatchObject({ status: 'ready', since: T(1) });
    const ringing = nextAgentState(ready, { type: 'line', line: lineFor('ringing'), at: T(2) });
    expect(ringing).toMatchObject({ status: 'ringing', since: T(2) });
    const answered = nextAgentState(ringing, { type: 'line', line: lineFor('in_call'), at: T(3) });
    // The call's duration starts when it is answered, not at the ring.
    expect(answered).toMatchObject({ status: 'on_call', since: T(3) });
    const wrapUp = nextAgentState(answered, { type: 'line', line: lineFor('wrap_up'), at: T(4) });
    expect(wrapUp).toMatchObject({ status: 'after_call_work', since: T(4) });
    const saved = nextAgentState(wrapUp, { type: 'line', line: lineFor('done'), at: T(5) });
    expect(saved).toMatchObject({ status: 'ready', reason: null, since: T(5) });
  });

  it('a choice made on a call waits for the line to be idle', () => {
    const state = run([
      { type: 'chose', choice: { status: 'ready' }, at: T(1) },
      { type: 'line', line: 'on_call', at: T(2) },
      { type: 'chose', choice: { status: 'not_ready', reason: 'break' }, at: T(3) },
    ]);
    expect(state).toMatchObject({ status: 'on_call', reason: null, since: T(2) });
    const after = run(
      [
        { type: 'line', line: 'after_call_work', at: T(4) },
        { type: 'line', line: 'idle', at: T(5) },
      ],
      state,
    );
    expect(after).toMatchObject({ status: 'not_ready', reason: 'break', since: T(5) });
  });

  it('changing the reason is a change; choosing the same again is not', () => {
    const onBreak = run([
      { type: 'chose', choice: { status: 'not_ready', reason: 'break' }, at: T(1) },
    ]);
    expect(
      nextAgentState(onBreak, {
        type: 'chose',
        choice: { status: 'not_ready', reason: 'break' },
        at: T(2),
      }),
    ).toBe(onBreak);
    const training = nextAgentState(onBreak, {
      type: 'chose',
      choice: { status: 'not_ready', reason: 'training' },
      at: T(3),
    });
    expect(training).toMatchObject({ status: 'not_ready', reason: 'training', since: T(3) });
  });

  it('a missed call (rang, never answered) goes back to the chosen state', () => {
    const state = run([
      { type: 'chose', choice: { status: 'ready' }, at: T(1) },
      { type: 'line', line: lineFor('ringing'), at: T(2) },
      { type: 'line', line: lineFor('missed'), at: T(3) },
    ]);
    expect(state).toMatchObject({ status: 'ready', since: T(3) });
  });
});
