import { Group, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSettingsCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ViewButton, type ViewToggle } from '../app/ViewButton';
import { ariaKeys, ShortcutKeys } from '../app/ShortcutKeys';

/** The admin view's key: A for admin; with a modifier, so it also works from a text field. */
export const ADMIN_HOTKEY = 'mod+shift+A';

/** The header's way into the admin view; shown to retailer admins and supervisors. */
export function AdminButton({
  view,
  supervisor = false,
}: {
  view: ViewToggle;
  supervisor?: boolean;
}) {
  const { t } = useTranslation();
  useHotkeys([[ADMIN_HOTKEY, view.onOpen, { usePhysicalKeys: true }]], []);
  return (
    <Tooltip
      label={
        <Group gap={6} wrap="nowrap">
          <Text size="xs">{t(supervisor ? 'admin.supervisorOpenHint' : 'admin.openHint')}</Text>
          <ShortcutKeys hotkey={ADMIN_HOTKEY} />
        </Group>
      }
    >
      <ViewButton
        icon={IconSettingsCog}
        label={t('admin.open')}
        view={view}
        testId="admin-button"
        keyShortcuts={ariaKeys(ADMIN_HOTKEY)}
      />
    </Tooltip>
  );
}
