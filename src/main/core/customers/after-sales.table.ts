import type { Selectable } from 'kysely';

export interface ReturnTable {
  id: string;
  order_id: string;
  customer_id: string;
  kind: string;
  status: string;
  refund_status: string;
  reason: string;
  amount: number;
  currency: string;
  requested_at: string;
  updated_at: string;
}
export type ReturnRow = Selectable<ReturnTable>;

export interface ClaimTable {
  id: string;
  order_id: string;
  shipment_id: string | null;
  customer_id: string;
  type: string;
  status: string;
  outcome: string | null;
  amount: number;
  currency: string;
  opened_at: string;
  resolved_at: string | null;
  updated_at: string;
}
export type ClaimRow = Selectable<ClaimTable>;
