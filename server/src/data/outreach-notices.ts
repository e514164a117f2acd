import { language as languageSchema } from '../../../src/shared/domain/primitives';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { outreachNotice } from '../../../src/shared/outreach/outreach-notice';
import type { VocPushOutcome } from '../../../src/shared/protocol/voc-push';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import type { ServerDb } from '../db/schema';
import { applyChanges } from './change-log';

/** The most "customer was told" notices proactive calls may leave on one customer in a day. */
export const MAX_OUTREACH_NOTICES_PER_CUSTOMER_DAY = 3;

type NoticeLogTables = {
  outreach_notice_log: {
    tenant_id: string;
    voc_id: string;
    customer_id: string;
    day: string;
    agent_id: string;
  };
};

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
 * records this push accepted count (a duplicate was handled by its first push). No notice for a
 * customer the tenant does not hold, for an order that is not that customer's, or past
 * {@link MAX_OUTREACH_NOTICES_PER_CUSTOMER_DAY} notices on the customer that day (UTC): a desk
 * cannot write an unlimited number of "was told" lines onto a customer. The VoC record itself is
 * kept either way. Returns the last sequence number written, if any.
 */
export async function publishOutreachNotices(
  /** The push's transaction: the records and their notices commit together. */
  db: ServerDb,
  principal: { tenantId: string; userId: string },
  records: readonly VocRecord[],
  outcomes: readonly VocPushOutcome[],
): Promise<number | null> {
  const { tenantId } = principal;
  const log = db.withTables<NoticeLogTables>();
  const accepted = new Set(outcomes.filter((o) => o.status === 'accepted').map((o) => o.id));
  const notices: RetailerRecord[] = [];
  for (const record of records) {
    if (!accepted.has(record.id) || record.contactType !== 'proactive') continue;
    const customer = await recordData(db, tenantId, 'customer', record.customerId);
    if (!customer || record.customerId === null) continue;
    const order = await recordData(db, tenantId, 'order', record.orderId);
    if (!order || order['customerId'] !== record.customerId) continue;
    const language = languageSchema.safeParse(customer['language']);
    const notice = outreachNotice(record, {
      orderNumber: typeof order['orderNumber'] === 'string' ? order['orderNumber'] : null,
      language: language.success ? language.data : 'ja',
    });
    if (!notice) continue;
    // A corrected wrap-up republishes its notice (same id): it was counted at its first push.
    const counted = await log
      .selectFrom('outreach_notice_log')
      .select('voc_id')
      .where('tenant_id', '=', tenantId)
      .where('voc_id', '=', record.id)
      .executeTakeFirst();
    if (counted) {
      notices.push({ type: 'notice', data: notice });
      continue;
    }
    const day = record.endedAt.slice(0, 10);
    const today = await log
      .selectFrom('outreach_notice_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', record.customerId)
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    if (Number(today.n) >= MAX_OUTREACH_NOTICES_PER_CUSTOMER_DAY) continue;
    await log
      .insertInto('outreach_notice_log')
      .values({
        tenant_id: tenantId,
        voc_id: record.id,
        customer_id: record.customerId,
        day,
        agent_id: principal.userId,
      })
      .execute();
    notices.push({ type: 'notice', data: notice });
  }
  if (notices.length === 0) return null;
  return (await applyChanges(db, tenantId, notices, [])).lastSeq;
}
