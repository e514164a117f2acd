import type { Customer, CustomerCard, CustomerHead, CustomerSummary } from '../../../shared/domain';
import type { ReadDb } from '../platform/database';
import type { CustomerRow } from './customer.table';

export async function findCustomerIdsByPhone(db: ReadDb, e164: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_phones')
    .select('customer_id')
    .where('e164', '=', e164)
    .limit(50)
    .execute();
  return rows.map((r) => r.customer_id);
}

export async function findCustomerIdsByEmail(db: ReadDb, email: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customer_emails')
    .select('customer_id')
    .where('email', '=', email.trim().toLowerCase())
    .limit(50)
    .execute();
  return rows.map((r) => r.customer_id);
}

export async function getCustomer(db: ReadDb, id: string): Promise<Customer | null> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const phones = await db
    .selectFrom('customer_phones')
    .select(['e164', 'kind'])
    .where('customer_id', '=', id)
    .orderBy('position')
    .execute();
  return toCustomer(row, phones);
}

/** Search-result rows for the given customers, in the order of `ids`. */
export async function getCustomerSummaries(
  db: ReadDb,
  ids: readonly string[],
): Promise<CustomerSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.family_name',
      'c.given_name',
      'c.family_name_kana',
      'c.given_name_kana',
      'c.tier',
      'c.language',
      'c.prefecture',
      'c.emails',
      eb
        .selectFrom('customer_phones as p')
        .select('p.e164')
        .whereRef('p.customer_id', '=', 'c.id')
        .orderBy('p.position')
        .limit(1)
        .as('phone'),
      eb
        .selectFrom('orders as o')
        .select('o.order_number')
        .whereRef('o.customer_id', '=', 'c.id')
        .orderBy('o.placed_at', 'desc')
        .limit(1)
        .as('last_order_number'),
    ])
    .where('c.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const emails = JSON.parse(r.emails) as string[];
    return [
      {
        ...toCustomerIdentity(r),
        prefecture: r.prefecture,
        phone: r.phone ?? null,
        email: emails[0] ?? null,
        lastOrderNumber: r.last_order_number ?? null,
      },
    ];
  });
}

/** The search-result row of a customer whose card is already read. */
export function summarizeCard(card: CustomerCard): CustomerSummary {
  const c = card.customer;
  return {
    id: c.id,
    familyName: c.familyName,
    givenName: c.givenName,
    familyNameKana: c.familyNameKana,
    givenNameKana: c.givenNameKana,
    tier: c.tier,
    language: c.language,
    prefecture: c.prefecture,
    phone: c.phones[0]?.e164 ?? null,
    email: c.emails[0] ?? null,
    lastOrderNumber: card.orders[0]?.orderNumber ?? null,
  };
}

export async function countCustomers(db: ReadDb): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The columns of a customer's head: who they are and what they are worth, without contacts or
 * address (the outreach list reads only these).
 */
export const CUSTOMER_HEAD_COLUMNS = [
  'id',
  'family_name',
  'given_name',
  'family_name_kana',
  'given_name_kana',
  'language',
  'tier',
  'lifetime_value',
  'currency',
] as const;

export type CustomerHeadRow = Pick<CustomerRow, (typeof CUSTOMER_HEAD_COLUMNS)[number]>;

/** A customer's head from its row: the one mapping of these columns, the full card's included. */
export function toCustomerHead(row: CustomerHeadRow): CustomerHead {
  return {
    ...toCustomerIdentity(row),
    lifetimeValue: row.lifetime_value,
    currency: row.currency as Customer['currency'],
  };
}

/** Who the customer is: the head but what they are worth, as a search result shows it. */
function toCustomerIdentity(
  row: Omit<CustomerHeadRow, 'lifetime_value' | 'currency'>,
): Omit<CustomerHead, 'lifetimeValue' | 'currency'> {
  return {
    id: row.id,
    familyName: row.family_name,
    givenName: row.given_name,
    familyNameKana: row.family_name_kana,
    givenNameKana: row.given_name_kana,
    language: row.language as Customer['language'],
    tier: row.tier as Customer['tier'],
  };
}

function toCustomer(row: CustomerRow, phones: { e164: string; kind: string }[]): Customer {
  return {
    ...toCustomerHead(row),
    prefecture: row.prefecture,
    postalCode: row.postal_code,
    addressLine: row.address_line,
    phones: phones.map((p) => ({
      e164: p.e164,
      kind: p.kind as Customer['phones'][number]['kind'],
    })),
    emails: JSON.parse(row.emails) as string[],
    flags: JSON.parse(row.flags) as Customer['flags'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
