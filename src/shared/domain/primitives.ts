import { z } from 'zod';

/** A calendar date in the retailer's time zone, `YYYY-MM-DD`. */
export const isoDate = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** An instant, ISO 8601 with offset (`2026-11-20T09:30:00.000Z`). */
export const isoDateTime = z.iso.datetime({ offset: true }).max(40);
/**
 * A record's "as of" time (`updatedAt`, `publishedAt`), kept as UTC `toISOString()` text: the
 * server and the desk order versions by comparing it, and as text `08:00+09:00` sorted after a
 * later `…Z` value. In UTC with milliseconds, text order is the instants' order.
 */
export const recordTime = isoDateTime.overwrite((value) => {
  // Zod runs this after a failed format check too: an invalid value is left for that error.
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
});

export const currency = z.enum(['JPY', 'USD']);
export type Currency = z.infer<typeof currency>;

/** Money in minor units of its currency (JPY has none, USD has cents). */
export const minorAmount = z.number().int().min(0).max(1e12);

export const language = z.enum(['ja', 'en']);
export type Language = z.infer<typeof language>;

/*
 * Control characters, decided once for every text field of the protocol (desk and server parse
 * with the same schemas). PostgreSQL text refuses U+0000 and jsonb refuses a lone surrogate, so
 * neither is ever stored; other controls are invisible on a screen and break CSV, logs and URLs.
 * - Identifiers and codes (`printable`): any control character or lone surrogate is refused.
 * - Free text (`freeText`): tab, line feed and carriage return stay; every other C0 control,
 *   DEL and C1 control is removed and a lone surrogate becomes U+FFFD, so a customer's words with
 *   a stray character pasted from another tool are still saved.
 * - One line (`oneLine`: names, titles, labels): as free text, and tabs and line breaks become a
 *   space.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LONE_SURROGATE_TEST = new RegExp(LONE_SURROGATE.source);

/** Free text as stored: see above. */
export function cleanText(value: string): string {
  return value.replace(CONTROL_BUT_LINE_BREAKS, '').replace(LONE_SURROGATE, '\ufffd');
}

/** One line as stored: see above. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/[\t\n\r]/g, ' ');
}

/** An identifier or code: no control characters, no lone surrogates (ids end up in SQL keys, URLs and logs). */
export const printable = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'control characters are not allowed')
    .refine((s) => !LONE_SURROGATE_TEST.test(s), 'a lone surrogate is not text');

/** Free text of at most `max` characters, cleaned as above. */
export const freeText = (max: number) => z.string().max(max).overwrite(cleanText);

/** Single-line text of at most `max` characters, cleaned as above. */
export const oneLine = (max: number) => z.string().max(max).overwrite(cleanLine);

export const id = printable(64).min(1);
