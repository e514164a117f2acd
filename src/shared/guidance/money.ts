import type { Currency, Language } from '../domain/primitives';

/** Minor units per major unit: JPY has none, USD has cents. */
const MINOR_UNITS: Record<Currency, number> = { JPY: 1, USD: 100 };

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Money as a person would say it: `12,800円` in Japanese, `¥12,800` / `$128.50` in English.
 * `amount` is in minor units of `currency`, as everywhere in the domain.
 */
export function formatMoney(amount: number, currency: Currency, locale: Language): string {
  const key = `${locale}:${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
      style: 'currency',
      currency,
      // `12,800円` reads more naturally in a Japanese script than `￥12,800`.
      currencyDisplay: locale === 'ja' && currency === 'JPY' ? 'name' : 'symbol',
    });
    formatters.set(key, f);
  }
  return f.format(amount / MINOR_UNITS[currency]);
}
