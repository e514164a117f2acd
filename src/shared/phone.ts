import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export const DEFAULT_PHONE_REGION: CountryCode = 'JP';

/**
 * A phone number in any format a person or a phone system writes it ("090-1234-5678",
 * "(03) 1234 5678", "+81 90 1234 5678", "０９０１２３４５６７８", "81901234567") to E.164,
 * or null when it is not a possible number. Japan is the default region.
 */
export function toE164(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  return parsePhone(input, region)?.e164 ?? null;
}

/** {@link toE164}, with the national (significant) number of the same parse. */
export function parsePhone(
  input: string,
  region: CountryCode = DEFAULT_PHONE_REGION,
): { e164: string; national: string } | null {
  const ascii = input.normalize('NFKC').trim();
  if (!/\d/.test(ascii) || ascii.length > 40) return null;
  const candidates = [ascii];
  // Caller-ID systems often send the country code without the plus sign.
  if (/^81\d{9,10}$/.test(ascii.replace(/[\s-]/g, ''))) candidates.push(`+${ascii}`);
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, region);
    if (parsed?.isPossible()) return { e164: parsed.number, national: parsed.nationalNumber };
  }
  return null;
}

/** For display: national format for numbers of the user's region, international otherwise. */
export function formatPhone(e164: string, region: CountryCode = DEFAULT_PHONE_REGION): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

/** True when the text reads as a phone number rather than a name or an order number. */
export function looksLikePhone(input: string): boolean {
  const ascii = input.normalize('NFKC').trim();
  return /^[+(]?[\d\s().-]{6,}$/.test(ascii) && (ascii.match(/\d/g)?.length ?? 0) >= 6;
}
