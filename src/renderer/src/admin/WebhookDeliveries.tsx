import { Badge, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '../../../shared/protocol/webhooks';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import { useFormatters } from '../i18n/use-formatters';

const STATUS_COLOR: Record<WebhookDelivery['status'], string> = {
  pending: 'blue',
  delivered: 'teal',
  dead: 'red',
  cancelled: 'gray',
};

/** The latest deliveries of one webhook: when, what, how it went and, if it failed, why. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const query = useKoeQuery('admin:webhookDeliveries', { id: webhookId, limit: 20 });
  if (query.status === 'error') return <ErrorState error={query.error} onRetry={query.retry} />;
  if (query.status !== 'success') return <Loader size="xs" />;
  const { deliveries } = query.value;
  if (deliveries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.webhooks.noDeliveries')}
      </Text>
    );
  }
  return (
    <Table striped withTableBorder fz="sm" data-testid="webhook-deliveries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.webhooks.column.time')}</Table.Th>
          <Table.Th>{t('admin.webhooks.column.event')}</Table.Th>
          <Table.Th>{t('admin.webhooks.column.status')}</Table.Th>
          <Table.Th>{t('admin.webhooks.column.attempts')}</Table.Th>
          <Table.Th>{t('admin.webhooks.column.result')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deliveries.map((d) => (
          <Table.Tr key={d.id} data-testid="webhook-delivery">
            <Table.Td>{format.dateTime(d.createdAt)}</Table.Td>
            <Table.Td>{t(`admin.webhooks.event.${d.event}`)}</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOR[d.status]} variant="light">
                {t(`admin.webhooks.status.${d.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{d.attempts}</Table.Td>
            {/* The receiver's or the network's words: hostile text, shown as text. */}
            <Table.Td style={{ wordBreak: 'break-word' }}>
              {d.lastStatus !== null
                ? `HTTP ${d.lastStatus}`
                : d.attempts > 0
                  ? t('admin.webhooks.noAnswer')
                  : ''}
              {d.lastError && d.lastError !== `HTTP ${d.lastStatus}` ? ` — ${d.lastError}` : ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
