/**
 * Calendar arithmetic in Japan time. The retailer's dates (`promisedDate`, `estimatedDate`) are
 * JST calendar days, so the generator counts in JST day numbers and converts at the edges.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * HOUR_MS;

/** The default `now`: a fixed instant so the demo data never drifts between runs. */
export const DEFAULT_DEMO_NOW = new Date('2026-11-23T00:00:00+09:00');

/**
 * Midnight JST of the current day. The embedded demo retailer is seeded about today, so the
 * parcel its story calls two days late is two days late whenever the demo is first started
 * (generated data, benches and model tests keep {@link DEFAULT_DEMO_NOW}, so they never drift).
 */
export function demoNowForToday(now = Date.now()): Date {
  return new Date(jstInstant(jstDay(now), 0));
}

/** Days since 1970-01-01 in JST. */
export function jstDay(ms: number): number {
  return Math.floor((ms + JST_OFFSET_MS) / DAY_MS);
}

// Formatting dates is the hottest path of a bench-size run (tens of millions of timestamps),
// and `Date#toISOString` costs about a microsecond; the calendar part is cached per day.
const dayPrefixes = new Map<number, string>();

function utcDateOfDay(day: number): string {
  let text = dayPrefixes.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayPrefixes.set(day, text);
  }
  return text;
}

/** `YYYY-MM-DD` of a JST day number. */
export function isoDateOfDay(day: number): string {
  return utcDateOfDay(day);
}

/** The instant of a JST wall-clock time on a JST day. */
export function jstInstant(day: number, hours: number): number {
  return day * DAY_MS - JST_OFFSET_MS + Math.round(hours * HOUR_MS);
}

// Zero-padded numbers from tables: cheaper than building them for every timestamp.
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** Same text as `new Date(ms).toISOString()` (UTC, milliseconds, `Z`), for ms ≥ 0. */
export function isoInstant(ms: number): string {
  const t = Math.trunc(ms);
  const day = Math.floor(t / DAY_MS);
  let rest = t - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${utcDateOfDay(day)}T${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[millis]}Z`;
}

/** Month (1–12) of a JST day number. */
export function monthOfDay(day: number): number {
  return Number(utcDateOfDay(day).slice(5, 7));
}

/** Day of the month (1–31) of a JST day number. */
export function dayOfMonth(day: number): number {
  return Number(utcDateOfDay(day).slice(8, 10));
}

/** `YYMM` of an instant in JST, for order numbers. */
export function yymmOf(ms: number): string {
  const date = utcDateOfDay(jstDay(ms));
  return date.slice(2, 4) + date.slice(5, 7);
}

/** `11月25日` / `Nov 25` for the text of notices and contacts. */
export function shortDate(day: number, language: 'ja' | 'en'): string {
  const month = monthOfDay(day);
  const date = dayOfMonth(day);
  if (language === 'ja') return `${month}月${date}日`;
  return `${MONTHS_EN[month - 1]} ${date}`;
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
