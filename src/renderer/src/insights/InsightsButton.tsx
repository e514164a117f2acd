import { Tooltip } from '@mantine/core';
import { IconChartAreaLine } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ViewButton } from '../app/ViewButton';

/** The header's way to the insights; only shown to the roles that may see them. */
export function InsightsButton({ onOpen, active }: { onOpen(): void; active: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('insights.openHint')}>
      <ViewButton
        icon={IconChartAreaLine}
        label={t('insights.open')}
        active={active}
        onClick={onOpen}
        testId="insights-button"
      />
    </Tooltip>
  );
}
