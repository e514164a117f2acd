import type { Generated, Insertable, Selectable } from 'kysely';

export interface CustomerTable {
  local_id: Generated<number>;
  id: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  language: string;
  tier: string;
  lifetime_value: number;
  currency: string;
  prefecture: string | null;
  postal_code: string | null;
  address_line: string | null;
  /** JSON array of addresses as the retailer sent them (lower-cased copies in customer_emails). */
  emails: string;
  /** JSON array of CustomerFlag. */
  flags: string;
  created_at: string;
  updated_at: string;
  /**
   * Fingerprint of the fields the phone, e-mail and search rows derive from; an update with the
   * same fingerprint leaves those rows alone. Null: not indexed by this scheme yet.
   */
  index_key: string | null;
}
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;

export interface CustomerPhoneTable {
  e164: string;
  customer_id: string;
  kind: string;
  position: number;
}

export interface CustomerEmailTable {
  email: string;
  customer_id: string;
}

/** Contentless FTS5 (trigram) index of names, kana, romaji, e-mails and phone digits. */
export interface CustomerSearchTable {
  rowid: number;
  terms: string;
}
