import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { openDatabase } from '../src/main/core/platform/connection';
import { generateDemoRecords } from '../src/shared/demo/generate-demo-records';
import type { RetailerRecord } from '../src/shared/protocol/records';
import { figure, note, type Figure } from './lib/figures';

/** Enough of the bench data set to measure a steady rate without taking minutes. */
const CUSTOMERS = Number(process.env.KOE_BENCH_BULK_CUSTOMERS ?? 100_000);

/**
 * Local bulk load (the path a pulled sync page and the demo seed take: upsert with the
 * never-backwards guard, phone normalization, e-mail and trigram search index) in rows/s,
 * against raw INSERTs of the same rows into the same schema, in transactions of the same size.
 */
export async function benchBulkLoad(): Promise<Figure[]> {
  const batches = collectBatches(CUSTOMERS);
  const dir = mkdtempSync(join(tmpdir(), 'koe-bulk-'));
  try {
    const raw = await timeLoad(join(dir, 'raw.sqlite'), (sqlite) => {
      const insert = rawInserter(sqlite);
      let rows = 0;
      for (const batch of batches) rows += insert(batch);
      return rows;
    });
    const koe = await timeLoad(join(dir, 'koe.sqlite'), (sqlite) => {
      const writer = createRecordWriter(sqlite);
      for (const batch of batches) writer.apply(batch);
      return countRows(sqlite);
    });
    note(
      `bulk load: Koe ${koe.rows} rows in ${koe.seconds.toFixed(2)} s; raw ${raw.rows} rows in ${raw.seconds.toFixed(2)} s`,
    );
    return [figure('local_bulk_load', koe.rows / koe.seconds, 'rows/s', raw.rows / raw.seconds)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function collectBatches(customers: number): RetailerRecord[][] {
  const batches: RetailerRecord[][] = [];
  let seen = 0;
  for (const batch of generateDemoRecords({ size: 'bench' })) {
    batches.push(batch);
    seen += batch.filter((r) => r.type === 'customer').length;
    if (seen >= customers) break;
  }
  return batches;
}

export async function timeLoad(filename: string, load: (sqlite: Sqlite.Database) => number) {
  const database = await openDatabase({ filename });
  const start = process.hrtime.bigint();
  const rows = load(database.sqlite);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await database.close();
  return { rows, seconds };
}

export function countRows(sqlite: Sqlite.Database): number {
  const tables = [
    'customers',
    'customer_phones',
    'customer_emails',
    'orders',
    'order_lines',
    'shipments',
    'tracking_events',
    'returns',
    'claims',
    'contacts',
    'notices',
    'reasons',
    'script_versions',
    'knowledge_answers',
    'policies',
  ];
  let rows = 0;
  for (const t of tables)
    rows += (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  // One search-index row per customer.
  return rows + (sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n;
}

/** Plain INSERTs, one transaction per batch: no upsert, no normalization, no search index. */
export function rawInserter(sqlite: Sqlite.Database): (batch: RetailerRecord[]) => number {
  const p = (table: string, n: number) =>
    sqlite.prepare(`insert into ${table} values (${Array(n).fill('?').join(',')})`);
  const customer = sqlite.prepare(
    'insert into customers (id, family_name, given_name, family_name_kana, given_name_kana, language, tier, lifetime_value, currency, prefecture, postal_code, address_line, emails, flags, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  const phone = p('customer_phones', 4);
  const email = p('customer_emails', 2);
  const order = p('orders', 8);
  const line = p('order_lines', 6);
  const shipment = p('shipments', 12);
  const event = p('tracking_events', 6);
  const ret = p('returns', 11);
  const claim = p('claims', 12);
  const contact = p('contacts', 9);
  const notice = p('notices', 9);
  const reason = p('reasons', 7);
  const script = p('script_versions', 8);
  const knowledge = p('knowledge_answers', 8);
  const policy = p('policies', 7);
  return sqlite.transaction((batch: RetailerRecord[]) => {
    let rows = 0;
    const run = (s: Sqlite.Statement, ...values: unknown[]) => (s.run(...values), rows++);
    for (const r of batch) {
      switch (r.type) {
        case 'customer': {
          const c = r.data;
          run(
            customer,
            c.id,
            c.familyName,
            c.givenName,
            c.familyNameKana,
            c.givenNameKana,
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
          );
          c.phones.forEach((ph, i) => run(phone, ph.number, c.id, ph.kind, i));
          c.emails.forEach((e) => run(email, e, c.id));
          break;
        }
        case 'order': {
          const o = r.data;
          run(
            order,
            o.id,
            o.customerId,
            o.orderNumber,
            o.placedAt,
            o.status,
            o.total,
            o.currency,
            o.updatedAt,
          );
          o.lines.forEach((l) =>
            run(line, o.id, l.lineNo, l.sku, l.productName, l.quantity, l.unitPrice),
          );
          break;
        }
        case 'shipment': {
          const s = r.data;
          run(
            shipment,
            s.id,
            s.orderId,
            s.carrier,
            s.trackingNumber,
            s.status,
            s.shippedAt,
            s.promisedDate,
            s.estimatedDate,
            s.deliveredAt,
            s.originPrefecture,
            s.destinationPrefecture,
            s.updatedAt,
          );
          s.events.forEach((e, i) =>
            run(event, s.id, i, e.occurredAt, e.status, e.location, e.description),
          );
          break;
        }
        case 'return': {
          const x = r.data;
          run(
            ret,
            x.id,
            x.orderId,
            x.customerId,
            x.kind,
            x.status,
            x.refundStatus,
            x.reason,
            x.amount,
            x.currency,
            x.requestedAt,
            x.updatedAt,
          );
          break;
        }
        case 'claim': {
          const x = r.data;
          run(
            claim,
            x.id,
            x.orderId,
            x.shipmentId,
            x.customerId,
            x.type,
            x.status,
            x.outcome,
            x.amount,
            x.currency,
            x.openedAt,
            x.resolvedAt,
            x.updatedAt,
          );
          break;
        }
        case 'contact': {
          const x = r.data;
          run(
            contact,
            x.id,
            x.customerId,
            x.orderId,
            x.channel,
            x.direction,
            x.occurredAt,
            x.reasonCode,
            x.summary,
            x.updatedAt,
          );
          break;
        }
        case 'notice': {
          const x = r.data;
          run(
            notice,
            x.id,
            x.customerId,
            x.orderId,
            x.channel,
            x.kind,
            x.language,
            x.sentAt,
            x.message,
            x.updatedAt,
          );
          break;
        }
        case 'reason': {
          const x = r.data;
          run(
            reason,
            x.code,
            x.parentCode,
            x.labelJa,
            x.labelEn,
            x.avoidableDefault ? 1 : 0,
            x.sortOrder,
            x.active ? 1 : 0,
          );
          break;
        }
        case 'script_version': {
          const x = r.data;
          run(
            script,
            x.scriptId,
            x.version,
            x.language,
            x.title,
            JSON.stringify(x.triggers),
            JSON.stringify(x.steps),
            x.releaseNotes,
            x.publishedAt,
          );
          break;
        }
        case 'knowledge_answer': {
          const x = r.data;
          run(
            knowledge,
            x.id,
            x.version,
            x.language,
            x.title,
            x.body,
            JSON.stringify(x.tags),
            x.publishedAt,
            x.centers && x.centers.length > 0 ? JSON.stringify(x.centers) : null,
          );
          break;
        }
        case 'policy': {
          const x = r.data;
          run(
            policy,
            x.id,
            x.kind,
            x.labelJa,
            x.labelEn,
            JSON.stringify(x.params),
            x.active ? 1 : 0,
            x.updatedAt,
          );
          break;
        }
      }
    }
    return rows;
  });
}
