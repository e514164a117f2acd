import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PullProgress } from '../../../shared/sync-status';

/**
 * A first sync's progress: how much is done and about how long is left (the retailer announces
 * its head, so this is measured, not guessed), what the agent can already do, and what happens
 * if it stops.
 */
export function PullProgressView({ progress }: { progress: PullProgress }) {
  const { t } = useTranslation();
  const percent = Math.floor(progress.fraction * 100);
  const minutes =
    progress.remainingMs === null ? null : Math.max(1, Math.round(progress.remainingMs / 60_000));
  return (
    <Stack gap={6} data-testid="sync-progress">
      <Progress
        value={percent}
        size="md"
        aria-label={t('sync.progress.label')}
        aria-valuetext={t('sync.progress.percent', { percent })}
      />
      <Text size="sm" fw={600}>
        {t('sync.progress.percent', { percent })}
        {' · '}
        {minutes === null
          ? t('sync.progress.measuring')
          : progress.remainingMs !== null && progress.remainingMs < 30_000
            ? t('sync.progress.remainingSoon')
            : t('sync.progress.remaining', { count: minutes })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('sync.progress.usable')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('sync.progress.interrupted')}
      </Text>
    </Stack>
  );
}
