import type { Language } from '../domain/primitives';

/**
 * Calendar arithmetic in the retailer's time zone (Japan). Promised and estimated dates are JST
 * calendar days (`YYYY-MM-DD`); instants are ISO strings with an offset. Day counts compare JST
 * calendar days, so "3 days late" means the same thing at 00:30 and at 23:30.
 */
const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a JST calendar date, or null when the text is not `YYYY-MM-DD`. */
export function dayOfIsoDate(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

/** The JST calendar day of an instant (ISO string, epoch ms or Date), or null if unparseable. */
export function jstDayOf(instant: string | number | Date): number | null {
  const ms =
    typeof instant === 'number'
      ? instant
      : instant instanceof Date
        ? instant.getTime()
        : Date.parse(instant);
  return Number.isFinite(ms) ? Math.floor((ms + JST_OFFSET_MS) / DAY_MS) : null;
}

/** The JST calendar day of a date or an instant: `YYYY-MM-DD` is read as a day, anything else as an instant. */
export function dayOf(value: string): number | null {
  return ISO_DATE.test(value) ? dayOfIsoDate(value) : jstDayOf(value);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Language, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withYear}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
      ...(withYear ? { year: 'numeric' } : {}),
      month: locale === 'ja' ? 'long' : 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A short, spoken-style date: `11月24日` / `Nov 24`; the year is added (`2025年11月24日`,
 * `Nov 24, 2025`) when it differs from the year of `nowDay` (a JST day number).
 */
export function formatDay(day: number, locale: Language, nowDay?: number): string {
  const date = new Date(day * DAY_MS);
  const withYear =
    nowDay !== undefined && new Date(nowDay * DAY_MS).getUTCFullYear() !== date.getUTCFullYear();
  return formatter(locale, withYear).format(date);
}

/** `formatDay` for a `YYYY-MM-DD` date or an ISO instant (JST day); null if unparseable. */
export function formatDate(value: string, locale: Language, nowDay?: number): string | null {
  const day = dayOf(value);
  return day === null ? null : formatDay(day, locale, nowDay);
}
