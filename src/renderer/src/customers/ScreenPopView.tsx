import { Alert, Button, EmptyState, Paper, Stack, Text } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOff, IconSearch, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import { CustomerCardSkeleton } from './CustomerCardSkeleton';
import { CustomerCardView } from './CustomerCardView';
import { CustomerSummaryList } from './CustomerSummaryList';

interface ScreenPopViewProps {
  phone: string;
  onOpen(customerId: string): void;
  onSearch(query: string): void;
}

/** What a ring shows: the one customer's card, a chooser when several share the number, or a new caller. */
export function ScreenPopView({ phone, onOpen, onSearch }: ScreenPopViewProps) {
  const { t } = useTranslation();
  const pop = useKoeQuery('customers:screenPop', { phone });

  if (pop.status === 'loading' || pop.status === 'idle') return <CustomerCardSkeleton />;
  if (pop.status === 'error') return <ErrorState error={pop.error} onRetry={pop.retry} />;

  const { e164, matches, card } = pop.value;
  const shownPhone = e164 ? formatPhone(e164) : phone;
  const banner = (
    <Alert
      variant="light"
      color="indigo"
      icon={<IconPhoneIncoming size={20} />}
      title={t('screenPop.incoming', { phone: shownPhone })}
      py="xs"
    />
  );

  if (!e164) {
    return (
      <EmptyState
        mt="xl"
        icon={<IconPhoneOff size={32} />}
        withIndicatorBackground
        title={t('screenPop.unreadableTitle')}
        description={t('screenPop.unreadableDescription', { phone })}
      />
    );
  }

  if (card) {
    return (
      <Stack gap="sm">
        {banner}
        <CustomerCardView card={card} />
      </Stack>
    );
  }

  if (matches.length > 0) {
    return (
      <Stack gap="sm" maw={960}>
        {banner}
        <Paper withBorder p="md">
          <Text fw={600}>{t('screenPop.chooserTitle', { count: matches.length })}</Text>
          <Text size="sm" c="dimmed" mb="sm">
            {t('screenPop.chooserDescription')}
          </Text>
          <CustomerSummaryList
            customers={matches}
            onOpen={onOpen}
            label={t('screenPop.chooserTitle', { count: matches.length })}
          />
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="sm" maw={960}>
      {banner}
      <EmptyState
        mt="xl"
        variant="light"
        icon={<IconUserQuestion size={32} />}
        title={t('screenPop.newCallerTitle')}
        description={t('screenPop.newCallerDescription', { phone: shownPhone })}
      >
        <EmptyState.Actions>
          <Button leftSection={<IconSearch size={16} />} onClick={() => onSearch('')}>
            {t('screenPop.searchInstead')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Stack>
  );
}
