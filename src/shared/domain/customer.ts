import { z } from 'zod';
import { currency, id, isoDateTime, language, minorAmount } from './primitives';

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
  e164: z.string(),
  kind: phoneKind,
});

export const customer = z.object({
  id,
  familyName: z.string(),
  givenName: z.string(),
  /** Kana reading (katakana for Japanese names, a transcription for others). */
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  language,
  tier: customerTier,
  lifetimeValue: minorAmount,
  currency,
  prefecture: z.string().nullable(),
  postalCode: z.string().nullable(),
  addressLine: z.string().nullable(),
  phones: z.array(customerPhone),
  emails: z.array(z.string()),
  flags: z.array(customerFlag),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Customer = z.infer<typeof customer>;

/** What a search result or a screen-pop chooser row shows. */
export type CustomerSummary = Pick<
  Customer,
  | 'id'
  | 'familyName'
  | 'givenName'
  | 'familyNameKana'
  | 'givenNameKana'
  | 'tier'
  | 'language'
  | 'prefecture'
> & { phone: string | null; email: string | null; lastOrderNumber: string | null };
