import type { DeliveryEstimate } from '../domain/prediction';
import type { Shipment } from '../domain/order';
import { dayOfIsoDate, jstDayOf } from './calendar';

/**
 * Why the carrier's own current date lies outside Koe's 90% range, or null when it lies inside
 * (or the carrier gave none).
 *
 * The range is not widened to take the carrier's date in: it is the model's measured 90% range
 * (coverage checked on held-out deliveries, README's `edd_range90_coverage_*`), and a range
 * stretched to any date the carrier says would no longer be one. The disagreement is itself
 * what the agent needs to know, so it is said in words instead:
 * - `passed`: the carrier's date is already behind us and the parcel has not come;
 * - `earlier`: the carrier expects it sooner than similar past deliveries ever came this late;
 * - `later`: the carrier expects it later than similar past deliveries took.
 */
export type CarrierDateOutsideRange = {
  kind: 'passed' | 'earlier' | 'later';
  carrierDate: string;
};

export function carrierDateOutsideRange(
  estimate: Pick<DeliveryEstimate, 'low' | 'high' | 'basis'>,
  shipment: Pick<Shipment, 'estimatedDate' | 'shippedAt'>,
): CarrierDateOutsideRange | null {
  const carrierDate = shipment.estimatedDate;
  if (carrierDate === null) return null;
  const carrier = dayOfIsoDate(carrierDate);
  const low = dayOfIsoDate(estimate.low);
  const high = dayOfIsoDate(estimate.high);
  if (carrier === null || low === null || high === null) return null;
  if (carrier > high) return { kind: 'later', carrierDate };
  if (carrier >= low) return null;
  // The estimate was made `elapsedDays` after shipping: that day is "today" for it.
  const shipped = shipment.shippedAt === null ? null : jstDayOf(shipment.shippedAt);
  const today = shipped === null ? null : shipped + estimate.basis.elapsedDays;
  return { kind: today !== null && carrier < today ? 'passed' : 'earlier', carrierDate };
}
