import { sql } from 'kysely';
import type { CustomerHead } from '../../../shared/domain';
import type { OutreachCandidate } from '../../../shared/outreach/outreach-ranking';
import type { ReadDb } from '../platform/database';
import { CUSTOMER_HEAD_COLUMNS, toCustomerHead } from '../customers/customer.repository';
import { getShipmentsForOrders } from '../customers/order.repository';

/** Open shipments promised longer ago than this are left to claims, not delay calls. */
export const OUTREACH_LOOKBACK_DAYS = 30;
/** At most this many open shipments are weighed per list (the list is read on demand). */
export const OUTREACH_SCAN_LIMIT = 5_000;

/** The first promised date the list looks at (ISO date): the lookback window's start. */
export function outreachWindowStart(nowMs: number, lookbackDays = OUTREACH_LOOKBACK_DAYS): string {
  return new Date(nowMs - lookbackDays * 86_400_000).toISOString().slice(0, 10);
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The scan the list was before its maintained table (outreach-table.ts), kept as that table's
 * reference (a test holds the two equal) and the bench's baseline: every open shipment promised
 * within the lookback window, with its customer, the customer's delay notices and the last
 * proactive call to them from this desktop. Every open shipment, not
 * only the ones already late: a delivery-date estimate may predict a delay the carrier has not
 * reported, and `rankOutreach` decides with the estimate it is given.
 */
export async function scanOutreachCandidates(
  db: ReadDb,
  nowMs: number,
  options: { lookbackDays?: number; limit?: number } = {},
): Promise<OutreachCandidate[]> {
  const since = outreachWindowStart(nowMs, options.lookbackDays);
  const open = await db
    .selectFrom('shipments as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .select(['s.order_id', 'o.order_number', 'o.customer_id'])
    .where('s.delivered_at', 'is', null)
    .where('s.status', 'in', ['label_created', 'in_transit', 'out_for_delivery', 'delayed'])
    .where('s.promised_date', '>=', since)
    .orderBy('s.promised_date')
    .limit(options.limit ?? OUTREACH_SCAN_LIMIT)
    .execute();
  if (open.length === 0) return [];

  const orderIds = [...new Set(open.map((r) => r.order_id))];
  const customerIds = [...new Set(open.map((r) => r.customer_id))];
  const shipments = (
    await Promise.all(chunks(orderIds).map((ids) => getShipmentsForOrders(db, ids)))
  ).flat();

  const customers = new Map<string, CustomerHead>();
  const phones = new Map<string, string>();
  const notices = new Map<string, OutreachCandidate['notices'][number][]>();
  const attempts = new Map<string, string>();
  for (const ids of chunks(customerIds)) {
    for (const c of await db
      .selectFrom('customers')
      .select(CUSTOMER_HEAD_COLUMNS)
      .where('id', 'in', ids)
      .execute()) {
      customers.set(c.id, toCustomerHead(c));
    }
    // The first number the retailer gave is the one to call (mobile before home when both).
    for (const p of await db
      .selectFrom('customer_phones')
      .select(['customer_id', 'e164', 'kind'])
      .where('customer_id', 'in', ids)
      .execute()) {
      const seen = phones.get(p.customer_id);
      if (!seen || p.kind === 'mobile') phones.set(p.customer_id, p.e164);
    }
    for (const n of await db
      .selectFrom('notices')
      .select(['customer_id', 'order_id', 'kind', 'sent_at'])
      .where('customer_id', 'in', ids)
      .where('kind', '=', 'delay')
      .execute()) {
      const list = notices.get(n.customer_id) ?? [];
      list.push({ orderId: n.order_id, kind: n.kind as 'delay', sentAt: n.sent_at });
      notices.set(n.customer_id, list);
    }
    for (const a of await db
      .selectFrom('voc_records')
      .select(['customer_id', (eb) => eb.fn.max('ended_at').as('last')])
      .where('customer_id', 'in', ids)
      .where(sql<string>`json_extract(details, '$.contactType')`, '=', 'proactive')
      .groupBy('customer_id')
      .execute()) {
      if (a.customer_id && a.last) attempts.set(a.customer_id, a.last);
    }
  }

  const byOrder = new Map(open.map((r) => [r.order_id, r]));
  return shipments.flatMap((shipment) => {
    const row = byOrder.get(shipment.orderId);
    const customer = row ? customers.get(row.customer_id) : undefined;
    if (!row || !customer) return [];
    return [
      {
        customer,
        phone: phones.get(customer.id) ?? null,
        order: { id: row.order_id, orderNumber: row.order_number },
        shipment,
        notices: notices.get(customer.id) ?? [],
        lastAttemptAt: attempts.get(customer.id) ?? null,
      },
    ];
  });
}
