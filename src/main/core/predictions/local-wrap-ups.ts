import type Sqlite from 'better-sqlite3';
import type { Contact } from '../../../shared/domain';
import type { CustomerHistory } from './card-as-of';

/**
 * The wrap-ups agents confirmed on this desktop, as the inbound contacts they will become once
 * the retailer has them and the pull brings them back: the freshest labelled calls there are,
 * learned from at once instead of a sync round later (or never, for a retailer that does not
 * send contacts back).
 *
 * Counted once: a pulled contact is the same call when it carries the wrap-up's id (the
 * client-generated id the retailer keeps as its idempotency key), or when it is an inbound call
 * of the same customer that started within the wrap-up's call, give or take SAME_CALL_MS (a
 * retailer that numbers contacts its own way). Then the pulled contact wins: it is what the
 * retailer holds, a later correction included.
 */
export const SAME_CALL_MS = 5 * 60_000;

export interface LocalWrapUp {
  contact: Contact;
  endedAt: string;
}

/** Inbound wrap-ups with a customer, by customer; proactive calls were not the customer's reason. */
export function readLocalWrapUps(sqlite: Sqlite.Database): Map<string, LocalWrapUp[]> {
  const rows = sqlite
    .prepare(
      `select id, customer_id as customerId, order_id as orderId, reason_codes as reasonCodes,
              started_at as startedAt, ended_at as endedAt, saved_at as savedAt
         from voc_records
        where customer_id is not null
          and coalesce(json_extract(details, '$.contactType'), 'inbound') = 'inbound'`,
    )
    .all() as {
    id: string;
    customerId: string;
    orderId: string | null;
    reasonCodes: string;
    startedAt: string;
    endedAt: string | null;
    savedAt: string;
  }[];
  const byCustomer = new Map<string, LocalWrapUp[]>();
  for (const r of rows) {
    const reasonCode = (JSON.parse(r.reasonCodes) as string[])[0];
    if (!reasonCode) continue;
    const list = byCustomer.get(r.customerId) ?? [];
    list.push({
      contact: {
        id: r.id,
        customerId: r.customerId,
        orderId: r.orderId,
        channel: 'call',
        direction: 'inbound',
        occurredAt: r.startedAt,
        reasonCode,
        summary: '',
        updatedAt: r.savedAt,
      },
      endedAt: r.endedAt ?? r.startedAt,
    });
    byCustomer.set(r.customerId, list);
  }
  return byCustomer;
}

/** The history with the wrap-ups the pull has not brought back yet, in time order. */
export function withLocalWrapUps(
  history: CustomerHistory,
  wrapUps: readonly LocalWrapUp[],
): CustomerHistory {
  const fresh = wrapUps.filter((w) => !history.contacts.some((c) => isSameCall(c, w)));
  if (fresh.length === 0) return history;
  return {
    ...history,
    contacts: [...history.contacts, ...fresh.map((w) => w.contact)].sort((a, b) =>
      a.occurredAt.localeCompare(b.occurredAt),
    ),
  };
}

function isSameCall(pulled: Contact, wrapUp: LocalWrapUp): boolean {
  if (pulled.id === wrapUp.contact.id) return true;
  if (pulled.channel !== 'call' || pulled.direction !== 'inbound') return false;
  const at = Date.parse(pulled.occurredAt);
  return (
    at >= Date.parse(wrapUp.contact.occurredAt) - SAME_CALL_MS &&
    at <= Date.parse(wrapUp.endedAt) + SAME_CALL_MS
  );
}
