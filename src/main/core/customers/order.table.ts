import type { Selectable } from 'kysely';

export interface OrderTable {
  id: string;
  customer_id: string;
  order_number: string;
  placed_at: string;
  status: string;
  total: number;
  currency: string;
  updated_at: string;
}
export type OrderRow = Selectable<OrderTable>;

export interface OrderLineTable {
  order_id: string;
  line_no: number;
  sku: string;
  product_name: string;
  quantity: number;
  unit_price: number;
}
export type OrderLineRow = Selectable<OrderLineTable>;

export interface ShipmentTable {
  id: string;
  order_id: string;
  carrier: string;
  tracking_number: string;
  status: string;
  shipped_at: string | null;
  promised_date: string;
  estimated_date: string | null;
  delivered_at: string | null;
  origin_prefecture: string;
  destination_prefecture: string;
  updated_at: string;
}
export type ShipmentRow = Selectable<ShipmentTable>;

export interface TrackingEventTable {
  shipment_id: string;
  seq: number;
  occurred_at: string;
  status: string;
  location: string;
  description: string;
}
export type TrackingEventRow = Selectable<TrackingEventTable>;
