import type Sqlite from 'better-sqlite3';
import type { OutreachCandidate } from '../../../shared/outreach/outreach-ranking';
import {
  CUSTOMER_HEAD_COLUMNS,
  toCustomerHead,
  type CustomerHeadRow,
} from '../customers/customer.repository';
import { toShipment, type ShipmentEventRow } from '../customers/order.repository';
import type { ShipmentRow } from '../customers/order.table';

/**
 * The outreach list's maintained table (`outreach_candidates`, migration 0060): one row per open
 * shipment holding the candidate the list ranks, so the list is a range read by promised date.
 * Triggers note in `outreach_pending` every customer whose rows a write may have changed; the
 * writer calls {@link refreshPendingOutreach} inside its transaction, so the rows commit with the
 * records that changed them. A reader computes customers still pending itself (a path that writes
 * without refreshing, or a rebuild under way), so what it returns always equals the scan of the
 * cache (outreach/outreach-candidates.ts's scan, the list before this table; a test holds the two
 * equal).
 */

const OPEN_STATUSES = `('label_created', 'in_transit', 'out_for_delivery', 'delayed')`;

/** An open shipment's row with the order's number and customer it belongs to. */
type OpenShipmentRow = ShipmentRow & { order_number: string; customer_id: string };

function statements(sqlite: Sqlite.Database) {
  const p = (source: string) => sqlite.prepare(source);
  return {
    openShipments: p(
      `select s.*, o.order_number, o.customer_id
         from orders o cross join shipments s on s.order_id = o.id
        where o.customer_id = ? and s.delivered_at is null and s.status in ${OPEN_STATUSES}`,
    ),
    events: p(
      `select occurred_at, status, location, description from tracking_events
        where shipment_id = ? order by seq`,
    ),
    customer: p(`select ${CUSTOMER_HEAD_COLUMNS.join(', ')} from customers where id = ?`),
    phones: p(`select e164, kind from customer_phones where customer_id = ?`),
    notices: p(
      `select order_id, kind, sent_at from notices where customer_id = ? and kind = 'delay'`,
    ),
    lastAttempt: p(
      `select max(ended_at) as last from voc_records
        where customer_id = ? and json_extract(details, '$.contactType') = 'proactive'`,
    ),
    pending: p(`select customer_id from outreach_pending limit ?`),
    isPending: p(`select 1 from outreach_pending where customer_id = ?`),
    dropRows: p(`delete from outreach_candidates where customer_id = ?`),
    insertRow: p(
      `insert or replace into outreach_candidates (shipment_id, customer_id, promised_date, candidate)
       values (?, ?, ?, ?)`,
    ),
    done: p(`delete from outreach_pending where customer_id = ?`),
  };
}

type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<Sqlite.Database, Statements>();
const statementsOf = (sqlite: Sqlite.Database): Statements => {
  let s = prepared.get(sqlite);
  if (!s) prepared.set(sqlite, (s = statements(sqlite)));
  return s;
};

/** Every open shipment of the customer as a list candidate, read from the cache's own tables. */
export function candidatesOfCustomer(
  sqlite: Sqlite.Database,
  customerId: string,
): OutreachCandidate[] {
  const s = statementsOf(sqlite);
  const open = s.openShipments.all(customerId) as OpenShipmentRow[];
  if (open.length === 0) return [];
  const head = s.customer.get(customerId) as CustomerHeadRow | undefined;
  if (!head) return [];
  const customer = toCustomerHead(head);
  // The first number the retailer gave is the one to call (mobile before home when both).
  let phone: string | null = null;
  for (const p of s.phones.all(customerId) as { e164: string; kind: string }[]) {
    if (phone === null || p.kind === 'mobile') phone = p.e164;
  }
  const notices = (
    s.notices.all(customerId) as { order_id: string | null; kind: string; sent_at: string }[]
  ).map((n) => ({ orderId: n.order_id, kind: n.kind as 'delay', sentAt: n.sent_at }));
  const { last } = s.lastAttempt.get(customerId) as { last: string | null };
  return open.map((row) => ({
    customer,
    phone,
    order: { id: row.order_id, orderNumber: row.order_number },
    shipment: toShipment(row, s.events.all(row.id) as ShipmentEventRow[]),
    notices,
    lastAttemptAt: last,
  }));
}

/**
 * Recomputes the rows of customers noted as pending, at most `limit` of them, and takes them off
 * the note. Runs inside the caller's transaction (the page or the purge slice that changed
 * them), or in one of its own. Returns how many customers it refreshed.
 */
export function refreshPendingOutreach(sqlite: Sqlite.Database, limit = Infinity): number {
  const s = statementsOf(sqlite);
  const run = () => {
    const ids = (
      s.pending.all(Number.isFinite(limit) ? limit : -1) as { customer_id: string }[]
    ).map((r) => r.customer_id);
    for (const id of ids) refreshCustomer(sqlite, s, id);
    return ids.length;
  };
  return sqlite.inTransaction ? run() : sqlite.transaction(run)();
}

/**
 * Recomputes one customer's rows when a write noted them (a wrap-up's own caller, just after the
 * save's commit), inside the caller's transaction or in a short one of its own. Other customers
 * on the note (a long one after a bootstrap, worked off in slices) are left to the slices: a
 * save does its own change, not theirs.
 */
export function refreshPendingOutreachOf(sqlite: Sqlite.Database, customerId: string): void {
  const s = statementsOf(sqlite);
  if (!isOutreachPending(sqlite, customerId)) return;
  if (sqlite.inTransaction) refreshCustomer(sqlite, s, customerId);
  else sqlite.transaction(() => refreshCustomer(sqlite, s, customerId)).immediate();
}

/** Whether a write noted the customer's rows as to be recomputed (a read: no write lock). */
export function isOutreachPending(sqlite: Sqlite.Database, customerId: string): boolean {
  return statementsOf(sqlite).isPending.get(customerId) !== undefined;
}

function refreshCustomer(sqlite: Sqlite.Database, s: Statements, id: string): void {
  s.dropRows.run(id);
  for (const candidate of candidatesOfCustomer(sqlite, id)) {
    s.insertRow.run(
      candidate.shipment.id,
      id,
      candidate.shipment.promisedDate,
      JSON.stringify(candidate),
    );
  }
  s.done.run(id);
}

/** Customers refreshed per transaction when the pending note is long (after a bootstrap). */
export const OUTREACH_REFRESH_SLICE = 500;

/**
 * Works through a long pending note (every customer with an open parcel after a bootstrap or the
 * migration) in short transactions with a pause between them, so a ring's or a wrap-up's write
 * gets the lock in between (the same reasoning as `purgeInSlices`). Returns how many it refreshed.
 */
export async function refreshOutreachInSlices(
  sqlite: Sqlite.Database,
  slice = OUTREACH_REFRESH_SLICE,
): Promise<number> {
  let total = 0;
  for (;;) {
    const started = performance.now();
    const done = sqlite.transaction(() => refreshPendingOutreach(sqlite, slice)).immediate();
    total += done;
    if (done < slice) return total;
    const held = performance.now() - started;
    await new Promise((pause) => setTimeout(pause, Math.max(4, held)));
  }
}

/**
 * After a bootstrap (its triggers were off): every row is recomputed. The old rows go and every
 * customer with an open parcel is noted, in one short transaction; the rows then fill in slices
 * (`refreshOutreachInSlices`), the list computing the pending customers itself meanwhile.
 */
export function noteEveryOpenCustomer(sqlite: Sqlite.Database): void {
  sqlite.transaction(() => {
    sqlite.exec(`delete from outreach_candidates`);
    sqlite.exec(
      `insert or ignore into outreach_pending (customer_id)
         select o.customer_id from shipments s join orders o on o.id = s.order_id
          where s.delivered_at is null and s.status in ${OPEN_STATUSES}`,
    );
  })();
}

/**
 * The list's candidates from the table: open shipments promised on or after `since` (an ISO
 * date), earliest promise first, at most `limit`; customers still pending are computed from the
 * cache in the same read transaction, so the answer is the cache's as of one moment.
 */
export function readOutreachTable(
  sqlite: Sqlite.Database,
  { since, limit }: { since: string; limit: number },
): OutreachCandidate[] {
  return sqlite.transaction(() => {
    const pending = new Set(
      (
        sqlite.prepare(`select customer_id from outreach_pending`).all() as {
          customer_id: string;
        }[]
      ).map((r) => r.customer_id),
    );
    // With customers pending, their stored rows are read past (the limit applies after).
    const stored = sqlite
      .prepare(
        `select customer_id, candidate from outreach_candidates
          where promised_date >= ? order by promised_date, shipment_id limit ?`,
      )
      .all(since, pending.size === 0 ? limit : -1) as { customer_id: string; candidate: string }[];
    const fresh: OutreachCandidate[] = [];
    for (const row of stored) {
      if (!pending.has(row.customer_id)) fresh.push(JSON.parse(row.candidate) as OutreachCandidate);
    }
    if (pending.size === 0) return fresh;
    for (const id of pendingWithin(sqlite, pending, since)) {
      for (const c of candidatesOfCustomer(sqlite, id)) {
        if (c.shipment.promisedDate >= since) fresh.push(c);
      }
    }
    return fresh
      .sort(
        (a, b) =>
          a.shipment.promisedDate.localeCompare(b.shipment.promisedDate) ||
          a.shipment.id.localeCompare(b.shipment.id),
      )
      .slice(0, limit);
  })();
}

/** Up to this many pending customers are computed one by one; more (a rebuild) are narrowed. */
const PENDING_ONE_BY_ONE = 256;

/**
 * The pending customers to compute for a list: all of them when few; when many (the rows being
 * rebuilt after a bootstrap) only those with an open parcel in the window, found by the partial
 * index of open shipments, as the list was read before its table.
 */
function pendingWithin(
  sqlite: Sqlite.Database,
  pending: ReadonlySet<string>,
  since: string,
): Iterable<string> {
  if (pending.size <= PENDING_ONE_BY_ONE) return pending;
  const inWindow = sqlite
    .prepare(
      `select distinct o.customer_id from shipments s join orders o on o.id = s.order_id
        where s.delivered_at is null and s.status in ${OPEN_STATUSES} and s.promised_date >= ?`,
    )
    .all(since) as { customer_id: string }[];
  return inWindow.map((r) => r.customer_id).filter((id) => pending.has(id));
}
