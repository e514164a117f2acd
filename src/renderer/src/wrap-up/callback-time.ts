/**
 * The promised callback's time, typed and shown as wall-clock time in Tokyo whatever the desk's
 * own time zone (the retailer's customers and opening hours are in Japan). Japan has kept UTC+9
 * without daylight saving since 1951, so a fixed offset converts exactly both ways.
 *
 * The agent types it as they would write it — `12/9 14:00`, `2026-12-09 14:00`, `12月9日 14時`,
 * full-width digits too — rather than in a native date field, whose order of parts follows the
 * operating system's locale and differs from desk to desk.
 */
export const CALLBACK_TIME_ZONE = 'Asia/Tokyo';
const TOKYO_OFFSET_MS = 9 * 3_600_000;

const DATE_TIME =
  /^(?:(\d{4})\s*[-/年.]\s*)?(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?(?:\s*[(（][^)）]*[)）])?\s*(?:T|\s)?\s*(\d{1,2})\s*(?:[:：時]\s*(\d{2})?\s*分?)?$/;

/** Tokyo wall time → the instant, or null for a day or time that does not exist. */
function tokyoInstant(year: number, month: number, day: number, hour: number, minute: number) {
  if (hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute) - TOKYO_OFFSET_MS;
  const check = new Date(utc + TOKYO_OFFSET_MS);
  // 2/30 rolls over to March in Date.UTC: refuse it rather than save another day.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc;
}

/**
 * What the agent typed, as an ISO instant; null when it is not a whole date and time. Without a
 * year, the next such day from `now` (12/9 typed in late December is next year's).
 */
export function parseCallbackTime(text: string, now: number): string | null {
  const match = DATE_TIME.exec(text.normalize('NFKC').trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  if (y !== undefined) {
    const at = tokyoInstant(Number(y), month, day, hour, minute);
    return at === null ? null : new Date(at).toISOString();
  }
  const thisYear = new Date(now + TOKYO_OFFSET_MS).getUTCFullYear();
  const todayStart = Date.parse(`${tokyoLocal(now).slice(0, 10)}T00:00:00+09:00`);
  for (const year of [thisYear, thisYear + 1]) {
    const at = tokyoInstant(year, month, day, hour, minute);
    if (at !== null && at >= todayStart) return new Date(at).toISOString();
  }
  return null;
}

/** An instant as Tokyo wall time, `2026-12-09 14:00`: how the field shows a kept callback. */
export function tokyoLocal(instant: string | number): string {
  const tokyo = new Date(new Date(instant).getTime() + TOKYO_OFFSET_MS).toISOString();
  return `${tokyo.slice(0, 10)} ${tokyo.slice(11, 16)}`;
}
