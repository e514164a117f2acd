import type { CustomerSummary } from '../../../shared/domain';
import { findCustomerIdsByPhone, getCustomerSummaries } from '../customers';
import type { ReadDb } from '../platform/database';

export interface CallerByNumber {
  /** The customer, when exactly one has the number. */
  customerId: string | null;
  /** Their name; on a shared line every customer's name (at most three), one of whom called. */
  customerName: string;
}

/**
 * Who has each caller's number, for the calls of today that have no wrap-up to name the
 * customer (missed, ringing, on the line): a missed call of a known customer shows who it was,
 * so the agent can call back. Numbers nobody has are left out.
 */
export async function callersByNumber(
  db: ReadDb,
  e164s: Iterable<string>,
): Promise<Map<string, CallerByNumber>> {
  const found = new Map<string, CallerByNumber>();
  for (const e164 of new Set(e164s)) {
    const ids = await findCustomerIdsByPhone(db, e164);
    if (ids.length === 0) continue;
    const customers = await getCustomerSummaries(db, ids.slice(0, 3));
    if (customers.length === 0) continue;
    found.set(e164, {
      customerId: ids.length === 1 ? (customers[0] as CustomerSummary).id : null,
      customerName: customers.map(displayName).join(' / '),
    });
  }
  return found;
}

/** Written the way the customer writes it: 佐藤 花子, Emily Carter. */
function displayName(c: CustomerSummary): string {
  const parts = c.language === 'en' ? [c.givenName, c.familyName] : [c.familyName, c.givenName];
  return parts.filter(Boolean).join(' ');
}
