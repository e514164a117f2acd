import { z } from 'zod';
import {
  currency,
  id,
  isoDateTime,
  recordTime,
  language,
  minorAmount,
  oneLine,
  printable,
} from './primitives';

export const customerTier = z.enum(['standard', 'silver', 'gold', 'vip']);
export type CustomerTier = z.infer<typeof customerTier>;

/** Risk and care flags the retailer sets on a customer. */
export const customerFlag = z.enum([
  'harassment_history',
  'claim_risk',
  'return_abuse_risk',
  'address_changed_recently',
  'hearing_support',
]);
export type CustomerFlag = z.infer<typeof customerFlag>;

export const phoneKind = z.enum(['mobile', 'home', 'work']);

export const customerPhone = z.object({
  /** E.164, normalized on ingest with JP as the default region. */
  e164: printable(32),
  kind: phoneKind,
});

export const customer = z.object({
  id,
  familyName: oneLine(100),
  givenName: oneLine(100),
  /** Kana reading (katakana for Japanese names, a transcription for others). */
  familyNameKana: oneLine(100),
  givenNameKana: oneLine(100),
  language,
  tier: customerTier,
  lifetimeValue: minorAmount,
  currency,
  prefecture: oneLine(64).nullable(),
  postalCode: printable(20).nullable(),
  addressLine: oneLine(300).nullable(),
  phones: z.array(customerPhone).max(10),
  emails: z.array(printable(254)).max(10),
  flags: z.array(customerFlag).max(10),
  createdAt: isoDateTime,
  updatedAt: recordTime,
});
export type Customer = z.infer<typeof customer>;

/**
 * Who a customer is and what they are worth, without contacts or address: what the outreach list
 * weighs (the cache's customer.repository maps these columns once).
 */
export type CustomerHead = Pick<
  Customer,
  | 'id'
  | 'familyName'
  | 'givenName'
  | 'familyNameKana'
  | 'givenNameKana'
  | 'language'
  | 'tier'
  | 'lifetimeValue'
  | 'currency'
>;

/** What a search result or a screen-pop chooser row shows: the head, where they live, a contact. */
export type CustomerSummary = Omit<CustomerHead, 'lifetimeValue' | 'currency'> &
  Pick<Customer, 'prefecture'> & {
    phone: string | null;
    email: string | null;
    lastOrderNumber: string | null;
  };
