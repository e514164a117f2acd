import { language as languageSchema } from '../../../src/shared/domain/primitives';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { outreachNotice } from '../../../src/shared/outreach/outreach-notice';
import type { VocPushOutcome } from '../../../src/shared/protocol/voc-push';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import type { ServerDb } from '../db/schema';
import { applyChanges } from './change-log';

async function recordData(
  db: ServerDb,
  tenantId: string,
  type: 'order' | 'customer',
  id: string | null,
): Promise<Record<string, unknown> | null> {
  if (id === null) return null;
  const row = await db
    .selectFrom('records')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('type', '=', type)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
}

/**
 * A proactive call that told the customer (reached, voicemail) becomes a `notice` on the
 * customer in the tenant's change log, so every desktop — not only the caller's — shows it at the
 * customer's next call. Built with the same function and id as the caller's local copy. Only
 * records this push accepted count (a duplicate was handled by its first push); a customer the
 * tenant does not hold gets no notice. Returns the last sequence number written, if any.
 */
export async function publishOutreachNotices(
  /** The push's transaction: the records and their notices commit together. */
  db: ServerDb,
  tenantId: string,
  records: readonly VocRecord[],
  outcomes: readonly VocPushOutcome[],
): Promise<number | null> {
  const accepted = new Set(outcomes.filter((o) => o.status === 'accepted').map((o) => o.id));
  const notices: RetailerRecord[] = [];
  for (const record of records) {
    if (!accepted.has(record.id) || record.contactType !== 'proactive') continue;
    const customer = await recordData(db, tenantId, 'customer', record.customerId);
    if (!customer) continue;
    const order = await recordData(db, tenantId, 'order', record.orderId);
    const language = languageSchema.safeParse(customer['language']);
    const notice = outreachNotice(record, {
      orderNumber: typeof order?.['orderNumber'] === 'string' ? order['orderNumber'] : null,
      language: language.success ? language.data : 'ja',
    });
    if (notice) notices.push({ type: 'notice', data: notice });
  }
  if (notices.length === 0) return null;
  return (await applyChanges(db, tenantId, notices, [])).lastSeq;
}
