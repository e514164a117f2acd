import type { Language } from '../domain/primitives';
import { formatDate } from './calendar';
import { formatMoney } from './money';
import type { ScriptValue } from './script-context';

/** The filters a placeholder may apply: `{{shipment.promisedDate | date}}`, `{{x | default:"…"}}`. */
export const SCRIPT_FILTERS = ['date', 'yen', 'money', 'upper', 'default'] as const;
export type ScriptFilterName = (typeof SCRIPT_FILTERS)[number];

export interface FilterCall {
  name: string;
  arg: string | null;
}

export function isKnownFilter(name: string): name is ScriptFilterName {
  return (SCRIPT_FILTERS as readonly string[]).includes(name);
}

interface FormatOptions {
  locale: Language;
  nowDay: number;
}

/** A value as text with no filter: dates and money are formatted for the locale anyway. */
export function formatValue(value: ScriptValue, options: FormatOptions): string {
  switch (value.type) {
    case 'text':
      return value.value;
    case 'number':
      return new Intl.NumberFormat(options.locale === 'ja' ? 'ja-JP' : 'en-US').format(value.value);
    case 'date':
      return formatDate(value.value, options.locale, options.nowDay) ?? value.value;
    case 'money':
      return formatMoney(value.amount, value.currency, options.locale);
  }
}

/**
 * Applies the filters of a placeholder to its value. Returns null when the value is missing and
 * no `default` filter supplies one. Unknown filters are ignored here (the lint reports them).
 */
export function applyFilters(
  value: ScriptValue | null,
  filters: readonly FilterCall[],
  options: FormatOptions,
): { text: string; fallback: boolean } | null {
  if (value === null) {
    const fallback = filters.find((f) => f.name === 'default');
    return fallback?.arg != null ? { text: fallback.arg, fallback: true } : null;
  }
  let text: string | null = null;
  for (const filter of filters) {
    switch (filter.name) {
      case 'date':
        if (value.type === 'date') {
          text = formatDate(value.value, options.locale, options.nowDay) ?? text;
        } else if (value.type === 'text') {
          text = formatDate(value.value, options.locale, options.nowDay) ?? text;
        }
        break;
      case 'yen':
      case 'money':
        if (value.type === 'money') {
          text = formatMoney(value.amount, value.currency, options.locale);
        } else if (value.type === 'number' && Number.isFinite(value.value) && value.value >= 0) {
          text = formatMoney(Math.round(value.value), 'JPY', options.locale);
        }
        break;
      case 'upper':
        text = (text ?? formatValue(value, options)).toUpperCase();
        break;
      default:
        break;
    }
  }
  return { text: text ?? formatValue(value, options), fallback: false };
}
