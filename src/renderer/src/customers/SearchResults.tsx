import { EmptyState, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconTruckDelivery, IconUserSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../app/ErrorState';
import { CustomerSummaryList } from './CustomerSummaryList';
import type { CustomerSearch } from './use-customer-search';

export function SearchResults({
  search,
  onOpen,
}: {
  search: CustomerSearch;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  const { result } = search;

  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.retry} />;
  const shown =
    result.status === 'success'
      ? result.value
      : result.status === 'loading'
        ? result.previous
        : null;
  if (!shown || (shown.customers.length === 0 && result.status !== 'success')) {
    return <SearchResultsSkeleton />;
  }

  const { customers, truncated, queryClass } = shown;
  const stale = result.status !== 'success';
  if (customers.length === 0) {
    return (
      <EmptyState
        mt={60}
        icon={<IconUserSearch size={32} />}
        withIndicatorBackground
        title={t('search.noResultsTitle')}
        description={t('search.noResultsDescription', { query: search.query })}
      />
    );
  }

  return (
    <Stack gap="xs" maw={1100}>
      <Group justify="space-between">
        <Group gap="sm">
          <Text fw={600}>{t('search.resultCount', { count: customers.length })}</Text>
          <Text size="sm" c="dimmed">
            {t('search.searchedAs', { kind: t(`search.queryClass.${queryClass}`) })}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('search.keyboardHint')}
        </Text>
      </Group>
      {shown.shipments?.map((s) => (
        <Group key={s.shipmentId} gap="xs" data-testid="tracked-shipment">
          <IconTruckDelivery size={18} aria-hidden />
          <Text size="sm">
            {t('search.trackedShipment', {
              trackingNumber: s.trackingNumber,
              carrier: t(`carrier.${s.carrier}`),
              orderNumber: s.orderNumber,
            })}
          </Text>
        </Group>
      ))}
      <Paper withBorder p={4} opacity={stale ? 0.6 : 1} aria-busy={stale}>
        <CustomerSummaryList
          customers={customers}
          onOpen={onOpen}
          label={t('search.resultsLabel')}
          selection={search}
        />
      </Paper>
      {truncated && (
        <Text size="sm" c="dimmed">
          {t('search.truncated', { count: customers.length })}
        </Text>
      )}
    </Stack>
  );
}

function SearchResultsSkeleton() {
  return (
    <Stack gap="xs" maw={1100} aria-busy="true">
      <Skeleton height={20} width={200} />
      <Paper withBorder p="md">
        <Stack gap="md">
          {[0, 1, 2, 3].map((row) => (
            <Group key={row} gap="lg" wrap="nowrap">
              <Stack gap={4} w={220}>
                <Skeleton height={10} width="50%" />
                <Skeleton height={16} width="80%" />
              </Stack>
              <Skeleton height={18} width={60} radius="xl" />
              <Skeleton height={14} width={140} />
              <Skeleton height={14} width={70} />
              <Skeleton height={14} width={160} ml="auto" />
            </Group>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}
