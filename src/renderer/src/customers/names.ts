import type { CustomerSummary, Language } from '../../../shared/domain';
import { passportRomaji } from '../../../shared/kana';

type Named = Pick<CustomerSummary, 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'>;

/** A name written in Latin letters reads given name first; a Japanese name, family name first. */
function isLatin(text: string): boolean {
  return /^[\p{Script=Latin}\s'.-]*$/u.test(text);
}

function ordered(family: string, given: string, latin: boolean): string {
  return (latin ? [given, family] : [family, given]).filter(Boolean).join(' ');
}

export function displayName(customer: Named): string {
  const latin = isLatin(customer.familyName + customer.givenName);
  return ordered(customer.familyName, customer.givenName, latin);
}

/**
 * The reading in the same order as the name it sits above: kana for a Japanese screen, and for
 * an English one a Japanese name in Latin letters (Hepburn, long vowels shortened as on passports:
 * サトウ → Sato), which an agent who does not read kana can say.
 */
export function displayReading(customer: Named, language: Language = 'ja'): string {
  const latin = isLatin(customer.familyName + customer.givenName);
  if (language === 'en') {
    // A name in Latin letters needs no reading on an English screen.
    if (latin) return '';
    return ordered(romanized(customer.familyNameKana), romanized(customer.givenNameKana), false);
  }
  return ordered(customer.familyNameKana, customer.givenNameKana, latin);
}

/**
 * A person's reading given whole ("やまだ みさき"), as a screen in `language` shows it: the kana
 * on a Japanese screen, each word in Latin letters on an English one (Yamada Misaki).
 */
export function spokenReading(kana: string, language: Language): string {
  if (language !== 'en') return kana;
  return kana.trim().split(/\s+/).filter(Boolean).map(romanized).join(' ');
}

function romanized(kana: string): string {
  const romaji = passportRomaji(kana.trim());
  return romaji.charAt(0).toUpperCase() + romaji.slice(1);
}
