import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeliveryClaim } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Section } from './Section';

const claimStatusColor: Record<DeliveryClaim['status'], string> = {
  open: 'orange',
  investigating: 'yellow',
  resolved: 'teal',
  rejected: 'gray',
};

export function ClaimsSection({
  claims,
  orderNumbers,
}: {
  claims: DeliveryClaim[];
  orderNumbers: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Section
      title={t('claims.title')}
      icon={<IconAlertOctagon size={20} aria-hidden />}
      count={claims.length}
      emptyText={t('claims.empty')}
    >
      <Stack gap="xs">
        {claims.map((claim) => (
          <Paper key={claim.id} withBorder p="xs" radius="md">
            <Group justify="space-between" wrap="nowrap">
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {t(`claims.type.${claim.type}`)}
                </Text>
                <Badge variant="light" color={claimStatusColor[claim.status]}>
                  {t(`claims.status.${claim.status}`)}
                </Badge>
              </Group>
              <Text size="sm" fw={600} className="koe-tabular">
                {format.money(claim.amount, claim.currency)}
              </Text>
            </Group>
            <Group gap="md" mt={4}>
              {claim.outcome && (
                <Text size="xs">
                  {t('claims.outcomeLabel', { outcome: t(`claims.outcome.${claim.outcome}`) })}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t('returns.order', {
                  orderNumber: orderNumbers.get(claim.orderId) ?? claim.orderId,
                })}
              </Text>
              <Text size="xs" c="dimmed">
                {t('claims.openedAt', { date: format.date(claim.openedAt) })}
              </Text>
              {claim.resolvedAt && (
                <Text size="xs" c="dimmed">
                  {t('claims.resolvedAt', { date: format.date(claim.resolvedAt) })}
                </Text>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
