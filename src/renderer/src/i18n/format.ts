import type { Currency } from '../../../shared/domain';

/**
 * Locale-aware formatting of what the core sends: money in minor units, calendar dates
 * (`YYYY-MM-DD` in the retailer's time zone) and instants (ISO 8601). Pure, so it is unit-tested.
 */

/**
 * Intl formatters, made once per locale and options: constructing one costs far more than
 * formatting with it, and a customer card formats hundreds of dates and amounts at a ring.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, currency: Currency): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(
  locale: string,
  options: { timeOnly?: boolean; timeStyle?: 'short'; timeZone?: string | undefined },
): Intl.DateTimeFormat {
  const key = `${locale}|${options.timeOnly ? 'time' : 'date'}|${options.timeStyle ?? ''}|${options.timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(options.timeOnly ? {} : { dateStyle: 'medium' }),
      ...(options.timeStyle ? { timeStyle: options.timeStyle } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    dateFormats.set(key, format);
  }
  return format;
}

/** Minor units per major unit of a currency, as Intl knows it (JPY 1, USD 100). */
function minorUnitsPerMajor(currency: Currency): number {
  const digits = numberFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 0;
  return 10 ** digits;
}

export function formatMoney(minorAmount: number, currency: Currency, locale: string): string {
  return numberFormat(locale, currency).format(minorAmount / minorUnitsPerMajor(currency));
}

/**
 * A calendar date is not an instant: read it as midnight UTC and format it in UTC, so
 * 2026-11-20 shows as the 20th whatever the agent's time zone.
 */
export function formatCalendarDate(isoDate: string, locale: string): string {
  const date = parseCalendarDate(isoDate);
  if (!date) return isoDate;
  return dateFormat(locale, { timeZone: 'UTC' }).format(date);
}

export function formatDate(isoDateTime: string, locale: string, timeZone?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return dateFormat(locale, { timeZone }).format(date);
}

export function formatDateTime(isoDateTime: string, locale: string, timeZone?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return dateFormat(locale, { timeStyle: 'short', timeZone }).format(date);
}

/** A time of day in the agent's locale and time zone (`14:05`, `2:05 PM`). */
export function formatTimeOfDay(isoDateTime: string, locale: string, timeZone?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return dateFormat(locale, { timeOnly: true, timeStyle: 'short', timeZone }).format(date);
}

export function parseCalendarDate(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
