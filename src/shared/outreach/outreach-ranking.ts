import type { Customer, CustomerHead, CustomerTier } from '../domain/customer';
import type { Notice } from '../domain/interaction';
import type { Order, Shipment } from '../domain/order';
import { dayOfIsoDate, jstDayOf } from '../guidance/calendar';

/**
 * The proactive outreach list: customers whose parcel is late or predicted late and who have
 * not been told, ranked so the agent calls the customers who matter most first.
 */

/**
 * When a shipment will arrive, as an ISO date, or null when unknown. The list takes the estimate
 * as a function so the delivery-date model can replace the carrier's estimate without touching
 * the ranking: `carrierEstimate` reads the shipment's own `estimatedDate`.
 */
export type EstimateDelivery = (shipment: Shipment) => string | null;

export const carrierEstimate: EstimateDelivery = (shipment) => shipment.estimatedDate;

/** One open shipment and what the list needs around it, read from the local cache. */
export interface OutreachCandidate {
  customer: CustomerHead;
  /** The number to call (E.164), the customer's first; null when they have none. */
  phone: string | null;
  order: Pick<Order, 'id' | 'orderNumber'>;
  shipment: Shipment;
  /** The customer's notices (any order); only delay notices sent after the delay count. */
  notices: readonly Pick<Notice, 'orderId' | 'kind' | 'sentAt'>[];
  /** The last proactive call to this customer from this desktop, any outcome. */
  lastAttemptAt: string | null;
}

export interface OutreachEntry {
  customerId: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  language: Customer['language'];
  tier: CustomerTier;
  lifetimeValue: number;
  currency: Customer['currency'];
  phone: string | null;
  orderId: string;
  orderNumber: string;
  shipmentId: string;
  carrier: Shipment['carrier'];
  promisedDate: string;
  /**
   * The estimate the list ranks by: Koe's (the same function as the card's "Koe estimate") when
   * the model runs, else the carrier's.
   */
  estimatedDate: string | null;
  /** The carrier's own current date (the card's "estimated delivery"), shown beside Koe's. */
  carrierEstimatedDate: string | null;
  /** Whole days past the promise so far, and days the estimate lies past it. */
  daysLate: number;
  expectedDaysLate: number;
  /** The carrier's tracking reports a delay. */
  carrierDelayed: boolean;
  /** When the delay became known: the first delayed event, the promise passing, or shipping. */
  delayKnownAt: string;
  /** The ranking score (higher first); see `outreachScore`. */
  score: number;
}

/** A customer called and not reached stays off the list this long, then comes back. */
export const RETRY_AFTER_MS = 24 * 3_600_000;

const OPEN: ReadonlySet<Shipment['status']> = new Set([
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delayed',
]);

const TIER_POINTS: Record<CustomerTier, number> = { vip: 30, gold: 20, silver: 10, standard: 0 };

/**
 * Tier first (30 points between standard and VIP), then lifetime value (a point per ¥20,000, at
 * most 20), then how late (6 points a day, at most 30): a VIP one day late comes before a
 * standard customer five days late, but a week's delay lifts a silver customer above a gold one
 * whose parcel is a day late. Additive, so the agent can be told why someone is first.
 */
export function outreachScore(entry: {
  tier: CustomerTier;
  lifetimeValue: number;
  daysLate: number;
  expectedDaysLate: number;
}): number {
  const ltv = Math.min(20, Math.max(0, entry.lifetimeValue) / 20_000);
  const late = Math.min(30, Math.max(entry.daysLate, entry.expectedDaysLate) * 6);
  return Math.round((TIER_POINTS[entry.tier] + ltv + late) * 100) / 100;
}

/** JST midnight starting a day number, as an ISO instant. */
function startOfJstDay(day: number): string {
  return new Date(day * 86_400_000 - 9 * 3_600_000).toISOString();
}

/**
 * The candidate as a list entry, or null when it does not belong on the list: delivered,
 * finished or lost (a lost parcel is a claim, not a delay call), on time, already told (a delay
 * notice for the order — or for no order in particular — sent after the delay became known), or
 * called within the retry window.
 */
export function outreachEntry(
  candidate: OutreachCandidate,
  nowMs: number,
  estimate: EstimateDelivery = carrierEstimate,
): OutreachEntry | null {
  const { shipment, customer, order } = candidate;
  if (!OPEN.has(shipment.status) || shipment.deliveredAt !== null) return null;
  const nowDay = jstDayOf(nowMs);
  const promised = dayOfIsoDate(shipment.promisedDate);
  if (nowDay === null || promised === null) return null;
  const estimatedDate = estimate(shipment);
  const estimated = estimatedDate === null ? null : dayOfIsoDate(estimatedDate);
  const daysLate = Math.max(0, nowDay - promised);
  const expectedDaysLate = estimated === null ? 0 : Math.max(0, estimated - promised);
  const delayedEvent = shipment.events.find((e) => e.status === 'delayed') ?? null;
  const carrierDelayed = shipment.status === 'delayed' || delayedEvent !== null;
  if (daysLate === 0 && expectedDaysLate === 0 && !carrierDelayed) return null;

  const known = [
    delayedEvent?.occurredAt ?? null,
    daysLate > 0 ? startOfJstDay(promised + 1) : null,
    // A predicted delay has no moment of its own: any delay notice since shipping counts.
    expectedDaysLate > 0 ? (shipment.shippedAt ?? shipment.updatedAt) : null,
  ].filter((v): v is string => v !== null);
  const delayKnownAt = known.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const told = candidate.notices.some(
    (n) =>
      n.kind === 'delay' &&
      (n.orderId === order.id || n.orderId === null) &&
      Date.parse(n.sentAt) >= Date.parse(delayKnownAt),
  );
  if (told) return null;
  if (
    candidate.lastAttemptAt !== null &&
    nowMs - Date.parse(candidate.lastAttemptAt) < RETRY_AFTER_MS
  ) {
    return null;
  }
  const entry = {
    customerId: customer.id,
    familyName: customer.familyName,
    givenName: customer.givenName,
    familyNameKana: customer.familyNameKana,
    givenNameKana: customer.givenNameKana,
    language: customer.language,
    tier: customer.tier,
    lifetimeValue: customer.lifetimeValue,
    currency: customer.currency,
    phone: candidate.phone,
    orderId: order.id,
    orderNumber: order.orderNumber,
    shipmentId: shipment.id,
    carrier: shipment.carrier,
    promisedDate: shipment.promisedDate,
    estimatedDate,
    carrierEstimatedDate: shipment.estimatedDate,
    daysLate,
    expectedDaysLate,
    carrierDelayed,
    delayKnownAt,
  };
  return { ...entry, score: outreachScore(entry) };
}

/**
 * The ranked list: one line per customer (their latest delay), highest score first; ties go to
 * the later delay, then the customer id, so the order is deterministic.
 */
export function rankOutreach(
  candidates: readonly OutreachCandidate[],
  nowMs: number,
  estimate: EstimateDelivery = carrierEstimate,
): OutreachEntry[] {
  const best = new Map<string, OutreachEntry>();
  for (const candidate of candidates) {
    const entry = outreachEntry(candidate, nowMs, estimate);
    if (!entry) continue;
    const seen = best.get(entry.customerId);
    if (!seen || compare(entry, seen) < 0) best.set(entry.customerId, entry);
  }
  return [...best.values()].sort(compare);
}

function compare(a: OutreachEntry, b: OutreachEntry): number {
  const lateness = (e: OutreachEntry) => Math.max(e.daysLate, e.expectedDaysLate);
  return (
    b.score - a.score ||
    lateness(b) - lateness(a) ||
    (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0) ||
    (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0)
  );
}
