import type Sqlite from 'better-sqlite3';
import type {
  Contact,
  Customer,
  DeliveryClaim,
  Notice,
  Order,
  ReturnRequest,
  Shipment,
} from '../../../shared/domain';
import { lateSignalBeforeDelivery } from '../../../shared/guidance/late-signals';
import { likelyReasons } from '../../../shared/guidance/likely-reason';
import { callFacts, type CallFacts } from './call-features';
import type { LabelledCall } from './call-reason-model';
import { cardAsOf, type CustomerHistory } from './card-as-of';
import {
  transitColumnsBuilder,
  type TransitColumns,
  type TransitSample,
} from './delivery-estimate';
import { readLocalWrapUps, withLocalWrapUps } from './local-wrap-ups';
import { openIssueReasons } from './open-issues';

/**
 * What the models learn from, read from the local cache: delivered shipments (for the delivery
 * estimate) and confirmed inbound contacts with the customer's situation rebuilt as of each call
 * (for the call-reason model). Reads are set-based — one query per table for a whole sample of
 * customers — and synchronous: they run on the prediction worker's thread (prediction-worker.ts),
 * never on the thread that answers the screen pop.
 */

export interface SampleOptions {
  /** Read about this many at most, spread evenly over the cache (every n-th row). */
  maxSamples?: number;
}

export function readTransitSamples(
  sqlite: Sqlite.Database,
  options: SampleOptions = {},
): TransitSample[] {
  return [...transitSamples(sqlite, options)];
}

/**
 * The same deliveries as `readTransitSamples`, straight into the fit's columns: the app's fit
 * (prediction-fit.ts) never holds them as objects.
 */
export function readTransitColumns(
  sqlite: Sqlite.Database,
  options: SampleOptions = {},
): TransitColumns {
  const columns = transitColumnsBuilder();
  for (const sample of transitSamples(sqlite, options)) columns.add(sample);
  return columns.done();
}

/** Delivered shipments one at a time, each read down to its late signal at once. */
function* transitSamples(
  sqlite: Sqlite.Database,
  options: SampleOptions,
): Generator<TransitSample> {
  const stride = shipmentStride(sqlite, options.maxSamples);
  const rows = sqlite
    .prepare(
      `select ${SAMPLED_SHIPMENT_SQL},
              (select o.placed_at from orders o where o.id = s.order_id) as placedAt
         from shipments s
        where s.rowid % ? = 0
          and s.status = 'delivered' and s.shipped_at is not null and s.delivered_at is not null`,
    )
    .iterate(stride) as IterableIterator<Omit<TransitSample, 'delayReported'> & { events: string }>;
  // Each parcel's events are read down to its late signal at once, so they are not kept.
  for (const { events, ...r } of rows) {
    const trail = trackingTrail(events);
    yield {
      ...r,
      delayReported: trail.some((e) => e.status === 'delayed'),
      lateSignal: lateSignalBeforeDelivery(trail),
    };
  }
}

/** Every n-th shipment by rowid for about `maxSamples` of them, spread evenly over the cache. */
export function shipmentStride(sqlite: Sqlite.Database, maxSamples = Infinity): number {
  const { total } = sqlite
    .prepare(`select coalesce(max(rowid), 0) as total from shipments`)
    .get() as { total: number };
  return Math.max(1, Math.ceil(total / maxSamples));
}

/**
 * A sampled shipment `s`'s route, dates and tracking events, named as the samples' fields; the
 * events come as one JSON column, read back with {@link trackingTrail}.
 */
export const SAMPLED_SHIPMENT_SQL = `s.carrier, s.origin_prefecture as origin,
              s.destination_prefecture as destination, s.shipped_at as shippedAt,
              s.delivered_at as deliveredAt, s.promised_date as promisedDate,
              (select json_group_array(json_array(e.status, e.occurred_at, e.description))
                 from tracking_events e where e.shipment_id = s.id) as events`;

/** A shipment's tracking events as `json_group_array(json_array(status, occurred_at, description))`. */
export function trackingTrail(
  json: string,
): { status: string; occurredAt: string; description: string }[] {
  return (JSON.parse(json) as [string, string, string][]).map(
    ([status, occurredAt, description]) => ({
      status,
      occurredAt,
      description,
    }),
  );
}

/** One confirmed call with the situation the agent would have seen when it rang. */
export interface CallExample {
  at: string;
  customerId: string;
  reasonCode: string;
  facts: CallFacts;
  /** What the rules said then, most confident first. */
  rules: { reasonCode: string; confidence: number }[];
  /** The customer's open issues then, newest first (the evaluation's baseline: open-issues.ts). */
  openIssues: string[];
}

/** The contacts a model learns from: inbound, with the reason the agent confirmed. */
export function labelledContacts(history: CustomerHistory) {
  return history.contacts.filter((c) => c.direction === 'inbound' && c.reasonCode !== null);
}

export function callExamplesOf(history: CustomerHistory): CallExample[] {
  return labelledContacts(history).map((c) => {
    // A minute before the contact: its own record (and a claim it opened) is not there yet.
    const at = Date.parse(c.occurredAt) - 60_000;
    const card = cardAsOf(history, at);
    return {
      at: c.occurredAt,
      customerId: history.customer.id,
      reasonCode: c.reasonCode as string,
      facts: callFacts(card, at),
      rules: likelyReasons(card, at).map((r) => ({
        reasonCode: r.reasonCode,
        confidence: r.confidence,
      })),
      openIssues: openIssueReasons(card, at),
    };
  });
}

export interface CallExampleOptions {
  /**
   * Look at about this many customers at most, evenly spread over the cache (every n-th local
   * id); those among them with a confirmed call are read in full.
   */
  maxCustomers?: number;
}

/** The customers sampled for the call-reason model: every n-th one that has a confirmed call. */
export function sampleCallCustomers(
  sqlite: Sqlite.Database,
  options: CallExampleOptions = {},
): string[] {
  return sampleCustomerIds(
    sqlite,
    options.maxCustomers,
    `exists (select 1 from contacts k where k.customer_id = c.id
               and k.direction = 'inbound' and k.reason_code is not null)`,
  );
}

/**
 * The ids of every n-th customer by local id (about `maxCustomers` looked at) that `having`
 * keeps: SQL about the customer `c`.
 */
export function sampleCustomerIds(
  sqlite: Sqlite.Database,
  maxCustomers: number | undefined,
  having: string,
): string[] {
  const { last } = sqlite
    .prepare(`select coalesce(max(local_id), 0) as last from customers`)
    .get() as { last: number };
  const stride = Math.max(1, Math.floor(last / (maxCustomers ?? Infinity)));
  // Point lookups along the stride (a recursive count), not a scan of every customer row.
  return (
    sqlite
      .prepare(
        `with recursive pick(n) as (
           select @stride union all select n + @stride from pick where n + @stride <= @last)
         select c.id from pick cross join customers c on c.local_id = pick.n
          where (${having})`,
      )
      .all({ stride, last }) as { id: string }[]
  ).map((r) => r.id);
}

/**
 * Customers whose whole histories are held at once while their calls are rebuilt. Reading all
 * 40,000 sampled histories in one go peaked the fit at ~1 GB at bench size; a batch's histories
 * are dropped once its calls (a few numbers each) are taken, so the peak stays bounded whatever
 * the sample.
 */
export const HISTORY_BATCH_CUSTOMERS = 1_000;

/**
 * Every confirmed call of the sampled customers, and of the customers whose wrap-ups were
 * confirmed on this desktop (those calls included, each once: local-wrap-ups.ts), oldest first.
 * Read in batches of customers, in the order one read of them all would give (so the examples,
 * and the model fitted on them, are the same).
 */
export function readCallExamples(
  sqlite: Sqlite.Database,
  options: CallExampleOptions & { batchCustomers?: number } = {},
): CallExample[] {
  const examples: CallExample[] = [];
  forEachSampledHistory(sqlite, options, (history) => examples.push(...callExamplesOf(history)));
  return examples.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The same calls as `readCallExamples`, in the same order, holding only what the model's fit
 * reads (the facts, the confirmed reason, the rules' first reason), each reason code held once:
 * at bench size the examples' open issues, customer ids and other rules were ~half of what the
 * fit kept through its descent.
 */
export function readLabelledCalls(
  sqlite: Sqlite.Database,
  options: CallExampleOptions & { batchCustomers?: number } = {},
): (LabelledCall & { at: string })[] {
  const codes = new Map<string, string>();
  const code = (c: string) => codes.get(c) ?? (codes.set(c, c), c);
  const calls: (LabelledCall & { at: string })[] = [];
  forEachSampledHistory(sqlite, options, (history) => {
    for (const { at, reasonCode, facts, rules } of callExamplesOf(history)) {
      const first = rules[0];
      calls.push({
        at,
        reasonCode: code(reasonCode),
        facts: facts.previous_reason
          ? { ...facts, previous_reason: code(facts.previous_reason) }
          : facts,
        rules: first ? [{ reasonCode: code(first.reasonCode) }] : [],
      });
    }
  });
  return calls.sort((a, b) => a.at.localeCompare(b.at));
}

/** The sampled customers' histories (with this desk's wrap-ups), a batch at a time. */
function forEachSampledHistory(
  sqlite: Sqlite.Database,
  options: CallExampleOptions & { batchCustomers?: number },
  visit: (history: CustomerHistory) => void,
): void {
  const local = readLocalWrapUps(sqlite);
  const ids = [...new Set([...sampleCallCustomers(sqlite, options), ...local.keys()])];
  const batch = options.batchCustomers ?? HISTORY_BATCH_CUSTOMERS;
  for (let i = 0; i < ids.length; i += batch) {
    for (const history of readCustomerHistories(sqlite, ids.slice(i, i + batch))) {
      visit(withLocalWrapUps(history, local.get(history.customer.id) ?? []));
    }
  }
}

/**
 * The whole cached history of each customer: one query per table over a temporary table of the
 * ids. Order lines and phone numbers are left out (no model reads them).
 */
export function readCustomerHistories(
  sqlite: Sqlite.Database,
  customerIds: readonly string[],
): CustomerHistory[] {
  if (customerIds.length === 0) return [];
  sqlite.exec(`create temp table if not exists fit_customers (id text primary key)`);
  sqlite.exec(`delete from temp.fit_customers`);
  const add = sqlite.prepare(`insert or ignore into temp.fit_customers (id) values (?)`);
  sqlite.transaction(() => customerIds.forEach((id) => add.run(id)))();
  try {
    return assembleHistories(sqlite);
  } finally {
    sqlite.exec(`delete from temp.fit_customers`);
  }
}

/**
 * Every read starts from the sample: `cross join` keeps SQLite's planner from scanning a whole
 * table and probing the (unanalyzed) temporary table instead.
 */
const FROM_SAMPLE = `from temp.fit_customers f`;

function assembleHistories(sqlite: Sqlite.Database): CustomerHistory[] {
  const all = <T>(sql: string) => sqlite.prepare(sql).all() as T[];
  const customers = all<
    Omit<Customer, 'phones' | 'emails' | 'flags'> & Record<'emails' | 'flags', string>
  >(
    `select c.id, c.family_name as familyName, c.given_name as givenName,
            c.family_name_kana as familyNameKana, c.given_name_kana as givenNameKana,
            c.language, c.tier, c.lifetime_value as lifetimeValue, c.currency,
            c.prefecture, c.postal_code as postalCode, c.address_line as addressLine,
            c.emails, c.flags, c.created_at as createdAt, c.updated_at as updatedAt
       ${FROM_SAMPLE} cross join customers c on c.id = f.id`,
  );
  const orders = all<Omit<Order, 'lines'>>(
    `select o.id, o.customer_id as customerId, o.order_number as orderNumber,
            o.placed_at as placedAt, o.status, o.total, o.currency, o.updated_at as updatedAt
       ${FROM_SAMPLE} cross join orders o on o.customer_id = f.id`,
  );
  const shipments = all<Omit<Shipment, 'events'> & { customerId: string }>(
    `select s.id, s.order_id as orderId, s.carrier, s.tracking_number as trackingNumber,
            s.status, s.shipped_at as shippedAt, s.promised_date as promisedDate,
            s.estimated_date as estimatedDate, s.delivered_at as deliveredAt,
            s.origin_prefecture as originPrefecture,
            s.destination_prefecture as destinationPrefecture, s.updated_at as updatedAt,
            o.customer_id as customerId
       ${FROM_SAMPLE} cross join orders o on o.customer_id = f.id cross join shipments s on s.order_id = o.id`,
  );
  const events = all<Shipment['events'][number] & { shipmentId: string }>(
    `select e.shipment_id as shipmentId, e.occurred_at as occurredAt, e.status, e.location,
            e.description
       ${FROM_SAMPLE} cross join orders o on o.customer_id = f.id cross join shipments s on s.order_id = o.id
       cross join tracking_events e on e.shipment_id = s.id
      order by e.shipment_id, e.seq`,
  );
  const returns = all<ReturnRequest>(
    `select r.id, r.order_id as orderId, r.customer_id as customerId, r.kind, r.status,
            r.refund_status as refundStatus, r.reason, r.amount, r.currency,
            r.requested_at as requestedAt, r.updated_at as updatedAt
       ${FROM_SAMPLE} cross join returns r on r.customer_id = f.id`,
  );
  const claims = all<DeliveryClaim>(
    `select c.id, c.order_id as orderId, c.shipment_id as shipmentId, c.customer_id as customerId,
            c.type, c.status, c.outcome, c.amount, c.currency, c.opened_at as openedAt,
            c.resolved_at as resolvedAt, c.updated_at as updatedAt
       ${FROM_SAMPLE} cross join claims c on c.customer_id = f.id`,
  );
  const contacts = all<Contact>(
    `select k.id, k.customer_id as customerId, k.order_id as orderId, k.channel, k.direction,
            k.occurred_at as occurredAt, k.reason_code as reasonCode, k.summary,
            k.updated_at as updatedAt
       ${FROM_SAMPLE} cross join contacts k on k.customer_id = f.id`,
  );
  const notices = all<Notice>(
    `select n.id, n.customer_id as customerId, n.order_id as orderId, n.channel, n.kind,
            n.language, n.sent_at as sentAt, n.message, n.updated_at as updatedAt
       ${FROM_SAMPLE} cross join notices n on n.customer_id = f.id`,
  );

  const eventsOf = groupBy(events, (e) => e.shipmentId);
  const histories = new Map<string, CustomerHistory>();
  for (const row of customers) {
    const customer = {
      ...row,
      phones: [],
      emails: JSON.parse(row.emails) as string[],
      flags: JSON.parse(row.flags) as Customer['flags'],
    } as Customer;
    histories.set(customer.id, {
      customer,
      orders: [],
      shipments: [],
      returns: [],
      claims: [],
      contacts: [],
      notices: [],
    });
  }
  const push = <K extends Exclude<keyof CustomerHistory, 'customer' | 'predictions'>>(
    customerId: string,
    key: K,
    item: NonNullable<CustomerHistory[K]>[number],
  ) => (histories.get(customerId)?.[key] as unknown[] | undefined)?.push(item);
  for (const o of orders) push(o.customerId, 'orders', { ...o, lines: [] });
  for (const { customerId, ...s } of shipments) {
    push(customerId, 'shipments', {
      ...s,
      events: (eventsOf.get(s.id) ?? []).map(({ shipmentId: _, ...e }) => e),
    });
  }
  for (const r of returns) push(r.customerId, 'returns', r);
  for (const c of claims) push(c.customerId, 'claims', c);
  for (const c of contacts) push(c.customerId, 'contacts', c);
  for (const n of notices) push(n.customerId, 'notices', n);
  return [...histories.values()];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return groups;
}
