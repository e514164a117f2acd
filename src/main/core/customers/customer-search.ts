import { sql } from 'kysely';
import type { SearchQueryClass, SearchResult, TrackedShipment } from '../../../shared/ipc';
import { foldForSearch, isCjk } from '../../../shared/kana';
import { looksLikePhone, normalizePhoneText, toE164 } from '../../../shared/phone';
import {
  findCustomerIdsByEmail,
  findCustomerIdsByPhone,
  getCustomerSummaries,
} from './customer.repository';
import type { ReadDb } from '../platform/database';
import { findCustomerIdsByOrderNumber } from './order.repository';
import { findShipmentsByTrackingKey, trackingKey } from './tracking-search';

/** Below this many characters a trigram index cannot answer; names fall back to prefixes. */
const TRIGRAM_MIN_CHARS = 3;

export interface ClassifiedQuery {
  queryClass: SearchQueryClass;
  /** The query normalized for its class: E.164, upper-case order number, folded text … */
  value: string;
}

/** Decides what the agent typed: a phone number, an order number, an e-mail or a name. */
export function classifySearchQuery(raw: string): ClassifiedQuery {
  const text = raw.normalize('NFKC').trim();
  if (text.includes('@')) return { queryClass: 'email', value: text.toLowerCase() };
  if (/^#?[a-z]{1,5}-?\d{2,}[\d-]*$/i.test(text)) {
    return { queryClass: 'order_number', value: text.replace(/^#/, '').toUpperCase() };
  }
  // Dash look-alikes (the IME's ー, −, –) are read as hyphens in a number, never in a name.
  if (looksLikePhone(text)) return { queryClass: 'phone', value: normalizePhoneText(text) };
  const tracking = trackingKey(text);
  if (tracking) return { queryClass: 'tracking_number', value: tracking };
  const folded = foldForSearch(text);
  if ([...folded].length < TRIGRAM_MIN_CHARS) return { queryClass: 'short_name', value: folded };
  return { queryClass: 'name', value: folded };
}

/**
 * Finds customers by phone (any format), order number, e-mail, or name in kanji, kana or romaji.
 * Every path is an index lookup with a limit; `EXPLAIN QUERY PLAN` tests hold that.
 */
export async function searchCustomers(
  db: ReadDb,
  query: string,
  limit: number,
): Promise<SearchResult> {
  const classified = classifySearchQuery(query);
  const shipments = await findTrackedShipments(db, classified, limit + 1);
  const ids = shipments
    ? [...new Set(shipments.map((s) => s.customerId))]
    : await findIds(db, classified, limit + 1);
  const truncated = ids.length > limit;
  return {
    queryClass: shipments ? 'tracking_number' : classified.queryClass,
    customers: await getCustomerSummaries(db, ids.slice(0, limit)),
    truncated,
    ...(shipments ? { shipments: shipments.slice(0, limit) } : {}),
  };
}

/**
 * The shipments a tracking number names, or null when the query is not one. Many tracking
 * numbers are all digits and read as phone numbers too ("1234-5678-9012"): those are tried as a
 * tracking number when no customer has them as a whole phone number.
 */
async function findTrackedShipments(
  db: ReadDb,
  q: ClassifiedQuery,
  limit: number,
): Promise<TrackedShipment[] | null> {
  if (q.queryClass === 'tracking_number') return findShipmentsByTrackingKey(db, q.value, limit);
  if (q.queryClass !== 'phone') return null;
  const key = trackingKey(q.value);
  if (!key) return null;
  const e164 = toE164(q.value);
  if (e164 && (await findCustomerIdsByPhone(db, e164)).length > 0) return null;
  const found = await findShipmentsByTrackingKey(db, key, limit);
  return found.length > 0 ? found : null;
}

async function findIds(db: ReadDb, q: ClassifiedQuery, limit: number): Promise<string[]> {
  switch (q.queryClass) {
    case 'email':
      return findCustomerIdsByEmail(db, q.value);
    case 'order_number':
      return findCustomerIdsByOrderNumber(db, q.value);
    case 'phone': {
      const e164 = toE164(q.value);
      const exact = e164 ? await findCustomerIdsByPhone(db, e164) : [];
      // Not a whole number (or nobody has it): look for it as part of a stored number.
      if (exact.length > 0) return exact;
      return findIdsByTerms(db, q.value.replace(/\D/g, ''), limit);
    }
    case 'name':
      return findIdsByTerms(db, q.value, limit);
    case 'short_name':
      return isCjk(q.value) ? findIdsByNamePrefix(db, q.value, limit) : [];
    case 'tracking_number':
      return [];
  }
}

/** Substring match of 3+ characters on the trigram index. */
export async function findIdsByTerms(db: ReadDb, folded: string, limit: number): Promise<string[]> {
  if ([...folded].length < TRIGRAM_MIN_CHARS) return [];
  // A quoted FTS5 string is matched literally; quotes inside are doubled.
  const phrase = `"${folded.replace(/"/g, '""')}"`;
  const rows = await db
    .selectFrom('customer_search')
    .innerJoin('customers', 'customers.local_id', 'customer_search.rowid')
    .select('customers.id')
    .where(sql<boolean>`customer_search match ${phrase}`)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The bounded fallback for 1–2 CJK characters ("佐藤", "さと"), which a trigram index cannot
 * answer: family or given names, in kanji or kana, that start with them. Each branch is a range
 * scan on its own index, limited before the union.
 */
export async function findIdsByNamePrefix(
  db: ReadDb,
  prefix: string,
  limit: number,
): Promise<string[]> {
  const upper = `${prefix}\u{10FFFF}`;
  const branch = (column: 'family_name' | 'given_name' | 'family_name_kana' | 'given_name_kana') =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('customers')
          .select('id')
          .where(column, '>=', prefix)
          .where(column, '<', upper)
          .limit(limit)
          .as('branch'),
      )
      .select('branch.id');
  const rows = await branch('family_name')
    .union(branch('given_name'))
    .union(branch('family_name_kana'))
    .union(branch('given_name_kana'))
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
