import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReturnRequest } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Section } from './Section';

const refundColor: Record<ReturnRequest['refundStatus'], string> = {
  not_applicable: 'gray',
  pending: 'yellow',
  processing: 'blue',
  refunded: 'teal',
  failed: 'red',
};

export function ReturnsSection({
  returns,
  orderNumbers,
}: {
  returns: ReturnRequest[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section
      title={t('returns.title')}
      icon={<IconArrowBackUp size={20} aria-hidden />}
      count={returns.length}
      emptyText={t('returns.empty')}
    >
      <Stack gap="xs">
        {returns.map((request) => (
          <Paper key={request.id} withBorder p="xs" radius="md">
            <Group justify="space-between" wrap="nowrap">
              <Group gap={6} wrap="nowrap">
                <Badge variant="light" color={request.kind === 'exchange' ? 'cyan' : 'indigo'}>
                  {t(`returns.kind.${request.kind}`)}
                </Badge>
                <Badge variant="outline" color="gray">
                  {t(`returns.status.${request.status}`)}
                </Badge>
              </Group>
              <Text size="sm" fw={600} className="koe-tabular">
                {format.money(request.amount, request.currency)}
              </Text>
            </Group>
            <Text size="sm" mt={4}>
              {request.reason}
            </Text>
            <Group gap="md" mt={4}>
              <Badge size="sm" variant="dot" color={refundColor[request.refundStatus]}>
                {t('returns.refund', { status: t(`returns.refundStatus.${request.refundStatus}`) })}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('returns.order', {
                  orderNumber: orderNumbers.get(request.orderId) ?? request.orderId,
                })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('returns.requestedAt', { date: format.date(request.requestedAt) })}
              </Text>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
