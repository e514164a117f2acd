import type { DeliveryClaim, ReturnRequest } from '../../../shared/domain';
import type { ReadDb } from '../platform/database';
import { newestRowsOf } from './newest-rows';

// Each column is selected under its field's name (Kysely checks both), so a row is the record:
// no mapper to keep in step with the table. The cache stores the enums as text.

export async function getReturnsForCustomer(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<ReturnRequest[]> {
  return newestRowsOf(db, 'returns', customerId, limit)
    .select([
      'id',
      'order_id as orderId',
      'customer_id as customerId',
      'kind',
      'status',
      'refund_status as refundStatus',
      'reason',
      'amount',
      'currency',
      'requested_at as requestedAt',
      'updated_at as updatedAt',
    ])
    .$narrowType<Pick<ReturnRequest, 'kind' | 'status' | 'refundStatus' | 'currency'>>()
    .execute();
}

export async function getClaimsForCustomer(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<DeliveryClaim[]> {
  return newestRowsOf(db, 'claims', customerId, limit)
    .select([
      'id',
      'order_id as orderId',
      'shipment_id as shipmentId',
      'customer_id as customerId',
      'type',
      'status',
      'outcome',
      'amount',
      'currency',
      'opened_at as openedAt',
      'resolved_at as resolvedAt',
      'updated_at as updatedAt',
    ])
    .$narrowType<Pick<DeliveryClaim, 'type' | 'status' | 'outcome' | 'currency'>>()
    .execute();
}
