import { z } from 'zod';
import { isoDateTime } from '../domain/primitives';
import { sentiment } from '../domain/voc';
import { addDays, localDate, mondayOf, startOfLocalDay } from '../time-zone';
import { vocFilters } from './voc-export';

/**
 * Aggregated VoC insights: "why do customers call us, and is it getting better?". A supervisor
 * sees only its center; a trainer or retailer admin the whole retailer (or one center). Times are
 * `receivedAt` (as the export), bucketed by day or ISO week (Monday) in the retailer's time zone
 * (`timeZone` in the answer; Asia/Tokyo unless the server is told otherwise).
 */
export const insightsBucket = z.enum(['day', 'week']);
export type InsightsBucket = z.infer<typeof insightsBucket>;

/** The zone a server counts insights days in unless configured otherwise. */
export const DEFAULT_INSIGHTS_TIME_ZONE = 'Asia/Tokyo';

/**
 * A window bound: an instant (`2026-11-23T00:00:00+09:00`), or a calendar date (`2026-11-23`),
 * which means the start of that day in the retailer's time zone.
 */
export const insightsBound = z.union([isoDateTime, z.iso.date().max(10)]);

const insightsWindow = vocFilters.extend({
  from: insightsBound.optional(),
  to: insightsBound.optional(),
});

export const insightsQuery = insightsWindow.extend({ bucket: insightsBucket.default('week') });
export type InsightsQuery = z.input<typeof insightsQuery>;

/** Counts of one group (a center, a carrier, a product). */
export const insightsGroup = z.object({
  /** Null: the records had none (no linked order, an order without shipment). */
  key: z.string().nullable(),
  count: z.number().int(),
  avoidable: z.number().int(),
  resolved: z.number().int(),
});
export type InsightsGroup = z.infer<typeof insightsGroup>;

export const insightsResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The center the numbers are for; null for the whole retailer. */
  centerId: z.string().nullable(),
  bucket: insightsBucket,
  /** The IANA zone the buckets' days are in (and calendar-date bounds were read in). */
  timeZone: z.string(),
  /** The centers the caller may see (a supervisor: its own), with their names. */
  centers: z.array(z.object({ id: z.string(), name: z.string() })),
  total: z.number().int(),
  /** Calls per bucket (`YYYY-MM-DD`, the first day) and primary reason. */
  drivers: z.array(z.object({ bucket: z.string(), reason: z.string(), count: z.number().int() })),
  /** Avoidable calls per bucket. */
  avoidable: z.array(
    z.object({ bucket: z.string(), count: z.number().int(), avoidable: z.number().int() }),
  ),
  byCenter: z.array(insightsGroup),
  /** The carrier of the linked order's first shipment. */
  byCarrier: z.array(insightsGroup),
  /** The first line's product of the linked order; the largest groups only. */
  byProduct: z.array(insightsGroup),
  prediction: z.object({
    /** Records with a predicted reason. */
    predicted: z.number().int(),
    /** Of those, confirmed by the agent as the primary reason. */
    agreed: z.number().int(),
    cells: z.array(
      z.object({ predicted: z.string(), confirmed: z.string(), count: z.number().int() }),
    ),
  }),
  byScriptVersion: z.array(
    z.object({
      scriptId: z.string().nullable(),
      scriptVersion: z.number().int().nullable(),
      count: z.number().int(),
      resolved: z.number().int(),
      positive: z.number().int(),
      neutral: z.number().int(),
      negative: z.number().int(),
      averageAfterCallWorkSeconds: z.number(),
    }),
  ),
  harassment: z.object({
    incidents: z.number().int(),
    callsTerminated: z.number().int(),
    byBucket: z.array(z.object({ bucket: z.string(), count: z.number().int() })),
  }),
});
export type InsightsResponse = z.infer<typeof insightsResponse>;

/**
 * The window of the last `weeks` weeks: from the Monday `weeks - 1` weeks before this week's, up
 * to the end of today, so week buckets are whole and today counts. Days are the retailer's
 * (`timeZone`): at 08:00 on a Monday in Tokyo, this week has begun.
 */
export function lastWeeks(
  weeks: number,
  now = new Date(),
  timeZone = DEFAULT_INSIGHTS_TIME_ZONE,
): { from: string; to: string } {
  const today = localDate(now.getTime(), timeZone);
  const from = addDays(mondayOf(today), -(weeks - 1) * 7);
  return {
    from: new Date(startOfLocalDay(from, timeZone)).toISOString(),
    to: new Date(startOfLocalDay(addDays(today, 1), timeZone)).toISOString(),
  };
}

/** Products beyond this many groups are left out of `byProduct` (a long tail is unreadable). */
export const INSIGHTS_PRODUCT_GROUPS = 12;

export const insightsWordsQuery = insightsWindow.extend({
  /** The primary reason, as in `drivers`. */
  reason: z
    .string()
    .regex(/^[a-z0-9_.]+$/)
    .max(128)
    .optional(),
  /** Only calls with a harassment incident. */
  harassment: z.enum(['true']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type InsightsWordsQuery = z.input<typeof insightsWordsQuery>;

export const insightsWord = z.object({
  id: z.string(),
  receivedAt: isoDateTime,
  centerId: z.string(),
  reason: z.string(),
  sentiment,
  /** The customer's own words (already redacted by the agent's app); plain text. */
  words: z.string(),
});
export type InsightsWord = z.infer<typeof insightsWord>;

export const insightsWordsResponse = z.object({
  items: z.array(insightsWord),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type InsightsWordsResponse = z.infer<typeof insightsWordsResponse>;
