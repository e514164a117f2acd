import { sql, type RawBuilder } from 'kysely';
import type { InsightsBucket } from '../../../src/shared/protocol/insights';
import { zoneOffsetMinutes } from '../../../src/shared/time-zone';
import type { ServerDialect } from '../db/connect';

/**
 * Day and week buckets in the retailer's time zone, in two steps. Converting every record's
 * timestamp to the zone costs 2–4× the old UTC-prefix grouping (a JS call per row on SQLite, a
 * text-to-timestamptz parse per row on PostgreSQL). So the inner query groups by the UTC hour
 * (`substr(received_at, 1, 13)`, as cheap as the old grouping) and only the outer query, over a
 * few hundred hour groups, converts each hour to its local day: with a whole-hour offset an
 * hour never straddles two local days. A zone with a half-hour offset (Asia/Kolkata) at any time
 * converts every row instead. Counts and sums add up across the hours of a day, so the result is
 * the same either way (bench: `npm run bench -- insights-tz`).
 */
export interface ZoneBuckets {
  /** The inner grouping key of a record `v`. */
  key: RawBuilder<string>;
  /** The bucket (`YYYY-MM-DD`) of an inner group, read from its key column `t.h`. */
  bucket(kind: InsightsBucket): RawBuilder<string>;
}

/** True when the zone's offset is a whole number of hours at every month start, 1970–2060. */
export function hasWholeHourOffsets(timeZone: string): boolean {
  for (let year = 1970; year <= 2060; year++) {
    for (let month = 0; month < 12; month++) {
      if (zoneOffsetMinutes(Date.UTC(year, month, 1), timeZone) % 60 !== 0) return false;
    }
  }
  return true;
}

export function zoneBuckets(dialect: ServerDialect, timeZone: string): ZoneBuckets {
  const byHour = hasWholeHourOffsets(timeZone);
  const h = sql<string>`t.h`;
  if (dialect === 'sqlite') {
    // koe_local_date: local-date-function.ts (SQLite has no time zone data).
    const day = byHour ? sql<string>`koe_local_date(${h} || ':00:00.000Z', ${timeZone})` : h;
    return {
      key: byHour
        ? sql<string>`substr(v.received_at, 1, 13)`
        : sql<string>`koe_local_date(v.received_at, ${timeZone})`,
      // The Monday on or before the day.
      bucket: (kind) => (kind === 'day' ? day : sql<string>`date(${day}, '-6 days', 'weekday 1')`),
    };
  }
  const local = (text: RawBuilder<string>, suffix: string) =>
    sql`(${text} || ${suffix})::timestamptz at time zone ${timeZone}`;
  if (byHour) {
    return {
      key: sql<string>`substr(v.received_at, 1, 13)`,
      bucket: (kind) =>
        kind === 'day'
          ? sql<string>`to_char(${local(h, ':00:00Z')}, 'YYYY-MM-DD')`
          : sql<string>`to_char(date_trunc('week', ${local(h, ':00:00Z')}), 'YYYY-MM-DD')`,
    };
  }
  return {
    key: sql<string>`to_char(v.received_at::timestamptz at time zone ${timeZone}, 'YYYY-MM-DD')`,
    bucket: (kind) =>
      kind === 'day' ? h : sql<string>`to_char(date_trunc('week', ${h}::date), 'YYYY-MM-DD')`,
  };
}
