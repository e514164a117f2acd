import type { Order, Shipment } from '../../../shared/domain';
import type { ReadDb } from '../platform/database';
import { newestRowsOf } from './newest-rows';
import type { ShipmentRow, TrackingEventRow } from './order.table';

/** The customer's most recent orders with their lines, newest first. */
export async function getRecentOrders(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<Order[]> {
  const orders = await newestRowsOf(db, 'orders', customerId, limit)
    .select([
      'id',
      'customer_id as customerId',
      'order_number as orderNumber',
      'placed_at as placedAt',
      'status',
      'total',
      'currency',
      'updated_at as updatedAt',
    ])
    .$narrowType<Pick<Order, 'status' | 'currency'>>()
    .execute();
  if (orders.length === 0) return [];
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where(
      'order_id',
      'in',
      orders.map((o) => o.id),
    )
    .orderBy('order_id')
    .orderBy('line_no')
    .execute();
  // Each column under its field's name (Kysely checks both): the row is the order, lines added.
  return orders.map((o) => ({
    ...o,
    lines: lines
      .filter((l) => l.order_id === o.id)
      .map((l) => ({
        lineNo: l.line_no,
        sku: l.sku,
        productName: l.product_name,
        quantity: l.quantity,
        unitPrice: l.unit_price,
      })),
  }));
}

export async function findCustomerIdsByOrderNumber(
  db: ReadDb,
  orderNumber: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('customer_id')
    .distinct()
    .where('order_number', '=', orderNumber)
    .limit(50)
    .execute();
  return rows.map((r) => r.customer_id);
}

/** Shipments of the given orders with their tracking timelines (oldest event first). */
export async function getShipmentsForOrders(
  db: ReadDb,
  orderIds: readonly string[],
): Promise<Shipment[]> {
  if (orderIds.length === 0) return [];
  const shipments = await db
    .selectFrom('shipments')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .execute();
  if (shipments.length === 0) return [];
  const events = await db
    .selectFrom('tracking_events')
    .selectAll()
    .where(
      'shipment_id',
      'in',
      shipments.map((s) => s.id),
    )
    .orderBy('shipment_id')
    .orderBy('seq')
    .execute();
  return shipments.map((s) =>
    toShipment(
      s,
      events.filter((e) => e.shipment_id === s.id),
    ),
  );
}

export type ShipmentEventRow = Pick<
  TrackingEventRow,
  'occurred_at' | 'status' | 'location' | 'description'
>;

/** A shipment from its row and its tracking events' rows (oldest first): the one mapping. */
export function toShipment(s: ShipmentRow, events: readonly ShipmentEventRow[]): Shipment {
  return {
    id: s.id,
    orderId: s.order_id,
    carrier: s.carrier as Shipment['carrier'],
    trackingNumber: s.tracking_number,
    status: s.status as Shipment['status'],
    shippedAt: s.shipped_at,
    promisedDate: s.promised_date,
    estimatedDate: s.estimated_date,
    deliveredAt: s.delivered_at,
    originPrefecture: s.origin_prefecture,
    destinationPrefecture: s.destination_prefecture,
    updatedAt: s.updated_at,
    events: events.map((e) => ({
      occurredAt: e.occurred_at,
      status: e.status as Shipment['status'],
      location: e.location,
      description: e.description,
    })),
  };
}
