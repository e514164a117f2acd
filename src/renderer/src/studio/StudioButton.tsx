import { Tooltip } from '@mantine/core';
import { IconScript } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ViewButton, type ViewToggle } from '../app/ViewButton';

/** The header's way into the script studio; shown only to trainers and retailer admins. */
export function StudioButton({ view }: { view: ViewToggle }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('studio.open')}>
      <ViewButton icon={IconScript} label={t('studio.open')} view={view} testId="studio-button" />
    </Tooltip>
  );
}
