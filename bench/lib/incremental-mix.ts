import type Sqlite from 'better-sqlite3';
import {
  customerIndexEntries,
  type CustomerIndexEntries,
} from '../../src/main/core/customers/customer-index-entries';
import type { CustomerRecord, RetailerRecord } from '../../src/shared/protocol/records';
import type { Deletion } from '../../src/shared/protocol/sync';

/**
 * The incremental a desk pulls after its bootstrap, mixed as a retailer's day mixes it rather
 * than as the cheapest case: customers whose name or phone changed (their phone, e-mail and
 * search rows are rewritten), customers whose tier or address changed (the row alone), new
 * customers, and customers the retailer deleted (with their orders and everything on them).
 */
export const MIX_SHARES = { reindexed: 0.4, detailsOnly: 0.3, inserted: 0.2, deleted: 0.1 };

export type MixKind = keyof typeof MIX_SHARES;

export interface IncrementalMix {
  records: RetailerRecord[];
  deletions: Deletion[];
  /** The same changes in the order the server logs them, each with its kind, for the raw side. */
  changes: MixedChange[];
}

export type MixedChange =
  | { kind: 'reindexed' | 'detailsOnly' | 'inserted'; customer: CustomerRecord }
  | { kind: 'deleted'; id: string };

/** Existing customers one round changes or deletes. */
function customersPerRound(count: number): number {
  return Math.round(count * (MIX_SHARES.reindexed + MIX_SHARES.detailsOnly + MIX_SHARES.deleted));
}

/**
 * Rounds of `count` changes each over the customers a desk holds, as its cache stands after the
 * rounds before: a round changes the customers changed longest ago (or never) first, as they are
 * now, and never one deleted before. Each round takes its number and the date of its changes.
 * (Rounds used to take disjoint slices of the bootstrapped customers, so four rounds of 10,000
 * changes needed 32,000 customers and the bench threw at 10,000.)
 */
export function incrementalRounds(customers: readonly CustomerRecord[], count: number) {
  // Least recently changed first.
  let held = [...customers];
  return (round: number, updatedAt: string): IncrementalMix => {
    const mix = incrementalMix(held, round, count, updatedAt);
    const changed = new Map<string, CustomerRecord | null>();
    for (const c of mix.changes)
      changed.set(
        c.kind === 'deleted' ? c.id : c.customer.id,
        c.kind === 'deleted' ? null : c.customer,
      );
    held = [
      ...held.filter((c) => !changed.has(c.id)),
      ...[...changed.values()].filter((c): c is CustomerRecord => c !== null),
    ];
    return mix;
  };
}

/**
 * One round of `count` changes over the first of `customers`, dated `updatedAt`. The name
 * changes take another customer's family name and its reading (a marriage, say), and new
 * customers get mobile numbers of their own (070 + the round and a sequence).
 */
export function incrementalMix(
  customers: readonly CustomerRecord[],
  round: number,
  count: number,
  updatedAt: string,
): IncrementalMix {
  const n = (kind: MixKind) => Math.round(count * MIX_SHARES[kind]);
  const existing = customers.slice(0, customersPerRound(count));
  if (existing.length < customersPerRound(count))
    throw new Error(
      `${count} changes need ${customersPerRound(count)} customers in the cache, it holds ${customers.length}`,
    );
  const changes: MixedChange[] = [];
  let at = 0;
  for (const c of existing.slice(at, (at += n('reindexed')))) {
    const donor = customers[(customers.indexOf(c) + 7919) % customers.length]!;
    changes.push({
      kind: 'reindexed',
      customer: {
        ...c,
        familyName: donor.familyName,
        familyNameKana: donor.familyNameKana,
        updatedAt,
      },
    });
  }
  for (const c of existing.slice(at, (at += n('detailsOnly'))))
    changes.push({ kind: 'detailsOnly', customer: { ...c, tier: 'gold', updatedAt } });
  for (let i = 0; i < n('inserted'); i++) {
    const template = customers[i % customers.length]!;
    const digits = String(round * 100_000 + i).padStart(8, '0');
    changes.push({
      kind: 'inserted',
      customer: {
        ...template,
        id: `mix-${round}-${i}`,
        phones: [{ number: `070${digits}`, kind: 'mobile' }],
        emails: [`mix-${round}-${i}@example.jp`],
        createdAt: updatedAt,
        updatedAt,
      },
    });
  }
  for (const c of existing.slice(at, (at += n('deleted'))))
    changes.push({ kind: 'deleted', id: c.id });
  return {
    records: changes.flatMap((c) =>
      c.kind === 'deleted' ? [] : [{ type: 'customer' as const, data: c.customer }],
    ),
    deletions: changes.flatMap((c) =>
      c.kind === 'deleted' ? [{ type: 'customer' as const, id: c.id, deletedAt: updatedAt }] : [],
    ),
    changes,
  };
}

/**
 * The fastest honest way to apply the same changes: raw prepared statements that know each
 * change's kind, with every derived value (phones in E.164, search terms, index key) worked out
 * before the clock starts, writing the same rows Koe writes, in the same number of transactions
 * as the pull had pages. Koe's side derives those values and finds out each change's kind itself;
 * that is its cost to measure.
 */
export function rawMixApplier(sqlite: Sqlite.Database) {
  const p = (source: string) => sqlite.prepare(source);
  const detailColumns =
    'language = ?, tier = ?, lifetime_value = ?, currency = ?, prefecture = ?, postal_code = ?, ' +
    'address_line = ?, emails = ?, flags = ?, created_at = ?, updated_at = ?';
  const s = {
    details: p(`update customers set ${detailColumns} where id = ?`),
    whole: p(
      `update customers set family_name = ?, given_name = ?, family_name_kana = ?, given_name_kana = ?, ${detailColumns}, index_key = ? where id = ? returning local_id`,
    ),
    insert: p(
      'insert into customers (id, family_name, given_name, family_name_kana, given_name_kana, language, tier, lifetime_value, currency, prefecture, postal_code, address_line, emails, flags, created_at, updated_at, index_key) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) returning local_id',
    ),
    deletePhones: p('delete from customer_phones where customer_id = ?'),
    insertPhone: p(
      'insert into customer_phones (e164, customer_id, kind, position) values (?, ?, ?, ?)',
    ),
    deleteEmails: p('delete from customer_emails where customer_id = ?'),
    insertEmail: p('insert into customer_emails (email, customer_id) values (?, ?)'),
    deleteSearch: p('delete from customer_search where rowid = ?'),
    insertSearch: p('insert into customer_search (rowid, terms) values (?, ?)'),
    ordersOf: p('select id from orders where customer_id = ?').pluck(),
    localId: p('select local_id from customers where id = ?').pluck(),
    deleteCustomer: p('delete from customers where id = ?'),
  };
  const customerChildren = ['contacts', 'notices', 'returns', 'claims'].map((t) =>
    p(`delete from ${t} where customer_id = ?`),
  );
  const orderChildren = [
    'delete from tracking_events where shipment_id in (select id from shipments where order_id in (select value from json_each(?)))',
    'delete from shipments where order_id in (select value from json_each(?))',
    'delete from order_lines where order_id in (select value from json_each(?))',
    'delete from returns where order_id in (select value from json_each(?))',
    'delete from claims where order_id in (select value from json_each(?))',
    'delete from orders where id in (select value from json_each(?))',
  ].map(p);

  const details = (c: CustomerRecord) => [
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
  ];
  const names = (c: CustomerRecord) => [
    c.familyName,
    c.givenName,
    c.familyNameKana,
    c.givenNameKana,
  ];
  const writeIndex = (c: CustomerRecord, index: CustomerIndexEntries, localId: number) => {
    for (const ph of index.phones) s.insertPhone.run(ph.e164, c.id, ph.kind, ph.position);
    for (const e of index.emails) s.insertEmail.run(e, c.id);
    s.insertSearch.run(localId, index.terms);
  };

  type Prepared = { change: MixedChange; index: CustomerIndexEntries | null };
  const applyOne = ({ change, index }: Prepared) => {
    switch (change.kind) {
      case 'detailsOnly':
        s.details.run(...details(change.customer), change.customer.id);
        return;
      case 'reindexed': {
        const c = change.customer;
        const { local_id } = s.whole.get(...names(c), ...details(c), index!.key, c.id) as {
          local_id: number;
        };
        s.deletePhones.run(c.id);
        s.deleteEmails.run(c.id);
        s.deleteSearch.run(local_id);
        writeIndex(c, index!, local_id);
        return;
      }
      case 'inserted': {
        const c = change.customer;
        const { local_id } = s.insert.get(c.id, ...names(c), ...details(c), index!.key) as {
          local_id: number;
        };
        writeIndex(c, index!, local_id);
        return;
      }
      case 'deleted': {
        const orders = s.ordersOf.all(change.id) as string[];
        if (orders.length > 0) for (const d of orderChildren) d.run(JSON.stringify(orders));
        s.deletePhones.run(change.id);
        s.deleteEmails.run(change.id);
        for (const d of customerChildren) d.run(change.id);
        const localId = s.localId.get(change.id) as number | undefined;
        if (localId !== undefined) s.deleteSearch.run(localId);
        s.deleteCustomer.run(change.id);
      }
    }
  };
  const applyPage = sqlite.transaction((page: Prepared[]) => page.forEach(applyOne));

  return {
    /** Everything derived, outside the clock. */
    prepare: (mix: IncrementalMix): Prepared[] =>
      mix.changes.map((change) => ({
        change,
        index:
          change.kind === 'reindexed' || change.kind === 'inserted'
            ? customerIndexEntries(change.customer)
            : null,
      })),
    /** Applies the prepared changes in `pages` transactions of equal size. */
    apply(prepared: Prepared[], pages: number): void {
      const size = Math.ceil(prepared.length / Math.max(1, pages));
      for (let i = 0; i < prepared.length; i += size) applyPage(prepared.slice(i, i + size));
    },
  };
}
