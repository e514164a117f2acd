import { dayOfIsoDate, jstDayOf } from './calendar';

/**
 * The carrier's own estimate as it stood when a parcel shipped: the ship day plus the carrier's
 * published transit days. The cache keeps only a shipment's latest estimate (for a delivered
 * parcel, the day it came), so the ship-time one is rebuilt from the retailer's promise, which
 * is the order day, plus a handling day (two after the same-day cutoff), plus the published
 * transit days. Used as the fair baseline of the delivery estimate (both know the ship day) and
 * on cards rebuilt as of a past call (card-as-of.ts).
 */
export const ORDER_CUTOFF_HOUR_JST = 14;

const JST_OFFSET_MS = 9 * 3_600_000;
const HOUR_MS = 3_600_000;

/** The carrier's published transit days of an order's route, read back from its promise. */
export function publishedTransitDays(placedAt: string, promisedDate: string): number | null {
  const orderDay = jstDayOf(placedAt);
  const promised = dayOfIsoDate(promisedDate);
  const placedMs = Date.parse(placedAt);
  if (orderDay === null || promised === null) return null;
  const hour = ((placedMs + JST_OFFSET_MS) % 86_400_000) / HOUR_MS;
  const handling = hour >= ORDER_CUTOFF_HOUR_JST ? 2 : 1;
  const days = promised - orderDay - handling;
  return days >= 0 ? days : null;
}

/** The day (JST day number) the carrier expected to deliver when the parcel shipped. */
export function carrierEstimateAtShip(
  shippedAt: string,
  placedAt: string,
  promisedDate: string,
): number | null {
  const shipDay = jstDayOf(shippedAt);
  const transit = publishedTransitDays(placedAt, promisedDate);
  return shipDay === null || transit === null ? null : shipDay + transit;
}

/**
 * The carrier's estimate (JST day) of a parcel not yet delivered, as its tracking page shows it
 * at `atMs`: the published day from shipping; after a delay or address-problem scan, at least a
 * day later and no earlier than the day after the scan (carriers say "a day late" and "tomorrow",
 * whatever held the parcel); never before today. A stalled trail or a remote-area transfer does not move it.
 * The demo generator shows this estimate on its shipments, and the evaluation scores it as the
 * carrier's baseline at call time (baseline-evaluation.ts).
 */
export function carrierEstimateDayAsOf(
  publishedDay: number,
  events: readonly { status: string; occurredAt: string }[],
  atMs: number,
): number {
  let day = publishedDay;
  for (const e of events) {
    const at = Date.parse(e.occurredAt);
    if (e.status !== 'delayed' || at > atMs) continue;
    day = Math.max(day, publishedDay + 1, (jstDayOf(at) as number) + 1);
  }
  return Math.max(day, jstDayOf(atMs) as number);
}
