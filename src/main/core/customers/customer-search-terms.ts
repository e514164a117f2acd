import { foldForSearch, romajiVariants } from '../../../shared/kana';

interface SearchableCustomer {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  emails: readonly string[];
  /** National (significant) numbers of the customer's phones, as `parsePhone` gives them. */
  phonesNational: readonly string[];
}

/**
 * The text the trigram index holds for one customer, one term per line: the name in kanji and
 * kana (family+given and given+family, folded like a query), romaji spellings, e-mail addresses
 * and national phone digits (so "5678" or "1234-5678" finds a partial number).
 */
export function customerSearchTerms(c: SearchableCustomer): string {
  const terms = new Set<string>();
  const add = (text: string) => {
    const folded = foldForSearch(text);
    if (folded) terms.add(folded);
  };
  add(c.familyName + c.givenName);
  add(c.givenName + c.familyName);
  add(c.familyNameKana + c.givenNameKana);
  for (const family of romajiVariants(c.familyNameKana)) {
    for (const given of romajiVariants(c.givenNameKana)) {
      add(family + given);
      add(given + family);
    }
  }
  for (const email of c.emails) add(email);
  for (const national of c.phonesNational) terms.add(`0${national}`);
  return [...terms].join('\n');
}
