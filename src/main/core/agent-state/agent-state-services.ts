import type { IpcServices } from '../platform/router';
import type { AgentStateService } from './agent-state-service';

export function createAgentStateServices(
  agentState: AgentStateService,
): Pick<IpcServices, 'agentState:get' | 'agentState:choose'> {
  return {
    'agentState:get': () => agentState.current(),
    'agentState:choose': (choice) => agentState.choose(choice),
  };
}
