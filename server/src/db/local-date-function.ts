import type Sqlite from 'better-sqlite3';
import { localDate, zoneOffsetMinutes } from '../../../src/shared/time-zone';

/**
 * `koe_local_date(iso, zone)`: the calendar date of a stored `toISOString()` instant in an IANA
 * zone. SQLite has no time zone data (PostgreSQL has `at time zone`), so the insights' buckets
 * call this. `Intl` is slow per row, but offsets only change on the hour or half hour, so each
 * UTC hour is worked out once per zone: its local date, and the minute at which local midnight
 * falls inside it (only in a zone with a half-hour offset, e.g. Asia/Kolkata). A row then costs a
 * map lookup and a look at its minute digits.
 */
interface HourEntry {
  before: string;
  /** The local date from `flipMinute` on (60: no local midnight inside this hour). */
  after: string;
  flipMinute: number;
}
const hours = new Map<string, HourEntry>();
const MAX_CACHED = 200_000;
const MINUTE_MS = 60_000;

function hourEntry(hourStartMs: number, timeZone: string): HourEntry {
  const offset = zoneOffsetMinutes(hourStartMs, timeZone);
  const localMinute = (((Math.floor(hourStartMs / MINUTE_MS) + offset) % 1440) + 1440) % 1440;
  const toMidnight = (1440 - localMinute) % 1440;
  const dateAt = (ms: number) => new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 10);
  return toMidnight > 0 && toMidnight < 60
    ? {
        before: dateAt(hourStartMs),
        after: dateAt(hourStartMs + toMidnight * MINUTE_MS),
        flipMinute: toMidnight,
      }
    : { before: dateAt(hourStartMs), after: dateAt(hourStartMs), flipMinute: 60 };
}

export function cachedLocalDate(iso: string, timeZone: string): string | null {
  // Only `toISOString()` text (UTC, "Z") has its UTC hour in its first 13 characters.
  if (!iso.endsWith('Z') || iso.length < 17) {
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? localDate(ms, timeZone) : null;
  }
  const key = `${timeZone}|${iso.slice(0, 13)}`;
  let entry = hours.get(key);
  if (entry === undefined) {
    const hourStart = Date.parse(`${iso.slice(0, 13)}:00:00.000Z`);
    if (!Number.isFinite(hourStart)) return null;
    entry = hourEntry(hourStart, timeZone);
    if (hours.size >= MAX_CACHED) hours.clear();
    hours.set(key, entry);
  }
  if (entry.flipMinute === 60) return entry.before;
  const minute = (iso.charCodeAt(14) - 48) * 10 + (iso.charCodeAt(15) - 48);
  return minute < entry.flipMinute ? entry.before : entry.after;
}

export function registerLocalDateFunction(sqlite: Sqlite.Database): void {
  sqlite.function('koe_local_date', { deterministic: true }, (iso: unknown, zone: unknown) =>
    typeof iso === 'string' && typeof zone === 'string' ? cachedLocalDate(iso, zone) : null,
  );
}
