import './card.css';
import { Badge } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryEstimate, Shipment, ShipmentStatus } from '../../../shared/domain';
import { CopyValueButton } from '../app/CopyValueButton';
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
  // Plain elements drawn as Mantine's (see card.css): a card renders a parcel per order.
  return (
    <div
      ref={ref}
      className="koe-paper koe-shipment koe-column koe-gap-xs"
      data-padding="sm"
      data-radius="md"
      aria-label={t('shipments.title')}
      aria-current={highlighted ? 'true' : undefined}
      data-testid="shipment"
      data-highlighted={highlighted ? 'true' : undefined}
    >
      {/* The badges wrap below the tracking number, then below each other, where the card is
          narrow (the wrap-up layout's column in English): a cut status ("DELAY…") says nothing. */}
      <div className="koe-row" data-between>
        <div className="koe-row koe-gap-xs" data-nowrap>
          <IconTruckDelivery size={18} aria-hidden />
          <p className="koe-text" data-weight="600">
            {t(`carrier.${shipment.carrier}`)}
          </p>
          <p className="koe-text" data-size="sm" data-dimmed>
            {t('shipments.trackingNumber')}
          </p>
          <p className="koe-text" data-size="sm" data-mono>
            {shipment.trackingNumber}
          </p>
          <CopyValueButton
            value={shipment.trackingNumber}
            label={t('shipments.copyTracking')}
            iconSize={14}
          />
        </div>
        <div className="koe-row koe-gap-6 koe-shipment-badges">
          <Badge color={shipmentStatusColor[shipment.status]} variant="light">
            {t(`shipments.status.${shipment.status}`)}
          </Badge>
          {daysLate > 0 && (
            <Badge color="red" variant="filled" data-testid="days-late">
              {t('shipments.daysLate', { count: daysLate })}
            </Badge>
          )}
        </div>
      </div>
      <div className="koe-row koe-gap-xl" data-top>
        <Field label={t('shipments.promised')}>
          <p className="koe-text" data-size="sm">
            {format.calendarDate(shipment.promisedDate)}
          </p>
        </Field>
        {shipment.deliveredAt ? (
          <Field label={t('shipments.delivered')}>
            <p className="koe-text" data-size="sm">
              {format.date(shipment.deliveredAt)}
            </p>
          </Field>
        ) : (
          <Field label={t('shipments.estimated')}>
            <p
              className="koe-text"
              data-testid="shipment-carrier-estimate"
              data-size="sm"
              data-trouble={lateEstimate || undefined}
              data-weight={lateEstimate ? 600 : undefined}
            >
              {shipment.estimatedDate
                ? format.calendarDate(shipment.estimatedDate)
                : t('shipments.unknownDate')}
            </p>
          </Field>
        )}
        {!shipment.deliveredAt && estimate && (
          <DeliveryEstimateField estimate={estimate} shipment={shipment} />
        )}
        <Field label={t('shipments.routeLabel')}>
          <p className="koe-text" data-size="sm">
            {t('shipments.route', {
              from: shipment.originPrefecture,
              to: shipment.destinationPrefecture,
            })}
          </p>
        </Field>
      </div>
      <TrackingTimeline
        events={shipment.events}
        {...(timelineLimit === undefined ? {} : { limit: timelineLimit })}
      />
    </div>
  );
}
