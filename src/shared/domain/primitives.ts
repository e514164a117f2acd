import { z } from 'zod';

/** A calendar date in the retailer's time zone, `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** An instant, ISO 8601 with offset (`2026-11-20T09:30:00.000Z`). */
export const isoDateTime = z.iso.datetime({ offset: true });

export const currency = z.enum(['JPY', 'USD']);
export type Currency = z.infer<typeof currency>;

/** Money in minor units of its currency (JPY has none, USD has cents). */
export const minorAmount = z.number().int().min(0).max(1e12);

export const language = z.enum(['ja', 'en']);
export type Language = z.infer<typeof language>;

/** No control characters: ids end up in SQL keys, URLs and logs (PostgreSQL text refuses NUL). */
export const printable = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');

export const id = printable(64).min(1);
