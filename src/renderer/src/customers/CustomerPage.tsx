import { Button, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../app/ErrorState';
import { useKoeQuery } from '../app/use-koe-query';
import { CustomerCardSkeleton } from './CustomerCardSkeleton';
import { CustomerCardView } from './CustomerCardView';
import { HighlightedShipmentContext } from './current-call';

/** A customer opened from the search or a link: reads the card, then shows it. */
export function CustomerPage({
  customerId,
  shipmentId,
  onBack,
}: {
  customerId: string;
  /** Found by this shipment's tracking number: the card points it out. */
  shipmentId?: string | undefined;
  onBack?: () => void;
}) {
  const { t } = useTranslation();
  const card = useKoeQuery('customers:card', { customerId });
  return (
    <Stack gap="sm">
      {onBack && (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconArrowLeft size={16} />}
          onClick={onBack}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('customer.back')}
        </Button>
      )}
      {card.status === 'success' ? (
        <HighlightedShipmentContext.Provider value={shipmentId ?? null}>
          <CustomerCardView card={card.value} />
        </HighlightedShipmentContext.Provider>
      ) : card.status === 'error' ? (
        <ErrorState error={card.error} onRetry={card.retry} />
      ) : (
        <CustomerCardSkeleton />
      )}
    </Stack>
  );
}
