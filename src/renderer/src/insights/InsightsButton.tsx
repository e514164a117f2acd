import { ActionIcon, Tooltip } from '@mantine/core';
import { IconChartAreaLine } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The header's way to the insights; only shown to the roles that may see them. */
export function InsightsButton({ onOpen, active }: { onOpen(): void; active: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('insights.openHint')}>
      <ActionIcon
        variant={active ? 'light' : 'default'}
        size="lg"
        radius="xl"
        aria-label={t('insights.open')}
        aria-pressed={active}
        onClick={onOpen}
        data-testid="insights-button"
      >
        <IconChartAreaLine size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
