import {
  initialAgentState,
  lineFor,
  nextAgentState,
  statusChanged,
  type AgentChoice,
  type AgentState,
  type AgentStateEvent,
} from '../../../shared/agent-state/agent-state';
import type { CallDesk } from '../calls';

export type AgentStateListener = (state: AgentState) => void;

/**
 * The agent's state, owned by the core: the call desk moves it (a ring or a call on the line is
 * "on call", a pending wrap-up "after-call work"), the agent's choice sets it when the line is
 * idle. Listeners (the UI event, the retailer report, the softphone) hear real status changes.
 */
export interface AgentStateService {
  current(): AgentState;
  choose(choice: AgentChoice): AgentState;
  subscribe(listener: AgentStateListener): () => void;
  close(): void;
}

export function createAgentStateService(options: {
  desk: CallDesk;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}): AgentStateService {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const listeners = new Set<AgentStateListener>();
  const at = () => new Date(now()).toISOString();
  let state = nextAgentState(initialAgentState(at()), {
    type: 'line',
    line: lineFor(options.desk.current()?.state ?? null),
    at: at(),
  });

  function apply(event: AgentStateEvent): AgentState {
    const next = nextAgentState(state, event);
    if (next === state) return state;
    const before = state;
    state = next;
    if (statusChanged(before, next)) {
      for (const listener of [...listeners]) {
        try {
          listener(next);
        } catch (error) {
          log('An agent state listener failed', error);
        }
      }
    }
    return state;
  }

  // The desk's newest active call decides the line (a call may ring during an earlier wrap-up).
  const unsubscribe = options.desk.subscribe(() =>
    apply({ type: 'line', line: lineFor(options.desk.current()?.state ?? null), at: at() }),
  );

  return {
    current: () => state,
    choose: (choice) => apply({ type: 'chose', choice, at: at() }),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: unsubscribe,
  };
}
