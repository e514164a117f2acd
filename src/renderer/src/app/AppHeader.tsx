import { Group } from '@mantine/core';
import { memo } from 'react';
import type { CallSession } from '../../../shared/calls/call-session';
import type { AppInfo } from '../../../shared/ipc';
import { AdminButton } from '../admin';
import { AgentStateMenu } from '../agent-state';
import { ReturnToCallButton } from '../calls';
import { InsightsButton } from '../insights';
import { FloorButton, RaiseHandButton } from '../floor';
import { StudioButton } from '../studio';
import { ScreenPopButton, SearchField, type SearchFieldProps } from '../customers';
import { LanguageSwitch, SettingsButton, ThemeSwitch } from '../preferences';
import { SyncStatusIndicator } from '../sync';
import { Brand } from './Brand';

interface AppHeaderProps {
  appInfo: AppInfo | null;
  /** The customer search field, as the app drives it (its results show in the main area). */
  search: SearchFieldProps;
  onStartCall(phone: string): Promise<string | null>;
  /** The call in progress while the agent looks at another screen (null otherwise). */
  callElsewhere: CallSession | null;
  onReturnToCall(): void;
  settingsOpen: boolean;
  onOpenSettings(): void;
  /** Null when the signed-in role has no insights (agents). */
  insights?: { open: boolean; onOpen(): void } | null;
  /** Null when the signed-in role does not author scripts (agents, supervisors). */
  studio?: { open: boolean; onOpen(): void } | null;
  /** Null unless the signed-in role is retailer admin. */
  /** `supervisor`: their center's desks and agents only (the button's hint says so). */
  admin?: { open: boolean; onOpen(): void; supervisor: boolean } | null;
  /** Null unless the signed-in role sees the floor (supervisors, retailer admins). */
  floor?: { open: boolean; onOpen(): void } | null;
  /** For agents: ask for help, naming the call on screen (null: no call). Null for others. */
  raiseHand?: { call: { callId: string; customerId: string | null } | null } | null;
}

/** Memoized: the app renders again on every change of the call desk (twice at a ring), and the
 * header, handed the same props, has nothing new to show. */
export const AppHeader = memo(function AppHeader({
  appInfo,
  search,
  onStartCall,
  callElsewhere,
  onReturnToCall,
  settingsOpen,
  onOpenSettings,
  insights,
  studio,
  admin,
  floor,
  raiseHand,
}: AppHeaderProps) {
  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
      <Brand appInfo={appInfo} />
      <SearchField {...search} />
      <Group gap="sm" wrap="nowrap">
        {raiseHand && <RaiseHandButton call={raiseHand.call} />}
        <AgentStateMenu />
        <SyncStatusIndicator />
        {callElsewhere ? (
          <ReturnToCallButton call={callElsewhere} onReturn={onReturnToCall} />
        ) : (
          <ScreenPopButton
            onStartCall={onStartCall}
            compact={Boolean(floor || insights || studio || admin)}
          />
        )}
        {floor && <FloorButton view={floor} />}
        {insights && <InsightsButton view={insights} />}
        {studio && <StudioButton view={studio} />}
        {admin && <AdminButton view={admin} supervisor={admin.supervisor} />}
        <LanguageSwitch />
        <ThemeSwitch />
        <SettingsButton onOpen={onOpenSettings} active={settingsOpen} />
      </Group>
    </Group>
  );
});
