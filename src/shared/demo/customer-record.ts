import type { CustomerTier } from '../domain';
import type { CustomerRecord } from '../protocol/records';
import type { CustomerProfile } from './customer-profile';

/** The customer as the retailer's system sends it: phones as written, not normalized. */
export function customerProfileRecord(
  id: string,
  profile: CustomerProfile,
  extra: { tier: CustomerTier; lifetimeValue: number; createdAt: string; updatedAt: string },
): CustomerRecord {
  return {
    id,
    familyName: profile.family.kanji,
    givenName: profile.given.kanji,
    familyNameKana: profile.family.kana,
    givenNameKana: profile.given.kana,
    language: profile.language,
    tier: extra.tier,
    lifetimeValue: extra.lifetimeValue,
    currency: 'JPY',
    prefecture: profile.prefecture.name,
    postalCode: profile.postalCode,
    addressLine: profile.addressLine,
    phones: profile.phones.map((p) => ({ number: p.number, kind: p.kind })),
    emails: profile.emails,
    flags: profile.flags,
    createdAt: extra.createdAt,
    updatedAt: extra.updatedAt,
  };
}
