import type { Customer, CustomerCard, CustomerSummary } from '../domain';
import { maskAddress, maskEmail, maskPhone } from './mask';

/**
 * What the retailer decides about personal data on partner desks (its `data_protection`
 * policy, synced like every policy): which fields are sensitive — masked in the core, shown
 * only through a logged reveal during or just after a call with that customer — and what desks
 * keep at all (only customers active within so many days).
 *
 * The policy's params are flat (`sensitiveFields`: a comma-separated list; `activeWithinDays`:
 * a number, absent or 0 for no limit). Without a policy the defaults hold: address, e-mail,
 * phone (all but its last 4 digits) and birthday are sensitive. Koe's customer record has no
 * birthday today: listing it keeps a retailer's choice meaningful once one is synced.
 */
export const SENSITIVE_FIELDS = ['address', 'email', 'phone', 'birthday'] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];
/** The fields a reveal can show (those the customer record has). */
export type RevealableField = Exclude<SensitiveField, 'birthday'>;

export interface DataProtection {
  sensitive: ReadonlySet<SensitiveField>;
  /** Customers with no activity for longer are not kept on the desk; null: no limit. */
  activeWithinDays: number | null;
}

export const DEFAULT_DATA_PROTECTION: DataProtection = {
  sensitive: new Set(SENSITIVE_FIELDS),
  activeWithinDays: null,
};

export function dataProtectionFrom(
  policies: readonly { kind: string; active: boolean; params: Record<string, unknown> }[],
): DataProtection {
  const policy = policies.find((p) => p.kind === 'data_protection' && p.active);
  if (!policy) return DEFAULT_DATA_PROTECTION;
  const listed = policy.params.sensitiveFields;
  const sensitive =
    typeof listed === 'string'
      ? new Set(
          listed
            .split(',')
            .map((f) => f.trim())
            .filter((f): f is SensitiveField =>
              (SENSITIVE_FIELDS as readonly string[]).includes(f),
            ),
        )
      : DEFAULT_DATA_PROTECTION.sensitive;
  const days = policy.params.activeWithinDays;
  return {
    sensitive,
    activeWithinDays:
      typeof days === 'number' && Number.isFinite(days) && days > 0 ? Math.round(days) : null,
  };
}

/** The customer as it may leave the core: sensitive fields masked. */
export function maskCustomer(customer: Customer, policy: DataProtection): Customer {
  const s = policy.sensitive;
  return {
    ...customer,
    ...(s.has('phone')
      ? { phones: customer.phones.map((p) => ({ ...p, e164: maskPhone(p.e164) })) }
      : {}),
    ...(s.has('email') ? { emails: customer.emails.map(maskEmail) } : {}),
    ...(s.has('address')
      ? {
          addressLine: customer.addressLine === null ? null : maskAddress(customer.addressLine),
          postalCode: null,
        }
      : {}),
  };
}

export function maskSummary(summary: CustomerSummary, policy: DataProtection): CustomerSummary {
  const s = policy.sensitive;
  return {
    ...summary,
    phone: s.has('phone') && summary.phone !== null ? maskPhone(summary.phone) : summary.phone,
    email: s.has('email') && summary.email !== null ? maskEmail(summary.email) : summary.email,
  };
}

export function maskCard(card: CustomerCard, policy: DataProtection): CustomerCard {
  return {
    ...card,
    customer: maskCustomer(card.customer, policy),
    masked: SENSITIVE_FIELDS.filter((f) => policy.sensitive.has(f)),
  };
}

/** The unmasked value of one field, as the card shows it revealed. */
export function revealedValues(customer: Customer, field: RevealableField): string[] {
  switch (field) {
    case 'email':
      return customer.emails;
    case 'phone':
      return customer.phones.map((p) => p.e164);
    case 'address':
      return customer.addressLine === null
        ? []
        : [
            [
              customer.postalCode ? `〒${customer.postalCode}` : null,
              customer.prefecture,
              customer.addressLine,
            ]
              .filter(Boolean)
              .join(' '),
          ];
  }
}
