import type { Contact, Notice } from '../../../shared/domain';
import type { ReadDb } from '../platform/database';
import { newestRowsOf } from './newest-rows';

// Each column is selected under its field's name (Kysely checks both), so a row is the record:
// no mapper to keep in step with the table. The cache stores the enums as text.

export async function getRecentContacts(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<Contact[]> {
  return newestRowsOf(db, 'contacts', customerId, limit)
    .select([
      'id',
      'customer_id as customerId',
      'order_id as orderId',
      'channel',
      'direction',
      'occurred_at as occurredAt',
      'reason_code as reasonCode',
      'summary',
      'updated_at as updatedAt',
    ])
    .$narrowType<Pick<Contact, 'channel' | 'direction'>>()
    .execute();
}

export async function getRecentNotices(
  db: ReadDb,
  customerId: string,
  limit: number,
): Promise<Notice[]> {
  return newestRowsOf(db, 'notices', customerId, limit)
    .select([
      'id',
      'customer_id as customerId',
      'order_id as orderId',
      'channel',
      'kind',
      'language',
      'sent_at as sentAt',
      'message',
      'updated_at as updatedAt',
    ])
    .$narrowType<Pick<Notice, 'channel' | 'kind' | 'language'>>()
    .execute();
}
