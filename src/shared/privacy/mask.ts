/**
 * How personal data reads masked. The core masks what the retailer marks sensitive before it
 * leaves for the screen (see data-protection.ts); the page only shows what it received. Someone
 * walking past a partner-center desk should not read a customer's e-mail, phone or street.
 */

export const MASK = '***';

/** `hanako.sato@gmail.com` → `h***@gmail.com`: enough to confirm with the caller, no more. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return MASK;
  return `${Array.from(email)[0]}${MASK}${email.slice(at)}`;
}

/**
 * Keeps the municipality (up to the first 市/区/町/村/郡, or the first word of a Latin address)
 * and hides the rest: the area helps the agent confirm identity, the street and number do not.
 */
export function maskAddress(addressLine: string): string {
  const trimmed = addressLine.trim();
  const japanese = /^[^\d０-９]*?[市区町村郡]/.exec(trimmed);
  if (japanese && japanese[0].length < trimmed.length) return `${japanese[0]}${MASK}`;
  const words = trimmed.split(/\s+/);
  if (words.length > 1 && !/\d/.test(words[0] ?? '')) return `${words[0]} ${MASK}`;
  return MASK;
}

/** `+819012345678` → `***-****-5678`: the last 4 digits, which callers confirm by. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return MASK;
  return `${MASK}-****-${digits.slice(-4)}`;
}

/** True for a value the core masked (the page shows a reveal button for it). */
export function isMasked(value: string): boolean {
  return value.includes(MASK);
}
