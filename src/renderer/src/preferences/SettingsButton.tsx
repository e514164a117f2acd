import { ActionIcon, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { modifierKeyLabel } from '../app/shortcut-labels';

/** The gear in the header; Ctrl+, (⌘, on a Mac) opens Settings from anywhere, as in most apps. */
export function SettingsButton({ onOpen, active }: { onOpen(): void; active: boolean }) {
  const { t } = useTranslation();
  useHotkeys([['mod+,', onOpen]], []);
  const shortcut = `${modifierKeyLabel()}+,`;
  return (
    <Tooltip label={t('settings.openWithShortcut', { shortcut })}>
      <ActionIcon
        variant={active ? 'light' : 'default'}
        size="lg"
        radius="xl"
        aria-label={t('settings.open')}
        aria-keyshortcuts="Control+Comma Meta+Comma"
        aria-pressed={active}
        onClick={onOpen}
        data-testid="settings-button"
      >
        <IconSettings size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
