import { Tooltip } from '@mantine/core';
import { IconChartAreaLine } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ViewButton, type ViewToggle } from '../app/ViewButton';

/** The header's way to the insights; only shown to the roles that may see them. */
export function InsightsButton({ view }: { view: ViewToggle }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('insights.openHint')}>
      <ViewButton
        icon={IconChartAreaLine}
        label={t('insights.open')}
        view={view}
        testId="insights-button"
      />
    </Tooltip>
  );
}
