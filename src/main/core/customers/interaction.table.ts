import type { Selectable } from 'kysely';

export interface ContactTable {
  id: string;
  customer_id: string;
  order_id: string | null;
  channel: string;
  direction: string;
  occurred_at: string;
  reason_code: string | null;
  summary: string;
  updated_at: string;
}
export type ContactRow = Selectable<ContactTable>;

export interface NoticeTable {
  id: string;
  customer_id: string;
  order_id: string | null;
  channel: string;
  kind: string;
  language: string;
  sent_at: string;
  message: string;
  updated_at: string;
}
export type NoticeRow = Selectable<NoticeTable>;
