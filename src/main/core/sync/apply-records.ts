import type Sqlite from 'better-sqlite3';
import type { RetailerRecord, RetailerRecordType } from '../../../shared/protocol/records';
import {
  customerIndexEntries,
  customerIndexKey,
  type CustomerIndexEntries,
} from '../customers/customer-index-entries';
import { refreshPendingOutreach } from '../outreach/outreach-table';
import { prepareCustomerDetailsUpdate, prepareRowWriters } from './record-rows';

export type ApplyResult = Record<RetailerRecordType, number> & { skippedStale: number };

/** A record to write; a customer may carry its index entries already worked out. */
export type WritableRecord = RetailerRecord & { index?: CustomerIndexEntries };

/**
 * Writes retailer records (a pulled sync page, or the embedded demo data) into the local cache.
 *
 * This is the bulk path, so it runs raw prepared statements instead of Kysely: a bench-size
 * bootstrap writes tens of millions of rows and Kysely compiles each query anew (measured in
 * bench/bulk-load). Each call is one transaction, or part of the caller's when one is open. An
 * upsert never moves a row backwards: a record whose `updatedAt` is older than the stored one is
 * skipped, so a replayed page is harmless.
 */
export function createRecordWriter(sqlite: Sqlite.Database): {
  apply(records: readonly WritableRecord[]): ApplyResult;
} {
  const s = prepareStatements(sqlite);
  /**
   * Search rows to write at the end of the batch, by customer rowid. FTS5 keeps inserts in
   * ascending rowid order in memory until commit, but any other statement that opens a
   * savepoint (an upsert) makes it flush them to disk: written one by one between the customer
   * upserts, each search row became a segment of its own (about 0.25 ms a customer).
   */
  const search = new Map<number, { terms: string; replace: boolean }>();

  const writeOne = (record: WritableRecord, result: ApplyResult): void => {
    // A stale return, claim, contact or notice counts as skipped and as applied; a stale
    // customer, order or shipment returns early, counted as skipped only.
    let stale = false;
    switch (record.type) {
      case 'customer': {
        const c = record.data;
        const key = record.index?.key ?? customerIndexKey(c);
        // Names, kana, phones and e-mails as stored (the same fingerprint): only the other
        // columns change, and the name indexes and the phone, e-mail and search rows stand.
        const updated = s.updateCustomerDetails(c, key);
        if (updated) break;
        const stored = s.storedCustomer.get(c.id) as { updated_at: string } | undefined;
        if (stored && stored.updated_at > c.updatedAt) return void result.skippedStale++;
        const row = s.rows.customer.get(c, [key]) as { local_id: number } | undefined;
        if (!row) return void result.skippedStale++;
        const { phones, emails, terms } = record.index ?? customerIndexEntries(c);
        if (stored) {
          s.deletePhones.run(c.id);
          s.deleteEmails.run(c.id);
        }
        for (const p of phones) s.insertPhone.run(p.e164, c.id, p.kind, p.position);
        for (const e of emails) s.insertEmail.run(e, c.id);
        const earlier = search.get(row.local_id);
        search.set(row.local_id, { terms, replace: earlier ? earlier.replace : !!stored });
        break;
      }
      case 'order': {
        const o = record.data;
        if (!s.rows.order.run(o).changes) return void result.skippedStale++;
        s.deleteLines.run(o.id);
        for (const l of o.lines) {
          s.insertLine.run(o.id, l.lineNo, l.sku, l.productName, l.quantity, l.unitPrice);
        }
        break;
      }
      case 'shipment': {
        const sh = record.data;
        if (!s.rows.shipment.run(sh).changes) return void result.skippedStale++;
        s.deleteEvents.run(sh.id);
        sh.events.forEach((e, seq) =>
          s.insertEvent.run(sh.id, seq, e.occurredAt, e.status, e.location, e.description),
        );
        break;
      }
      case 'return':
      case 'claim':
      case 'contact':
      case 'notice':
        stale = !s.rows[record.type].run(record.data).changes;
        break;
      default:
        // Reasons, policies, closures and answers count as applied even when older; a published
        // script version never changes, so a second copy changes nothing.
        s.rows[record.type].run(record.data);
    }
    if (stale) result.skippedStale++;
    result[record.type]++;
  };

  const writeSearch = () => {
    for (const [rowid, { terms, replace }] of [...search].sort(([a], [b]) => a - b)) {
      if (replace) s.deleteSearch.run(rowid);
      s.insertSearch.run(rowid, terms);
    }
  };

  const applyAll = (records: readonly WritableRecord[]): ApplyResult => {
    const result = emptyResult();
    search.clear();
    try {
      for (const record of records) writeOne(record, result);
      writeSearch();
    } finally {
      search.clear();
    }
    return result;
  };
  // On its own, the batch also brings the outreach list's rows up to date before it commits
  // (outreach-table.ts); a caller's transaction does that itself, once, at its end.
  const applyInTransaction = sqlite.transaction((records: readonly WritableRecord[]) => {
    const result = applyAll(records);
    refreshPendingOutreach(sqlite);
    return result;
  });

  return {
    // Within the caller's transaction (a pulled page and its cursor) the batch is part of it, not
    // a savepoint of its own: a savepoint journals every page it touches a second time, which
    // slowed a bootstrap by a fifth. A failure still propagates and rolls the caller's back.
    apply: (records) => (sqlite.inTransaction ? applyAll(records) : applyInTransaction(records)),
  };
}

function emptyResult(): ApplyResult {
  return {
    customer: 0,
    order: 0,
    shipment: 0,
    return: 0,
    claim: 0,
    contact: 0,
    notice: 0,
    reason: 0,
    script_version: 0,
    knowledge_answer: 0,
    policy: 0,
    region_closure: 0,
    skippedStale: 0,
  };
}

function prepareStatements(sqlite: Sqlite.Database) {
  const p = (source: string) => sqlite.prepare(source);
  return {
    rows: prepareRowWriters(sqlite),
    storedCustomer: p('select updated_at from customers where id = ?'),
    updateCustomerDetails: prepareCustomerDetailsUpdate(sqlite),
    deletePhones: p('delete from customer_phones where customer_id = ?'),
    insertPhone: p(
      'insert or ignore into customer_phones (e164, customer_id, kind, position) values (?, ?, ?, ?)',
    ),
    deleteEmails: p('delete from customer_emails where customer_id = ?'),
    insertEmail: p('insert or ignore into customer_emails (email, customer_id) values (?, ?)'),
    deleteSearch: p('delete from customer_search where rowid = ?'),
    insertSearch: p('insert into customer_search (rowid, terms) values (?, ?)'),
    deleteLines: p('delete from order_lines where order_id = ?'),
    insertLine: p(
      'insert into order_lines (order_id, line_no, sku, product_name, quantity, unit_price) values (?, ?, ?, ?, ?, ?)',
    ),
    deleteEvents: p('delete from tracking_events where shipment_id = ?'),
    insertEvent: p(
      'insert into tracking_events (shipment_id, seq, occurred_at, status, location, description) values (?, ?, ?, ?, ?, ?)',
    ),
  };
}
