import { z } from 'zod';
import {
  currency,
  freeText,
  id,
  isoDate,
  isoDateTime,
  recordTime,
  minorAmount,
  oneLine,
  printable,
} from './primitives';

export const orderStatus = z.enum([
  'placed',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'partially_returned',
  'returned',
]);

export const orderLine = z.object({
  lineNo: z.number().int().min(1),
  sku: printable(64),
  productName: oneLine(300),
  quantity: z.number().int().min(1),
  unitPrice: minorAmount,
});
export type OrderLine = z.infer<typeof orderLine>;

export const order = z.object({
  id,
  customerId: id,
  /** What the customer reads on their confirmation mail, e.g. `KO-2411-000123`. */
  orderNumber: printable(40).min(1),
  placedAt: isoDateTime,
  status: orderStatus,
  total: minorAmount,
  currency,
  lines: z
    .array(orderLine)
    .max(500)
    .refine((lines) => new Set(lines.map((l) => l.lineNo)).size === lines.length, {
      message: 'line numbers must be unique within an order',
    }),
  updatedAt: recordTime,
});
export type Order = z.infer<typeof order>;

export const carrier = z.enum(['yamato', 'sagawa', 'japan_post', 'ups', 'fedex']);
export type Carrier = z.infer<typeof carrier>;

export const shipmentStatus = z.enum([
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delayed',
  'lost',
  'returned_to_sender',
]);
export type ShipmentStatus = z.infer<typeof shipmentStatus>;

export const trackingEvent = z.object({
  occurredAt: isoDateTime,
  status: shipmentStatus,
  location: oneLine(200),
  description: freeText(1000),
});
export type TrackingEvent = z.infer<typeof trackingEvent>;

export const shipment = z.object({
  id,
  orderId: id,
  carrier,
  trackingNumber: printable(64),
  status: shipmentStatus,
  shippedAt: isoDateTime.nullable(),
  promisedDate: isoDate,
  estimatedDate: isoDate.nullable(),
  deliveredAt: isoDateTime.nullable(),
  originPrefecture: oneLine(64),
  destinationPrefecture: oneLine(64),
  events: z.array(trackingEvent).max(200),
  updatedAt: recordTime,
});
export type Shipment = z.infer<typeof shipment>;
