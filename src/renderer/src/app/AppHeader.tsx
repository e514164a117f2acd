import { Group } from '@mantine/core';
import type { KeyboardEvent, RefObject } from 'react';
import type { AppInfo } from '../../../shared/ipc';
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
  onScreenPop(phone: string): void;
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
  onScreenPop,
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
        <ScreenPopButton onScreenPop={onScreenPop} />
        <LanguageSwitch />
        <ThemeSwitch />
        <SettingsButton onOpen={onOpenSettings} active={settingsOpen} />
      </Group>
    </Group>
  );
}
