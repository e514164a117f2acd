/**
 * The promised callback's time, entered and shown as wall-clock time in Tokyo whatever the
 * desk's own time zone (the retailer's customers and opening hours are in Japan). Japan has kept
 * UTC+9 without daylight saving since 1951, so a fixed offset converts exactly both ways.
 */
export const CALLBACK_TIME_ZONE = 'Asia/Tokyo';
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-12-08T14:00` (Tokyo wall time, as a datetime-local field holds it) → an ISO instant. */
export function tokyoLocalToInstant(local: string): string | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi) - TOKYO_OFFSET_MS;
  const check = new Date(utc + TOKYO_OFFSET_MS);
  // 2026-02-30 rolls over to March in Date.UTC: refuse it instead of saving another day.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return new Date(utc).toISOString();
}

/** An instant as a datetime-local value in Tokyo wall time (`2026-12-08T14:00`). */
export function instantToTokyoLocal(instant: string | number): string {
  const tokyo = new Date(new Date(instant).getTime() + TOKYO_OFFSET_MS);
  return tokyo.toISOString().slice(0, 16);
}
