import { ActionIcon, Tooltip } from '@mantine/core';
import { IconScript } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The header's way into the script studio; shown only to trainers and retailer admins. */
export function StudioButton({ onOpen, active }: { onOpen(): void; active: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('studio.open')}>
      <ActionIcon
        variant={active ? 'light' : 'default'}
        size="lg"
        radius="xl"
        aria-label={t('studio.open')}
        aria-pressed={active}
        onClick={onOpen}
        data-testid="studio-button"
      >
        <IconScript size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
