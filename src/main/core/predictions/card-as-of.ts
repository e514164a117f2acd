import {
  SCREEN_POP_CONTACT_LIMIT,
  SCREEN_POP_ORDER_LIMIT,
  type CustomerCard,
  type DeliveryClaim,
  type Order,
  type ReturnRequest,
  type Shipment,
} from '../../../shared/domain';
import { jstDayOf } from '../../../shared/guidance/calendar';
import {
  carrierEstimateAtShip,
  carrierEstimateDayAsOf,
} from '../../../shared/guidance/carrier-estimate';

/**
 * The customer card as it would have popped at a past instant, rebuilt from the customer's whole
 * history: what a model learns from must be what the agent would have seen then, never what
 * happened afterwards. The cache keeps only each record's latest state, so a state in between
 * is inferred: a shipment from its tracking events up to then, a return or claim from when it
 * was opened and when it last changed. The carrier's estimate of that day is rebuilt the way
 * carriers give it (carrier-estimate.ts): the ship day plus the published transit days, the day
 * after each visible delay scan, never before today. Without it the rules' "expected late" branch
 * never fired on training cards.
 */
export type CustomerHistory = CustomerCard;

const DAY_MS = 86_400_000;

const isoDateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The carrier's estimate as it stood at `atMs` (see above); null when it cannot be rebuilt. */
export function carrierEstimateAsOf(
  s: Shipment,
  placedAt: string | undefined,
  events: Shipment['events'],
  atMs: number,
): string | null {
  const scanned = events.some((e) => e.status === 'delayed');
  if (!s.shippedAt || placedAt === undefined) return scanned ? s.estimatedDate : null;
  const shipTime = carrierEstimateAtShip(s.shippedAt, placedAt, s.promisedDate);
  if (shipTime === null || jstDayOf(atMs) === null) return null;
  return isoDateOfDay(carrierEstimateDayAsOf(shipTime, events, atMs));
}

function shipmentAsOf(s: Shipment, atMs: number, placedAt: string | undefined): Shipment | null {
  const events = s.events.filter((e) => Date.parse(e.occurredAt) <= atMs);
  if (events.length === 0 || !s.shippedAt || Date.parse(s.shippedAt) > atMs) return null;
  const last = events[events.length - 1]!;
  const delivered = s.deliveredAt !== null && Date.parse(s.deliveredAt) <= atMs;
  const estimatedDate = delivered
    ? s.estimatedDate
    : carrierEstimateAsOf(s, placedAt, events, atMs);
  let status: Shipment['status'] = delivered
    ? 'delivered'
    : last.status === 'delivered'
      ? 'in_transit'
      : last.status;
  // As the carrier shows it: delayed while its estimate lies past the promise, else on its way.
  if (status === 'in_transit' || status === 'out_for_delivery' || status === 'delayed') {
    const late = estimatedDate !== null && estimatedDate > s.promisedDate;
    status = late ? 'delayed' : status === 'delayed' ? 'in_transit' : status;
  }
  return {
    ...s,
    events,
    status,
    deliveredAt: delivered ? s.deliveredAt : null,
    estimatedDate,
    updatedAt: last.occurredAt,
  };
}

/** A return's status on a day between its request and its last change (the usual pace). */
function returnAsOf(r: ReturnRequest, atMs: number): ReturnRequest {
  if (Date.parse(r.updatedAt) <= atMs) return r;
  const days = (atMs - Date.parse(r.requestedAt)) / DAY_MS;
  const status: ReturnRequest['status'] =
    days < 1.5 ? 'requested' : days < 3 ? 'approved' : days < 5 ? 'in_transit' : 'received';
  const refundStatus: ReturnRequest['refundStatus'] =
    r.kind === 'exchange' ? 'not_applicable' : 'pending';
  return { ...r, status, refundStatus, updatedAt: r.requestedAt };
}

function claimAsOf(c: DeliveryClaim, atMs: number): DeliveryClaim {
  if (Date.parse(c.updatedAt) <= atMs) return c;
  const days = (atMs - Date.parse(c.openedAt)) / DAY_MS;
  return {
    ...c,
    status: days >= 2 ? 'investigating' : 'open',
    outcome: null,
    resolvedAt: null,
    updatedAt: c.openedAt,
  };
}

function orderAsOf(o: Order, shipments: readonly Shipment[]): Order {
  const delivered = shipments.some((s) => s.status === 'delivered');
  const status: Order['status'] =
    o.status === 'cancelled'
      ? 'paid'
      : delivered
        ? 'delivered'
        : shipments.length
          ? 'shipped'
          : 'paid';
  return { ...o, status };
}

export function cardAsOf(history: CustomerHistory, at: Date | number): CustomerCard {
  const atMs = typeof at === 'number' ? at : at.getTime();
  const placed = history.orders
    .filter((o) => Date.parse(o.placedAt) <= atMs)
    .sort((a, b) => b.placedAt.localeCompare(a.placedAt))
    .slice(0, SCREEN_POP_ORDER_LIMIT);
  const placedAt = new Map(placed.map((o) => [o.id, o.placedAt]));
  const shipments = history.shipments
    .filter((s) => placedAt.has(s.orderId))
    .map((s) => shipmentAsOf(s, atMs, placedAt.get(s.orderId)))
    .filter((s): s is Shipment => s !== null);
  const orders = placed.map((o) => {
    const own = shipments.filter((s) => s.orderId === o.id);
    const cancelled = o.status === 'cancelled' && Date.parse(o.updatedAt) <= atMs;
    return cancelled ? o : orderAsOf(o, own);
  });
  const returns = history.returns
    .filter((r) => Date.parse(r.requestedAt) <= atMs)
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
    .slice(0, SCREEN_POP_CONTACT_LIMIT)
    .map((r) => returnAsOf(r, atMs));
  const claims = history.claims
    .filter((c) => Date.parse(c.openedAt) <= atMs)
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
    .slice(0, SCREEN_POP_CONTACT_LIMIT)
    .map((c) => claimAsOf(c, atMs));
  const contacts = history.contacts
    .filter((c) => Date.parse(c.occurredAt) < atMs)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, SCREEN_POP_CONTACT_LIMIT);
  const notices = history.notices
    .filter((n) => Date.parse(n.sentAt) <= atMs)
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
    .slice(0, SCREEN_POP_CONTACT_LIMIT);
  return { customer: history.customer, orders, shipments, returns, claims, contacts, notices };
}
