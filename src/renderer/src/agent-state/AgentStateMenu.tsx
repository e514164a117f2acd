import { Button, Menu } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  notReadyReason,
  type AgentChoice,
  type AgentState,
  type AgentStatus,
} from '../../../shared/agent-state/agent-state';
import { callKoe } from '../app/koe-call';

const COLOR: Record<AgentStatus, string> = {
  ready: 'teal',
  ringing: 'grape',
  on_call: 'blue',
  after_call_work: 'grape',
  not_ready: 'gray',
};

/** The agent's state as the core holds it, following its pushes. */
function useAgentState(): AgentState | null {
  const [state, setState] = useState<AgentState | null>(null);
  useEffect(() => {
    let live = true;
    const off = window.koe.on('agentState:changed', (next) => setState(next));
    void callKoe('agentState:get', {}).then((result) => {
      if (live && result.ok) setState((seen) => seen ?? result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}

/**
 * Beside the agent's name: the state (受付可 / 通話中 / 後処理 / 受付停止 + reason), and a menu
 * (keyboard: Enter or Space opens it, arrows move, Enter picks) to choose ready or not ready.
 */
export function AgentStateMenu() {
  const { t } = useTranslation();
  const state = useAgentState();
  if (!state) return null;
  const choose = (choice: AgentChoice) => void callKoe('agentState:choose', choice);
  const label =
    state.status === 'not_ready' && state.reason
      ? `${t(`agentState.status.not_ready`)}・${t(`agentState.reason.${state.reason}`)}`
      : t(`agentState.status.${state.status}`);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-sm"
          radius="xl"
          variant="light"
          color={COLOR[state.status]}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={`${t('agentState.label')}: ${label}`}
          data-testid="agent-state"
          data-status={state.status}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="agent-state-menu">
        <Menu.Label>{t('agentState.menuLabel')}</Menu.Label>
        <Menu.Item onClick={() => choose({ status: 'ready' })} data-testid="agent-state-ready">
          {t('agentState.status.ready')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('agentState.chooseNotReady')}</Menu.Label>
        {notReadyReason.options.map((reason) => (
          <Menu.Item
            key={reason}
            onClick={() => choose({ status: 'not_ready', reason })}
            data-testid={`agent-state-not-ready-${reason}`}
          >
            {t(`agentState.reason.${reason}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
