import type { CustomerSummary } from '../../../shared/domain';

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

/** The kana reading in the same order as the name it sits above. */
export function displayReading(customer: Named): string {
  const latin = isLatin(customer.familyName + customer.givenName);
  return ordered(customer.familyNameKana, customer.givenNameKana, latin);
}
