import type { CustomerCard } from '../domain/customer-card';
import type { DeliveryClaim, ReturnRequest } from '../domain/after-sales';
import type { Order, Shipment } from '../domain/order';
import { dayOf, dayOfIsoDate, jstDayOf } from './calendar';

/**
 * Facts derived from a customer's orders that both the likely-reason rules and the script
 * context need: how late a shipment is, which claims and returns are still open, and which
 * order the call is most likely about.
 */
export interface ShipmentDelay {
  /** Whole JST days past the promised date: so far if undelivered, at delivery if delivered. */
  daysLate: number;
  /** Days the current estimate lies past the promise (0 when on time or unknown). */
  expectedDaysLate: number;
  delivered: boolean;
  lost: boolean;
  /** Not delivered and past the promise, marked delayed, or estimated after the promise. */
  late: boolean;
}

const FINISHED: ReadonlySet<Shipment['status']> = new Set(['delivered', 'returned_to_sender']);

export function shipmentDelay(shipment: Shipment, nowDay: number): ShipmentDelay {
  const promised = dayOfIsoDate(shipment.promisedDate);
  const estimated = shipment.estimatedDate === null ? null : dayOfIsoDate(shipment.estimatedDate);
  const deliveredDay = shipment.deliveredAt === null ? null : jstDayOf(shipment.deliveredAt);
  const delivered = shipment.status === 'delivered' || deliveredDay !== null;
  const lost = shipment.status === 'lost';
  const reference = delivered ? deliveredDay : nowDay;
  const daysLate = promised === null || reference === null ? 0 : Math.max(0, reference - promised);
  const expectedDaysLate =
    promised === null || estimated === null ? 0 : Math.max(0, estimated - promised);
  const open = !delivered && !FINISHED.has(shipment.status);
  const late =
    open && (lost || shipment.status === 'delayed' || daysLate > 0 || expectedDaysLate > 0);
  return { daysLate, expectedDaysLate, delivered, lost, late };
}

const OPEN_CLAIM: ReadonlySet<DeliveryClaim['status']> = new Set(['open', 'investigating']);

export function isOpenClaim(claim: DeliveryClaim): boolean {
  return OPEN_CLAIM.has(claim.status);
}

const CLAIM_REASON = {
  not_received: 'delivery.not_received',
  damaged: 'delivery.damaged',
  wrong_item: 'delivery.wrong_item',
  missing_item: 'delivery.wrong_item',
} as const satisfies Record<DeliveryClaim['type'], string>;

/** The call reason a claim is about (a missing item is called about as a wrong item). */
export function claimReason(type: DeliveryClaim['type']): string {
  return CLAIM_REASON[type];
}

const PENDING_REFUND: ReadonlySet<ReturnRequest['refundStatus']> = new Set([
  'pending',
  'processing',
  'failed',
]);

/** Still moving, or received with the refund not yet paid. */
export function isOpenReturn(ret: ReturnRequest): boolean {
  if (ret.status === 'rejected') return false;
  if (ret.status === 'completed') return PENDING_REFUND.has(ret.refundStatus);
  return true;
}

export function isRefundPending(ret: ReturnRequest): boolean {
  return PENDING_REFUND.has(ret.refundStatus) && ret.status !== 'rejected';
}

/** Newest first by an ISO instant, ties broken by id so the order is deterministic. */
export function newestFirst<T extends { id: string }>(
  items: readonly T[],
  at: (t: T) => string,
): T[] {
  return [...items].sort((a, b) => {
    const d = Date.parse(at(b)) - Date.parse(at(a));
    if (d !== 0 && Number.isFinite(d)) return d;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The shipment of an order that matters most: a late or lost one, else the most recent. */
export function keyShipment(card: CustomerCard, orderId: string, nowDay: number): Shipment | null {
  const shipments = newestFirst(
    card.shipments.filter((s) => s.orderId === orderId),
    (s) => s.shippedAt ?? s.updatedAt,
  );
  return shipments.find((s) => shipmentDelay(s, nowDay).late) ?? shipments[0] ?? null;
}

/** The order's open return if any, else its latest return. */
export function keyReturn(card: CustomerCard, orderId: string): ReturnRequest | null {
  const returns = newestFirst(
    card.returns.filter((r) => r.orderId === orderId),
    (r) => r.requestedAt,
  );
  return returns.find(isOpenReturn) ?? returns[0] ?? null;
}

/** The order's open claim if any, else its latest claim. */
export function keyClaim(card: CustomerCard, orderId: string): DeliveryClaim | null {
  const claims = newestFirst(
    card.claims.filter((c) => c.orderId === orderId),
    (c) => c.openedAt,
  );
  return claims.find(isOpenClaim) ?? claims[0] ?? null;
}

/** Whether the order has a late or lost shipment, an open claim or an open return. */
export function orderNeedsAttention(card: CustomerCard, order: Order, nowDay: number): boolean {
  return (
    card.shipments.some((s) => s.orderId === order.id && shipmentDelay(s, nowDay).late) ||
    card.claims.some((c) => c.orderId === order.id && isOpenClaim(c)) ||
    card.returns.some((r) => r.orderId === order.id && isOpenReturn(r))
  );
}

/**
 * The order the call is most likely about: the latest order with a late or lost shipment, an
 * open claim or an open return; otherwise the latest order; null when there are none.
 */
export function orderThatMatters(card: CustomerCard, nowDay: number): Order | null {
  const orders = newestFirst(card.orders, (o) => o.placedAt);
  return orders.find((o) => orderNeedsAttention(card, o, nowDay)) ?? orders[0] ?? null;
}

/** The order a call is about and what stands on it; all null when there is no such order. */
export interface CallFocus {
  order: Order | null;
  /** The order's key shipment and how late it is (both null, or neither). */
  shipment: Shipment | null;
  delay: ShipmentDelay | null;
  ret: ReturnRequest | null;
  claim: DeliveryClaim | null;
}

/**
 * What a call is about: the order the agent picked (null when the card does not hold it), else
 * the order that matters, with its key shipment, return and claim.
 */
export function callFocus(
  card: CustomerCard,
  pickedOrderId: string | null | undefined,
  nowDay: number,
): CallFocus {
  const order =
    pickedOrderId != null
      ? (card.orders.find((o) => o.id === pickedOrderId) ?? null)
      : orderThatMatters(card, nowDay);
  if (!order) return { order, shipment: null, delay: null, ret: null, claim: null };
  const shipment = keyShipment(card, order.id, nowDay);
  return {
    order,
    shipment,
    delay: shipment && shipmentDelay(shipment, nowDay),
    ret: keyReturn(card, order.id),
    claim: keyClaim(card, order.id),
  };
}

/** JST day number of `now`, which callers pass as a Date, epoch ms or ISO string. */
export function nowDayOf(now: Date | number | string): number {
  const day = typeof now === 'string' ? dayOf(now) : jstDayOf(now);
  if (day === null) throw new RangeError('now is not a valid date');
  return day;
}
