import { Group, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatElapsed } from './wrap-up-state';

/**
 * After-call work: counts from the end of the call while the form is open, or shows the figure
 * recorded with a saved wrap-up (a correction does not add to it: the first save measured it).
 */
export function AcwTimer(props: { since: string } | { recordedSeconds: number }) {
  const { t } = useTranslation();
  const since = 'since' in props ? Date.parse(props.since) : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [since]);

  const text =
    'recordedSeconds' in props
      ? formatElapsed(props.recordedSeconds * 1000)
      : formatElapsed(now - (since ?? now));
  const label = 'recordedSeconds' in props ? t('wrapUp.acwRecorded') : t('wrapUp.acw');
  return (
    <Group gap={6} wrap="nowrap" aria-label={`${label} ${text}`} role="timer">
      <IconClockHour4 size={18} aria-hidden />
      <Text size="xs" c="dimmed" aria-hidden>
        {label}
      </Text>
      <Text className="koe-acw" aria-hidden data-testid="acw-timer">
        {text}
      </Text>
    </Group>
  );
}
