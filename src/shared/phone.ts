import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export const DEFAULT_PHONE_REGION: CountryCode = 'JP';

/**
 * Characters that people and IMEs put between the digits of a phone number in place of a
 * hyphen: the long vowel mark ー (a Japanese IME turns "-" into it after a kana), its half-width
 * ｰ, the minus sign −, the Unicode hyphens and dashes ‐ ‑ ‒ – — ―, the full-width －, the small
 * and fullwidth hyphen-minus of compatibility forms, and the hyphen bullet ⁃.
 */
const DASH_LOOKALIKES = /[\u2010-\u2015\u2043\u2212\u30fc\uff70\ufe58\ufe63\uff0d]/g;

/**
 * A phone number (or a tracking number) as typed, in plain ASCII: full-width digits and letters
 * folded (NFKC), every dash look-alike made a hyphen, the ends trimmed. Every place that reads a
 * number a person typed or a phone system sent goes through this first.
 */
export function normalizePhoneText(input: string): string {
  return input.normalize('NFKC').replace(DASH_LOOKALIKES, '-').trim();
}

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
  const common = region === 'JP' ? commonJapaneseNumber(input) : null;
  if (common) return common;
  const ascii = normalizePhoneText(input);
  const commonOnceNormalized = region === 'JP' ? commonJapaneseNumber(ascii) : null;
  if (commonOnceNormalized) return commonOnceNormalized;
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

/**
 * The two shapes most Japanese numbers come in: a landline 0[2-9] + 8 digits or a mobile
 * 070/080/090 + 8 digits, with the trunk 0 or after +81, grouped with hyphens, spaces or
 * parentheses. For these the answer is plain (drop the trunk 0, prefix +81), and working it
 * out here skips libphonenumber, which was a tenth of writing a pulled page of customers.
 * Everything else (010 is the international prefix, 00xx carrier codes, 0120 free dial, 050,
 * "81" without its plus) goes the long way. A test compares this with libphonenumber for every
 * five-digit prefix of both shapes, in every grouping.
 */
function commonJapaneseNumber(input: string): { e164: string; national: string } | null {
  if (!/^\s*(?:\+81|0)[\d ()-]+$/.test(input)) return null;
  const compact = input.replace(/[\s()-]/g, '');
  const national = compact.startsWith('+81') ? compact.slice(3) : compact.slice(1);
  if (!/^(?:[2-9]\d{8}|[789]0\d{8})$/.test(national)) return null;
  return { e164: `+81${national}`, national };
}

/** For display: national format for numbers of the user's region, international otherwise. */
export function formatPhone(e164: string, region: CountryCode = DEFAULT_PHONE_REGION): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}

/** True when the text reads as a phone number rather than a name or an order number. */
export function looksLikePhone(input: string): boolean {
  const ascii = normalizePhoneText(input);
  return /^[+(]?[\d\s().-]{6,}$/.test(ascii) && (ascii.match(/\d/g)?.length ?? 0) >= 6;
}
