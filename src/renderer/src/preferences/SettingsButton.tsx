import { useHotkeys } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../app/IconButton';
import { modifierKeyLabel } from '../app/shortcut-labels';

/** The gear in the header; Ctrl+, (⌘, on a Mac) opens Settings from anywhere, as in most apps. */
export function SettingsButton({ onOpen, active }: { onOpen(): void; active: boolean }) {
  const { t } = useTranslation();
  useHotkeys([['mod+,', onOpen]], []);
  const shortcut = `${modifierKeyLabel()}+,`;
  return (
    <IconButton
      label={t('settings.open')}
      tooltip={t('settings.openWithShortcut', { shortcut })}
      variant={active ? 'light' : 'default'}
      size="lg"
      radius="xl"
      aria-keyshortcuts="Control+Comma Meta+Comma"
      aria-pressed={active}
      onClick={onOpen}
      data-testid="settings-button"
    >
      <IconSettings size={18} />
    </IconButton>
  );
}
