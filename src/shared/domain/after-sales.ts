import { z } from 'zod';
import { currency, freeText, id, isoDateTime, recordTime, minorAmount } from './primitives';

export const returnKind = z.enum(['return', 'exchange']);
export const returnStatus = z.enum([
  'requested',
  'approved',
  'in_transit',
  'received',
  'completed',
  'rejected',
]);
export const refundStatus = z.enum([
  'not_applicable',
  'pending',
  'processing',
  'refunded',
  'failed',
]);

export const returnRequest = z.object({
  id,
  orderId: id,
  customerId: id,
  kind: returnKind,
  status: returnStatus,
  refundStatus,
  reason: freeText(2000),
  amount: minorAmount,
  currency,
  requestedAt: isoDateTime,
  updatedAt: recordTime,
});
export type ReturnRequest = z.infer<typeof returnRequest>;

export const claimType = z.enum(['not_received', 'damaged', 'wrong_item', 'missing_item']);
export const claimStatus = z.enum(['open', 'investigating', 'resolved', 'rejected']);
export const claimOutcome = z.enum(['reshipped', 'refunded', 'denied', 'found_by_carrier']);

export const deliveryClaim = z.object({
  id,
  orderId: id,
  shipmentId: id.nullable(),
  customerId: id,
  type: claimType,
  status: claimStatus,
  outcome: claimOutcome.nullable(),
  amount: minorAmount,
  currency,
  openedAt: isoDateTime,
  resolvedAt: isoDateTime.nullable(),
  updatedAt: recordTime,
});
export type DeliveryClaim = z.infer<typeof deliveryClaim>;
