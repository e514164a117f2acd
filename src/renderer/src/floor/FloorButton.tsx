import { Indicator, Tooltip } from '@mantine/core';
import { IconLayoutGrid } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ViewButton, type ViewToggle } from '../app/ViewButton';

/**
 * The header's way to the live floor; shown only to supervisors and retailer admins. A dot
 * marks an alert that arrived since the floor was last open.
 */
export function FloorButton({ view }: { view: ViewToggle }) {
  const { t } = useTranslation();
  const [unseen, setUnseen] = useState(false);
  useEffect(() => window.koe.on('floor:notify', () => setUnseen(true)), []);
  return (
    <Tooltip label={t('floor.openHint')}>
      <Indicator disabled={!unseen || view.open} color="red" size={10} offset={4} processing>
        <ViewButton
          icon={IconLayoutGrid}
          label={t('floor.open')}
          view={{
            open: view.open,
            onOpen: () => {
              setUnseen(false);
              view.onOpen();
            },
          }}
          testId="floor-button"
        />
      </Indicator>
    </Tooltip>
  );
}
