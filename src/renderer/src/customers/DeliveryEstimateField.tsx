import './card.css';
import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryEstimate, Shipment } from '../../../shared/domain';
import { carrierDateOutsideRange } from '../../../shared/guidance';
import { useFormatters } from '../i18n/use-formatters';
import { Field } from './Section';

/**
 * Koe's own delivery estimate beside the carrier's: the likeliest day and the range that holds
 * the delivery 90% of the time ("11/25 (90% by 11/26)"); the tooltip says what it is based on.
 * When the carrier's own current date lies outside that range, a line says why (the range is
 * not stretched to it: see delivery-range.ts); when the desk sees why the parcel may be late (a
 * stalled trail, an address problem, a closed region: late-signals.ts), a line names it. A
 * closure the retailer announced adds its end and the retailer's own words, which go in as a
 * text node of their own (never through the catalog's interpolation, never as markup).
 */
export function DeliveryEstimateField({
  estimate,
  shipment,
}: {
  estimate: DeliveryEstimate;
  shipment: Pick<Shipment, 'promisedDate' | 'estimatedDate' | 'shippedAt'>;
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
    ...(estimate.basis.carrierPeak ? [t('prediction.carrierPeak')] : []),
  ].join(' / ');
  const { lateSignal, closure } = estimate.basis;
  const late = estimate.date > shipment.promisedDate;
  const outside = carrierDateOutsideRange(estimate, shipment);
  // What the estimate is based on is in its tooltip (hover or keyboard focus), not on a line of
  // its own: written out, it widened the field until the parcel's route wrapped to a row of its
  // own and the late parcel no longer fit the first screen at 1280×720 once the model was fitted
  // (keyboard-layout.e2e.test.ts). The warnings below stay written out: they change what the
  // agent says.
  return (
    <div className="koe-estimate">
      <Field label={t('prediction.estimateLabel')}>
        <Tooltip
          label={<span data-testid="delivery-estimate-basis">{basis}</span>}
          multiline
          maw={320}
          events={{ hover: true, focus: true, touch: true }}
        >
          <p
            className="koe-text"
            data-size="sm"
            data-trouble={late || undefined}
            data-weight={late ? 600 : undefined}
            data-testid="delivery-estimate"
            tabIndex={0}
          >
            {text}
          </p>
        </Tooltip>
        {lateSignal && (
          <EstimateWarning testId="delivery-estimate-late-signal">
            {t(`prediction.lateSignal.${lateSignal}`)}
          </EstimateWarning>
        )}
        {closure && (
          <EstimateWarning testId="delivery-estimate-closure">
            {t('prediction.closureNotice', { date: format.calendarDate(closure.endsOn) })}
            {closure.reason && (
              <>
                {': '}
                <span data-testid="delivery-estimate-closure-reason">{closure.reason}</span>
              </>
            )}
          </EstimateWarning>
        )}
        {outside && (
          <EstimateWarning testId="delivery-estimate-carrier-outside">
            {t(`prediction.carrierOutside.${outside.kind}`, {
              date: format.calendarDate(outside.carrierDate),
            })}
          </EstimateWarning>
        )}
      </Field>
    </div>
  );
}

/** A small warning line under the estimate: why it may be later than it reads. */
function EstimateWarning({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p className="koe-text" data-size="xs" data-warning data-testid={testId}>
      {children}
    </p>
  );
}
