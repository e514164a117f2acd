import type { CustomerCard, Order, Shipment } from '../../../shared/domain';
import { shipmentDelayDays } from './shipment-delay';

export interface LateParcel {
  shipment: Shipment;
  order: Order;
  daysLate: number;
}

/**
 * The parcel a caller most likely rings about: one still on its way past its promised day, of
 * the newest order that has one (the most days late within that order). Null when none is late.
 * A delivered parcel is history, however late it came: the card shows it with its order.
 */
export function lateParcel(card: Pick<CustomerCard, 'orders' | 'shipments'>, today: string) {
  let best: LateParcel | null = null;
  for (const shipment of card.shipments) {
    if (shipment.deliveredAt) continue;
    const daysLate = shipmentDelayDays(shipment, today);
    if (daysLate <= 0) continue;
    const order = card.orders.find((o) => o.id === shipment.orderId);
    if (!order) continue;
    const newer = best === null || order.placedAt > best.order.placedAt;
    const sameOrderLater = best !== null && order.id === best.order.id && daysLate > best.daysLate;
    if (newer || sameOrderLater) best = { shipment, order, daysLate };
  }
  return best;
}
