import { Alert, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';
import { formatRelativeTime, type SyncDisplayState } from './sync-display';
import { pullProgress } from '../../../shared/sync-status';
import { PullProgressView } from './PullProgressView';
import { SyncDot } from './SyncDot';
import type { SyncStatusState } from './use-sync-status';

/** The relative time is re-read this often while the details are open. */
const TICK_MS = 15_000;

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** What the popover of the indicator says: when, what waits, what went wrong, and a way out. */
export function SyncStatusDetails({
  sync,
  state,
  label,
}: {
  sync: SyncStatusState;
  state: SyncDisplayState;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const now = useNow();
  const locale = i18n.resolvedLanguage ?? 'ja';
  const status = sync.status;
  const pending = status?.pendingOutbox ?? 0;
  const quarantined = status?.quarantined ?? 0;
  const lastSyncedAt = status?.lastSyncedAt ?? null;
  const relative = lastSyncedAt
    ? formatRelativeTime(lastSyncedAt, now, locale, t('sync.justNow'))
    : null;
  const refused = status?.refused ?? [];
  const nextAttemptAt =
    state === 'reconnecting' || state === 'offline' ? status?.nextAttemptAt : null;
  // The agent reads what went wrong in their language; the technical words stay, second.
  const problem = status?.error ?? null;
  const ipcError = sync.syncNowError ?? sync.loadError;
  const error = problem
    ? { message: t(`sync.errors.${problem.code}`), detail: problem.detail }
    : ipcError
      ? { message: t(`app.errors.${ipcError.code}`), detail: ipcError.message || null }
      : null;
  const progress =
    state === 'bootstrapping' ? pullProgress(status?.pullSpan ?? null, now.getTime()) : null;
  const description =
    state === 'bootstrapping'
      ? t('sync.description.bootstrapping', { count: status?.pulledRecords ?? 0 })
      : t(`sync.description.${state}`);

  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Group gap={8} wrap="nowrap">
          <SyncDot state={state} />
          <Text fw={700} size="sm">
            {label}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {progress && <PullProgressView progress={progress} />}
      </Stack>

      <Divider />

      <Stack gap={2}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('sync.lastSynced')}
        </Text>
        {lastSyncedAt ? (
          <Group gap={8} align="baseline" wrap="nowrap" data-testid="sync-last-synced">
            <Text size="sm" fw={600}>
              {relative ?? lastSyncedAt}
            </Text>
            <Text size="xs" c="dimmed">
              {format.dateTime(lastSyncedAt)}
            </Text>
          </Group>
        ) : (
          <Text size="sm" data-testid="sync-last-synced">
            {t('sync.neverSynced')}
          </Text>
        )}
      </Stack>

      <Stack gap={4}>
        <Row
          label={t('sync.pendingLabel')}
          value={t('sync.countValue', { count: pending })}
          testId="sync-pending-count"
        />
        <Text size="xs" c="dimmed">
          {pending > 0
            ? t('sync.pendingExplanation', { count: pending })
            : quarantined > 0
              ? t('sync.pendingNoneButRefused')
              : t('sync.pendingNone')}
        </Text>
      </Stack>

      <Stack gap={4}>
        <Row
          label={t('sync.quarantinedLabel')}
          value={t('sync.countValue', { count: quarantined })}
          testId="sync-quarantined-count"
        />
        <Text size="xs" c={quarantined > 0 ? 'red' : 'dimmed'}>
          {quarantined > 0
            ? t('sync.quarantinedExplanation', { count: quarantined })
            : t('sync.quarantinedNone')}
        </Text>
        {refused.length > 0 && (
          <Stack gap={6} component="ul" aria-label={t('sync.refusedListLabel')} m={0} p={0}>
            {refused.map((record) => (
              <Stack
                key={record.vocId}
                component="li"
                gap={0}
                style={{ listStyle: 'none' }}
                data-testid="sync-refused-record"
                data-voc-id={record.vocId}
              >
                <Text size="xs" fw={600}>
                  {t('sync.refusedSavedAt', { time: format.dateTime(record.savedAt) })}
                </Text>
                <Text size="xs" c="red" data-testid="sync-refused-reason">
                  {t(`sync.refusal.${record.reason}`)}
                </Text>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                  {t('sync.technicalDetail')}: {record.detail}
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>

      {nextAttemptAt && (
        <Row
          label={t('sync.nextAttempt')}
          // To the second: the next attempt is seconds away, and the agent watches it come.
          value={new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(
            new Date(nextAttemptAt),
          )}
          testId="sync-next-attempt"
        />
      )}

      {error && (
        <Alert
          color={state === 'offline' ? 'gray' : 'red'}
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={16} />}
          title={t('sync.lastError')}
          data-testid="sync-error"
        >
          <Text size="xs" data-testid="sync-error-message">
            {error.message}
          </Text>
          {error.detail && (
            <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-word' }}>
              {t('sync.technicalDetail')}: {error.detail}
            </Text>
          )}
        </Alert>
      )}

      <Button
        fullWidth
        variant="light"
        leftSection={<IconRefresh size={16} aria-hidden />}
        loading={sync.syncNowPending}
        onClick={sync.syncNow}
      >
        {t('sync.syncNow')}
      </Button>
    </Stack>
  );
}
