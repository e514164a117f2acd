import type Sqlite from 'better-sqlite3';
import type { RetailerRecord, RetailerRecordType } from '../../../shared/protocol/records';
import {
  customerIndexEntries,
  customerIndexKey,
  type CustomerIndexEntries,
} from '../customers/customer-index-entries';
import { refreshPendingOutreach } from '../outreach/outreach-table';

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
        const updated = s.updateCustomerDetails.run(
          c.language,
          c.tier,
          c.lifetimeValue,
          c.currency,
          c.prefecture,
          c.postalCode,
          c.addressLine,
          JSON.stringify(c.emails),
          JSON.stringify(c.flags),
          c.createdAt,
          c.updatedAt,
          c.id,
          c.updatedAt,
          key,
        ).changes;
        if (updated) break;
        const stored = s.storedCustomer.get(c.id) as { updated_at: string } | undefined;
        if (stored && stored.updated_at > c.updatedAt) return void result.skippedStale++;
        const row = s.upsertCustomer.get({
          id: c.id,
          family_name: c.familyName,
          given_name: c.givenName,
          family_name_kana: c.familyNameKana,
          given_name_kana: c.givenNameKana,
          language: c.language,
          tier: c.tier,
          lifetime_value: c.lifetimeValue,
          currency: c.currency,
          prefecture: c.prefecture,
          postal_code: c.postalCode,
          address_line: c.addressLine,
          emails: JSON.stringify(c.emails),
          flags: JSON.stringify(c.flags),
          created_at: c.createdAt,
          updated_at: c.updatedAt,
          index_key: key,
        }) as { local_id: number } | undefined;
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
        const changed = s.upsertOrder.run({
          id: o.id,
          customer_id: o.customerId,
          order_number: o.orderNumber,
          placed_at: o.placedAt,
          status: o.status,
          total: o.total,
          currency: o.currency,
          updated_at: o.updatedAt,
        }).changes;
        if (!changed) return void result.skippedStale++;
        s.deleteLines.run(o.id);
        for (const l of o.lines) {
          s.insertLine.run(o.id, l.lineNo, l.sku, l.productName, l.quantity, l.unitPrice);
        }
        break;
      }
      case 'shipment': {
        const sh = record.data;
        const changed = s.upsertShipment.run({
          id: sh.id,
          order_id: sh.orderId,
          carrier: sh.carrier,
          tracking_number: sh.trackingNumber,
          status: sh.status,
          shipped_at: sh.shippedAt,
          promised_date: sh.promisedDate,
          estimated_date: sh.estimatedDate,
          delivered_at: sh.deliveredAt,
          origin_prefecture: sh.originPrefecture,
          destination_prefecture: sh.destinationPrefecture,
          updated_at: sh.updatedAt,
        }).changes;
        if (!changed) return void result.skippedStale++;
        s.deleteEvents.run(sh.id);
        sh.events.forEach((e, seq) =>
          s.insertEvent.run(sh.id, seq, e.occurredAt, e.status, e.location, e.description),
        );
        break;
      }
      case 'return': {
        const r = record.data;
        stale = !s.upsertReturn.run({
          id: r.id,
          order_id: r.orderId,
          customer_id: r.customerId,
          kind: r.kind,
          status: r.status,
          refund_status: r.refundStatus,
          reason: r.reason,
          amount: r.amount,
          currency: r.currency,
          requested_at: r.requestedAt,
          updated_at: r.updatedAt,
        }).changes;
        break;
      }
      case 'claim': {
        const c = record.data;
        stale = !s.upsertClaim.run({
          id: c.id,
          order_id: c.orderId,
          shipment_id: c.shipmentId,
          customer_id: c.customerId,
          type: c.type,
          status: c.status,
          outcome: c.outcome,
          amount: c.amount,
          currency: c.currency,
          opened_at: c.openedAt,
          resolved_at: c.resolvedAt,
          updated_at: c.updatedAt,
        }).changes;
        break;
      }
      case 'contact': {
        const c = record.data;
        stale = !s.upsertContact.run({
          id: c.id,
          customer_id: c.customerId,
          order_id: c.orderId,
          channel: c.channel,
          direction: c.direction,
          occurred_at: c.occurredAt,
          reason_code: c.reasonCode,
          summary: c.summary,
          updated_at: c.updatedAt,
        }).changes;
        break;
      }
      case 'notice': {
        const n = record.data;
        stale = !s.upsertNotice.run({
          id: n.id,
          customer_id: n.customerId,
          order_id: n.orderId,
          channel: n.channel,
          kind: n.kind,
          language: n.language,
          sent_at: n.sentAt,
          message: n.message,
          updated_at: n.updatedAt,
        }).changes;
        break;
      }
      case 'reason': {
        const r = record.data;
        s.upsertReason.run({
          code: r.code,
          parent_code: r.parentCode,
          label_ja: r.labelJa,
          label_en: r.labelEn,
          avoidable_default: r.avoidableDefault ? 1 : 0,
          sort_order: r.sortOrder,
          active: r.active ? 1 : 0,
        });
        break;
      }
      case 'script_version': {
        const v = record.data;
        // Published versions are immutable: a second copy of the same version changes nothing.
        s.insertScriptVersion.run({
          script_id: v.scriptId,
          version: v.version,
          language: v.language,
          title: v.title,
          triggers: JSON.stringify(v.triggers),
          steps: JSON.stringify(v.steps),
          release_notes: v.releaseNotes,
          published_at: v.publishedAt,
        });
        break;
      }
      case 'knowledge_answer': {
        const k = record.data;
        s.upsertKnowledge.run({
          id: k.id,
          version: k.version,
          language: k.language,
          title: k.title,
          body: k.body,
          tags: JSON.stringify(k.tags),
          published_at: k.publishedAt,
          centers: k.centers && k.centers.length > 0 ? JSON.stringify(k.centers) : null,
        });
        break;
      }
      case 'policy': {
        const p = record.data;
        s.upsertPolicy.run({
          id: p.id,
          kind: p.kind,
          label_ja: p.labelJa,
          label_en: p.labelEn,
          params: JSON.stringify(p.params),
          active: p.active ? 1 : 0,
          updated_at: p.updatedAt,
        });
        break;
      }
      case 'region_closure': {
        const c = record.data;
        s.upsertRegionClosure.run({
          id: c.id,
          region: c.region,
          carrier: c.carrier,
          starts_on: c.startsOn,
          ends_on: c.endsOn,
          reason: c.reason,
          announced_at: c.announcedAt,
          updated_at: c.updatedAt,
        });
        break;
      }
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

/** `insert … on conflict(key) do update` of every column, only when the record is not older. */
function upsertSql(table: string, key: string, columns: readonly string[], returning = ''): string {
  const updates = columns
    .filter((c) => c !== key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const guard = columns.includes('updated_at')
    ? ` where excluded.updated_at >= ${table}.updated_at`
    : '';
  return (
    `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
    `on conflict(${key}) do update set ${updates}${guard}${returning ? ` returning ${returning}` : ''}`
  );
}

function prepareStatements(sqlite: Sqlite.Database) {
  const p = (source: string) => sqlite.prepare(source);
  /**
   * An upsert bound by position: a row object's values in insertion order. Named parameters, or
   * looking each column up by name, cost microseconds a row (a fifth of a bootstrap's JavaScript
   * time). Its columns are the first row's keys, so each table's column list is written once, in
   * its row literal in `writeOne`: a call site builds one literal shape, so every row has the
   * same keys in the same order. Prepared at that first row, once.
   */
  const upsert = (table: string, key: string, returning = '') => {
    let statement: Sqlite.Statement | undefined;
    const prepared = (row: Record<string, unknown>) =>
      (statement ??= p(upsertSql(table, key, Object.keys(row), returning)));
    return {
      run: (row: Record<string, unknown>) => prepared(row).run(Object.values(row)),
      get: (row: Record<string, unknown>) => prepared(row).get(Object.values(row)),
    };
  };
  return {
    upsertCustomer: upsert('customers', 'id', 'local_id'),
    storedCustomer: p('select updated_at from customers where id = ?'),
    updateCustomerDetails: p(
      'update customers set language = ?, tier = ?, lifetime_value = ?, currency = ?, ' +
        'prefecture = ?, postal_code = ?, address_line = ?, emails = ?, flags = ?, created_at = ?, ' +
        'updated_at = ? where id = ? and updated_at <= ? and index_key = ?',
    ),
    deletePhones: p('delete from customer_phones where customer_id = ?'),
    insertPhone: p(
      'insert or ignore into customer_phones (e164, customer_id, kind, position) values (?, ?, ?, ?)',
    ),
    deleteEmails: p('delete from customer_emails where customer_id = ?'),
    insertEmail: p('insert or ignore into customer_emails (email, customer_id) values (?, ?)'),
    deleteSearch: p('delete from customer_search where rowid = ?'),
    insertSearch: p('insert into customer_search (rowid, terms) values (?, ?)'),
    upsertOrder: upsert('orders', 'id'),
    deleteLines: p('delete from order_lines where order_id = ?'),
    insertLine: p(
      'insert into order_lines (order_id, line_no, sku, product_name, quantity, unit_price) values (?, ?, ?, ?, ?, ?)',
    ),
    upsertShipment: upsert('shipments', 'id'),
    deleteEvents: p('delete from tracking_events where shipment_id = ?'),
    insertEvent: p(
      'insert into tracking_events (shipment_id, seq, occurred_at, status, location, description) values (?, ?, ?, ?, ?, ?)',
    ),
    upsertReturn: upsert('returns', 'id'),
    upsertClaim: upsert('claims', 'id'),
    upsertContact: upsert('contacts', 'id'),
    upsertNotice: upsert('notices', 'id'),
    upsertReason: upsert('reasons', 'code'),
    insertScriptVersion: p(
      'insert or ignore into script_versions (script_id, version, language, title, triggers, steps, release_notes, published_at) ' +
        'values (@script_id, @version, @language, @title, @triggers, @steps, @release_notes, @published_at)',
    ),
    upsertKnowledge: upsert('knowledge_answers', 'id'),
    upsertPolicy: upsert('policies', 'id'),
    upsertRegionClosure: upsert('region_closures', 'id'),
  };
}
