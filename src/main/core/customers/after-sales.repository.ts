import type { DeliveryClaim, ReturnRequest } from '../../../shared/domain';
import type { ReadDb } from '../platform/database';

export async function getReturnsForCustomer(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<ReturnRequest[]> {
  const rows = await db
    .selectFrom('returns')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('requested_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    customerId: r.customer_id,
    kind: r.kind as ReturnRequest['kind'],
    status: r.status as ReturnRequest['status'],
    refundStatus: r.refund_status as ReturnRequest['refundStatus'],
    reason: r.reason,
    amount: r.amount,
    currency: r.currency as ReturnRequest['currency'],
    requestedAt: r.requested_at,
    updatedAt: r.updated_at,
  }));
}

export async function getClaimsForCustomer(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<DeliveryClaim[]> {
  const rows = await db
    .selectFrom('claims')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('opened_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((c) => ({
    id: c.id,
    orderId: c.order_id,
    shipmentId: c.shipment_id,
    customerId: c.customer_id,
    type: c.type as DeliveryClaim['type'],
    status: c.status as DeliveryClaim['status'],
    outcome: c.outcome as DeliveryClaim['outcome'],
    amount: c.amount,
    currency: c.currency as DeliveryClaim['currency'],
    openedAt: c.opened_at,
    resolvedAt: c.resolved_at,
    updatedAt: c.updated_at,
  }));
}
