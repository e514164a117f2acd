import type { Contact, Notice } from '../../../shared/domain';
import type { ReadDb } from '../platform/database';

export async function getRecentContacts(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('occurred_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((c) => ({
    id: c.id,
    customerId: c.customer_id,
    orderId: c.order_id,
    channel: c.channel as Contact['channel'],
    direction: c.direction as Contact['direction'],
    occurredAt: c.occurred_at,
    reasonCode: c.reason_code,
    summary: c.summary,
    updatedAt: c.updated_at,
  }));
}

export async function getRecentNotices(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<Notice[]> {
  const rows = await db
    .selectFrom('notices')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('sent_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((n) => ({
    id: n.id,
    customerId: n.customer_id,
    orderId: n.order_id,
    channel: n.channel as Notice['channel'],
    kind: n.kind as Notice['kind'],
    language: n.language as Notice['language'],
    sentAt: n.sent_at,
    message: n.message,
    updatedAt: n.updated_at,
  }));
}
