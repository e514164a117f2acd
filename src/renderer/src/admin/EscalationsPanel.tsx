import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FloorAlert } from '../../../shared/protocol/supervisor-alerts';
import { callKoe } from '../app/koe-call';
import { useFormatters } from '../i18n/use-formatters';
import { AlertHeadline, AlertNote } from '../floor';
import { AdminTitle } from './AdminTable';

/**
 * What reached the retailer admin: the floor's alerts escalated to them (a `notify_admin`
 * bulk-access policy, an alert no supervisor took in time), newest first, kept current by the
 * floor events on the desk's stream. The same incidents go to the `incident.escalated` webhook.
 */
export function EscalationsPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [alerts, setAlerts] = useState<FloorAlert[] | null>(null);

  useEffect(() => {
    let current = true;
    void callKoe('floor:alerts', {}).then((result) => {
      if (current && result.ok) setAlerts(result.value.alerts);
    });
    const off = window.koe.on('floor:event', (event) => {
      if (event.type !== 'alert') return;
      setAlerts((list) => [event.alert, ...(list ?? []).filter((a) => a.id !== event.alert.id)]);
    });
    return () => {
      current = false;
      off();
    };
  }, []);

  const escalated = (alerts ?? [])
    .filter((a) => a.escalatedAt !== null)
    .sort((a, b) => (a.escalatedAt! < b.escalatedAt! ? 1 : -1));
  return (
    <Stack gap="xs" data-testid="admin-escalations">
      <AdminTitle
        title={t('admin.escalations.title')}
        description={t('admin.escalations.description')}
      />
      {alerts !== null && escalated.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.escalations.empty')}
        </Text>
      )}
      {escalated.slice(0, 20).map((alert) => (
        <Paper key={alert.id} withBorder p="xs" maw={760} data-testid="admin-escalation">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <AlertHeadline alert={alert} fw={600} />
            <Text size="xs" c="dimmed">
              {t('floor.escalatedAt', { time: format.dateTime(alert.escalatedAt!) })}
            </Text>
          </Group>
          <AlertNote alert={alert} lineClamp={2} />
          {alert.acknowledged ? (
            <Text size="xs" c="teal.8">
              {t('floor.takenBy', {
                name: alert.acknowledged.byName,
                time: format.dateTime(alert.acknowledged.at),
              })}
            </Text>
          ) : (
            <Badge color="red" variant="light" size="sm">
              {t('admin.escalations.open')}
            </Badge>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
