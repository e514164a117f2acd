/**
 * Calendar days in a named (IANA) time zone, with nothing but `Intl`: runs in the server, the
 * core and the renderer alike. The retailer's day is the one that counts in its reports: a call
 * at 08:00 in Tokyo is that day's call, not the previous (UTC) day's.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the zone (`Asia/Tokyo`, `UTC`, …). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes the zone is ahead of UTC at that instant (+540 in Tokyo). */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the zone. */
export function localDate(instantMs: number, timeZone: string): string {
  return new Date(instantMs + zoneOffsetMinutes(instantMs, timeZone) * 60_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * The instant a calendar date begins in the zone. Offsets change (summer time), so the guess
 * from the offset at UTC midnight is corrected by the offset at the guess.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  let instant = utcMidnight - zoneOffsetMinutes(utcMidnight, timeZone) * 60_000;
  instant = utcMidnight - zoneOffsetMinutes(instant, timeZone) * 60_000;
  return instant;
}

/** `date` moved by whole days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before a calendar date (ISO weeks start on Monday). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}
