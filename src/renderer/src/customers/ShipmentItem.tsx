import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip, CopyButton } from '@mantine/core';
import { IconCheck, IconCopy, IconTruckDelivery } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryEstimate, Shipment, ShipmentStatus } from '../../../shared/domain';
import { useFormatters } from '../i18n/use-formatters';
import { useHighlightedShipmentId } from './current-call';
import { Field } from './Section';
import { estimateMissesPromise, shipmentDelayDays } from './shipment-delay';
import { DeliveryEstimateField } from './DeliveryEstimateField';
import { TrackingTimeline } from './TrackingTimeline';

export const shipmentStatusColor: Record<ShipmentStatus, string> = {
  label_created: 'gray',
  in_transit: 'blue',
  out_for_delivery: 'cyan',
  delivered: 'teal',
  delayed: 'red',
  lost: 'red',
  returned_to_sender: 'orange',
};

/** One parcel: carrier, tracking number, status, promise against estimate, and its timeline. */
export function ShipmentItem({
  shipment,
  today,
  estimate,
  timelineLimit,
}: {
  shipment: Shipment;
  today: string;
  estimate?: DeliveryEstimate | undefined;
  /** Show only the newest scans until asked (see `TrackingTimeline`). */
  timelineLimit?: number;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const daysLate = shipmentDelayDays(shipment, today);
  const lateEstimate = estimateMissesPromise(shipment);
  const highlighted = useHighlightedShipmentId() === shipment.id;
  // The parcel the agent searched for by its tracking number is brought into view once.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center' });
  }, [highlighted]);
  return (
    <Paper
      ref={ref}
      p="sm"
      radius="md"
      bg="var(--mantine-color-default-hover)"
      aria-label={t('shipments.title')}
      aria-current={highlighted ? 'true' : undefined}
      withBorder={highlighted}
      style={
        highlighted
          ? { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2 }
          : undefined
      }
      data-testid="shipment"
      data-highlighted={highlighted ? 'true' : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconTruckDelivery size={18} aria-hidden />
            <Text fw={600}>{t(`carrier.${shipment.carrier}`)}</Text>
            <Text size="sm" c="dimmed">
              {t('shipments.trackingNumber')}
            </Text>
            <Text size="sm" ff="monospace">
              {shipment.trackingNumber}
            </Text>
            <CopyButton value={shipment.trackingNumber}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('shipments.copied') : t('shipments.copyTracking')}>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    size="sm"
                    aria-label={t('shipments.copyTracking')}
                    onClick={copy}
                  >
                    {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group gap={6} wrap="nowrap">
            <Badge color={shipmentStatusColor[shipment.status]} variant="light">
              {t(`shipments.status.${shipment.status}`)}
            </Badge>
            {daysLate > 0 && (
              <Badge color="red" variant="filled" data-testid="days-late">
                {t('shipments.daysLate', { count: daysLate })}
              </Badge>
            )}
          </Group>
        </Group>
        <Group gap="xl" align="flex-start">
          <Field label={t('shipments.promised')}>
            <Text size="sm">{format.calendarDate(shipment.promisedDate)}</Text>
          </Field>
          {shipment.deliveredAt ? (
            <Field label={t('shipments.delivered')}>
              <Text size="sm">{format.date(shipment.deliveredAt)}</Text>
            </Field>
          ) : (
            <Field label={t('shipments.estimated')}>
              <Text
                data-testid="shipment-carrier-estimate"
                size="sm"
                c={lateEstimate ? 'red' : undefined}
                fw={lateEstimate ? 600 : undefined}
              >
                {shipment.estimatedDate
                  ? format.calendarDate(shipment.estimatedDate)
                  : t('shipments.unknownDate')}
              </Text>
            </Field>
          )}
          {!shipment.deliveredAt && estimate && (
            <DeliveryEstimateField estimate={estimate} shipment={shipment} />
          )}
          <Field label={t('shipments.routeLabel')}>
            <Text size="sm">
              {t('shipments.route', {
                from: shipment.originPrefecture,
                to: shipment.destinationPrefecture,
              })}
            </Text>
          </Field>
        </Group>
        <TrackingTimeline
          events={shipment.events}
          {...(timelineLimit === undefined ? {} : { limit: timelineLimit })}
        />
      </Stack>
    </Paper>
  );
}
