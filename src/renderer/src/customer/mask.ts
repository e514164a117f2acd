/**
 * Personal data stays masked on screen until the agent reveals it: someone walking past a
 * partner-center desk should not read a customer's email or street address.
 */

const MASK = '***';

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
