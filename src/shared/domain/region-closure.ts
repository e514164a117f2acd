import { z } from 'zod';
import { carrier } from './order';
import { id, isoDate, oneLine, recordTime } from './primitives';

/** The delivery regions of Japan, as the transit rules and a closure name them (prefectures.ts). */
export const deliveryRegion = z.enum([
  'hokkaido',
  'tohoku',
  'kanto',
  'chubu',
  'kinki',
  'chugoku',
  'shikoku',
  'kyushu',
  'okinawa',
]);
export type DeliveryRegion = z.infer<typeof deliveryRegion>;

/**
 * A region event the retailer pushes: deliveries into a region stopped (a weather closure, a
 * carrier's suspension) from one JST day to another, for one carrier or for all. The desk's
 * delivery estimate reads the ones announced by now (late-signals.ts `activeClosure`).
 */
export const regionClosure = z
  .object({
    id,
    region: deliveryRegion,
    /** Only this carrier's deliveries are held; null: every carrier's. */
    carrier: carrier.nullable(),
    /** First and last closed day, JST calendar days (`endsOn` is the retailer's own guess). */
    startsOn: isoDate,
    endsOn: isoDate,
    /** Why, as the retailer words it (shown to no customer). */
    reason: oneLine(500),
    announcedAt: recordTime,
    updatedAt: recordTime,
  })
  .refine((c) => c.endsOn >= c.startsOn, {
    message: 'endsOn must not be before startsOn',
    path: ['endsOn'],
  });
export type RegionClosureRecord = z.infer<typeof regionClosure>;
