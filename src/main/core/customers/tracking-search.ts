import { sql } from 'kysely';
import type { Carrier } from '../../../shared/domain';
import type { TrackedShipment } from '../../../shared/ipc';
import { normalizePhoneText } from '../../../shared/phone';
import type { ReadDb } from '../platform/database';

/**
 * A tracking number as the customer reads it off the delivery slip, reduced to its key: upper
 * case, without the hyphens and spaces carriers print between the groups (full-width digits and
 * dash look-alikes such as ー or − are folded first). Null when the text cannot be one: tracking
 * numbers are 8–40 letters and digits, with at least 6 digits (so names never qualify).
 */
export function trackingKey(text: string): string | null {
  const key = normalizePhoneText(text).toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{8,40}$/.test(key)) return null;
  return (key.match(/\d/g)?.length ?? 0) >= 6 ? key : null;
}

/**
 * The stored number's key in SQL. It must stay the expression of the index
 * `shipments_by_tracking_key` (migration 0009) word for word, or SQLite scans every shipment.
 */
const storedKey = sql<string>`upper(replace(replace(shipments.tracking_number, '-', ''), ' ', ''))`;

/** The shipments with this tracking key and whose they are: one index lookup, then the order. */
export async function findShipmentsByTrackingKey(
  db: ReadDb,
  key: string,
  limit: number,
): Promise<TrackedShipment[]> {
  const rows = await db
    .selectFrom('shipments')
    .innerJoin('orders', 'orders.id', 'shipments.order_id')
    .select([
      'orders.customer_id as customerId',
      'shipments.id as shipmentId',
      'orders.order_number as orderNumber',
      'shipments.carrier as carrier',
      'shipments.tracking_number as trackingNumber',
    ])
    .where(storedKey, '=', key)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, carrier: r.carrier as Carrier }));
}
