import type { CustomerRecord } from '../../../shared/protocol/records';
import { parsePhone } from '../../../shared/phone';
import { customerSearchTerms } from './customer-search-terms';

/**
 * What a customer's phone, e-mail and search rows are made of. Working it out is most of the
 * JavaScript cost of writing a new customer, so a bootstrap page has it worked out on the
 * page decoder's thread (see sync/page-decoder.ts) and the writer only stores it.
 */
export interface CustomerIndexEntries {
  /** The fingerprint the entries were derived from: see {@link customerIndexKey}. */
  key: string;
  phones: { e164: string; national: string; kind: string; position: number }[];
  emails: string[];
  /** The trigram index's text, one term per line. */
  terms: string;
}

/**
 * Bump when what a customer's phone, e-mail or search rows are made of changes (the search
 * terms, phone normalization), or how the key below is written: every customer is then
 * re-indexed when it is next written.
 */
const INDEX_VERSION = 2;

/**
 * Everything the phone, e-mail and search rows of a customer derive from, as one string. Each
 * part is length-prefixed, so two different customers can never write the same key. It is kept
 * whole rather than hashed: hashing (and JSON.stringify before it) cost a third of applying a
 * pulled customer (profiled on the 10,000-change incremental pull), and the key is a few dozen
 * bytes more per customer.
 */
export function customerIndexKey(c: CustomerRecord): string {
  let key = `${INDEX_VERSION}`;
  const add = (part: string) => void (key += `|${part.length}:${part}`);
  add(c.familyName);
  add(c.givenName);
  add(c.familyNameKana);
  add(c.givenNameKana);
  for (const p of c.phones) {
    add(p.number);
    add(p.kind);
  }
  key += '|@';
  for (const e of c.emails) add(e);
  return key;
}

export function customerIndexEntries(c: CustomerRecord): CustomerIndexEntries {
  const phones = c.phones.flatMap((p, position) => {
    const parsed = parsePhone(p.number);
    return parsed ? [{ ...parsed, kind: p.kind, position }] : [];
  });
  const emails = [...new Set(c.emails.map((e) => e.trim().toLowerCase()))];
  const terms = customerSearchTerms({
    ...c,
    emails,
    phonesNational: phones.map((p) => p.national),
  });
  return { key: customerIndexKey(c), phones, emails, terms };
}
