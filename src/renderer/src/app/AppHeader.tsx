import { Group } from '@mantine/core';
import type { KeyboardEvent, RefObject } from 'react';
import type { CallSession } from '../../../shared/calls/call-session';
import type { AppInfo } from '../../../shared/ipc';
import { ReturnToCallButton } from '../call/ReturnToCallButton';
import { ScreenPopButton } from '../screen-pop/ScreenPopButton';
import { SearchField } from '../search/SearchField';
import { LanguageSwitch } from '../settings/LanguageSwitch';
import { SettingsButton } from '../settings/SettingsButton';
import { ThemeSwitch } from '../settings/ThemeSwitch';
import { SyncStatusIndicator } from '../sync/SyncStatusIndicator';
import { Brand } from './Brand';

interface AppHeaderProps {
  appInfo: AppInfo | null;
  query: string;
  onQueryChange(query: string): void;
  onSearchKey(event: KeyboardEvent<HTMLInputElement>): void;
  activeDescendant: string | undefined;
  searchListId: string;
  searchInputRef: RefObject<HTMLInputElement | null>;
  onFocusSearch(): void;
  onStartCall(phone: string): Promise<string | null>;
  /** The call in progress while the agent looks at another screen (null otherwise). */
  callElsewhere: CallSession | null;
  onReturnToCall(): void;
  settingsOpen: boolean;
  onOpenSettings(): void;
}

export function AppHeader({
  appInfo,
  query,
  onQueryChange,
  onSearchKey,
  activeDescendant,
  searchListId,
  searchInputRef,
  onFocusSearch,
  onStartCall,
  callElsewhere,
  onReturnToCall,
  settingsOpen,
  onOpenSettings,
}: AppHeaderProps) {
  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
      <Brand appInfo={appInfo} />
      <SearchField
        value={query}
        onChange={onQueryChange}
        onKeyDown={onSearchKey}
        activeDescendant={activeDescendant}
        controlsId={searchListId}
        inputRef={searchInputRef}
        onFocusShortcut={onFocusSearch}
      />
      <Group gap="sm" wrap="nowrap">
        <SyncStatusIndicator />
        {callElsewhere ? (
          <ReturnToCallButton call={callElsewhere} onReturn={onReturnToCall} />
        ) : (
          <ScreenPopButton onStartCall={onStartCall} />
        )}
        <LanguageSwitch />
        <ThemeSwitch />
        <SettingsButton onOpen={onOpenSettings} active={settingsOpen} />
      </Group>
    </Group>
  );
}
