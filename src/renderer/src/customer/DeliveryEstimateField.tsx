import { Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeliveryEstimate } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { Field } from './Section';

/**
 * Koe's own delivery estimate beside the carrier's: the likeliest day and the range that holds
 * the delivery 90% of the time ("11/25 (90% by 11/26)"); the tooltip says what it is based on.
 */
export function DeliveryEstimateField({
  estimate,
  promisedDate,
}: {
  estimate: DeliveryEstimate;
  promisedDate: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const date = format.calendarDate(estimate.date);
  const high = format.calendarDate(estimate.high);
  const text =
    estimate.low === estimate.date
      ? t('prediction.estimateUpTo', { date, high })
      : t('prediction.estimateRange', { date, low: format.calendarDate(estimate.low), high });
  const basis = [
    t(`prediction.estimateBasis.${estimate.basis.level}`, {
      count: estimate.basis.samples,
      days: estimate.basis.typicalDays,
    }),
    ...(estimate.basis.delayReported ? [t('prediction.delayReportedBasis')] : []),
  ].join(' / ');
  const late = estimate.date > promisedDate;
  return (
    <Field label={t('prediction.estimateLabel')}>
      <Tooltip label={basis} multiline maw={320}>
        <Text
          size="sm"
          c={late ? 'red' : undefined}
          fw={late ? 600 : undefined}
          data-testid="delivery-estimate"
        >
          {text}
        </Text>
      </Tooltip>
      <Text size="xs" c="dimmed" data-testid="delivery-estimate-basis">
        {basis}
      </Text>
    </Field>
  );
}
