import type { Shipment } from '../../../shared/domain';
import { localDate } from '../../../shared/time-zone';
import { parseCalendarDate } from '../i18n/format';

/** The retailers are Japanese: promised and estimated dates are calendar days in Tokyo. */
export const RETAILER_TIME_ZONE = 'Asia/Tokyo';

const DAY_MS = 86_400_000;

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the retailer's time zone. */
export function retailerDate(instant: Date, timeZone = RETAILER_TIME_ZONE): string {
  return localDate(instant.getTime(), timeZone);
}

function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  const from = parseCalendarDate(fromIsoDate);
  const to = parseCalendarDate(toIsoDate);
  if (!from || !to) return 0;
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * How many days past its promise a shipment is: the delivery day once delivered, otherwise today
 * (what the agent tells the caller: "three days past the promised date"). 0 when not late yet.
 */
export function shipmentDelayDays(
  shipment: Pick<Shipment, 'promisedDate' | 'deliveredAt'>,
  today: string,
): number {
  const arrival = shipment.deliveredAt ? retailerDate(new Date(shipment.deliveredAt)) : today;
  return Math.max(0, daysBetween(shipment.promisedDate, arrival));
}

/** True when the carrier's estimate already misses the promise (late, or about to be). */
export function estimateMissesPromise(
  shipment: Pick<Shipment, 'promisedDate' | 'estimatedDate' | 'deliveredAt'>,
): boolean {
  return (
    !shipment.deliveredAt &&
    shipment.estimatedDate !== null &&
    shipment.estimatedDate > shipment.promisedDate
  );
}
