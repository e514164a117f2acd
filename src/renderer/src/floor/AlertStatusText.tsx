import { Alert, Text } from '@mantine/core';
import { IconBellRinging, IconBellX, IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeskAlert } from '../../../shared/floor-ipc';
import { useFormatters } from '../i18n/use-formatters';

const COLOR: Record<DeskAlert['status'], string> = {
  not_told: 'red',
  told: 'yellow',
  acknowledged: 'teal',
  escalated: 'orange',
  refused: 'red',
};

/**
 * What became of an alert, in plain words, from the desk's own record of it: "not told yet"
 * while it waits in the outbox, "told" once the retailer has it, who is taking it and when.
 */
export function AlertStatusText({ alert }: { alert: DeskAlert }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const text = (() => {
    switch (alert.status) {
      case 'not_told':
        return t('floor.status.not_told', { time: format.dateTime(alert.raisedAt) });
      case 'told':
        return t('floor.status.told', {
          time: format.dateTime(alert.deliveredAt ?? alert.raisedAt),
        });
      case 'acknowledged':
        return t('floor.status.acknowledged', {
          name: alert.acknowledged?.byName ?? '',
          time: format.dateTime(alert.acknowledged?.at ?? alert.raisedAt),
        });
      case 'escalated':
        return t('floor.status.escalated', {
          time: format.dateTime(alert.escalatedAt ?? alert.raisedAt),
        });
      case 'refused':
        return t('floor.status.refused', { reason: alert.lastError ?? '' });
    }
  })();
  const Icon =
    alert.status === 'acknowledged'
      ? IconUserCheck
      : alert.status === 'not_told' || alert.status === 'refused'
        ? IconBellX
        : IconBellRinging;
  return (
    <Alert
      color={COLOR[alert.status]}
      variant="light"
      py={6}
      icon={<Icon size={18} aria-hidden />}
      role="status"
      data-testid="alert-status"
      data-status={alert.status}
    >
      <Text size="sm">{text}</Text>
    </Alert>
  );
}
