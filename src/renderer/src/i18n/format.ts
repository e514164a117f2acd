import type { Currency } from '../../../shared/domain';

/**
 * Locale-aware formatting of what the core sends: money in minor units, calendar dates
 * (`YYYY-MM-DD` in the retailer's time zone) and instants (ISO 8601). Pure, so it is unit-tested.
 */

/** Minor units per major unit of a currency, as Intl knows it (JPY 1, USD 100). */
function minorUnitsPerMajor(currency: Currency): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 0;
  return 10 ** digits;
}

export function formatMoney(minorAmount: number, currency: Currency, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    minorAmount / minorUnitsPerMajor(currency),
  );
}

/**
 * A calendar date is not an instant: read it as midnight UTC and format it in UTC, so
 * 2026-11-20 shows as the 20th whatever the agent's time zone.
 */
export function formatCalendarDate(isoDate: string, locale: string): string {
  const date = parseCalendarDate(isoDate);
  if (!date) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatDate(isoDateTime: string, locale: string, timeZone?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

export function formatDateTime(isoDateTime: string, locale: string, timeZone?: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

export function parseCalendarDate(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
