import { dayOfIsoDate, jstDayOf } from './calendar';

/**
 * What a desk can see of a parcel that may run late, at the moment it looks: the carrier's
 * scans (a weather delay, an address problem, a transfer to a remote-area service, any other
 * delay scan), a tracking trail that has stopped at a hub, a weather closure of the destination
 * region that the retailer announced, and the carriers' peak days (year-end, the big sale days,
 * お盆, Golden Week). The delivery estimate conditions on the strongest of them
 * (delivery-estimate.ts); the card names it as "why it may be late".
 */
export const LATE_SIGNALS = [
  'weather_closure',
  'address_problem',
  'hub_stall',
  'remote_area',
  'delay_scan',
] as const;
export type LateSignal = (typeof LATE_SIGNALS)[number];

/** A carrier's tracking line, as the cache keeps it. */
export interface ScanLine {
  status: string;
  occurredAt: string;
  description: string;
}

/** No scan for this long after an in-transit scan: the parcel is stuck at a hub. */
export const STALL_HOURS = 48;
const HOUR_MS = 3_600_000;

/** A region's deliveries stopped by weather, as the retailer announces it (dates are JST days). */
export interface RegionClosure {
  region: string;
  startsOn: string;
  /** The last day the retailer expects the region closed (its own estimate, not the truth). */
  endsOn: string;
  announcedAt: string;
  /** Why, in the retailer's words (e.g. 大雪): shown to the agent with the estimate it moved. */
  reason?: string;
}

/** The signal a carrier's scan line carries, in the words the carriers use (ja and en). */
export function scanSignalOf(event: Pick<ScanLine, 'status' | 'description'>): LateSignal | null {
  const text = event.description;
  if (/住所|address/i.test(text)) return 'address_problem';
  if (/離島|山間|remote-area/i.test(text)) return 'remote_area';
  if (event.status !== 'delayed') return null;
  if (/悪天候|weather/i.test(text)) return 'weather_closure';
  return 'delay_scan';
}

const strongest = (signals: Iterable<LateSignal>): LateSignal | null => {
  const seen = new Set(signals);
  return LATE_SIGNALS.find((s) => seen.has(s)) ?? null;
};

/** The closure of `region` announced by `atMs` that still holds deliveries on or after `fromDay`. */
export function activeClosure(
  closures: readonly RegionClosure[],
  region: string,
  atMs: number,
  fromDay: number,
): { startDay: number; endDay: number; reason: string | null } | null {
  let found: { startDay: number; endDay: number; reason: string | null } | null = null;
  for (const c of closures) {
    if (c.region !== region || Date.parse(c.announcedAt) > atMs) continue;
    const startDay = dayOfIsoDate(c.startsOn);
    const endDay = dayOfIsoDate(c.endsOn);
    if (startDay === null || endDay === null || endDay < fromDay) continue;
    if (!found || endDay > found.endDay) found = { startDay, endDay, reason: c.reason ?? null };
  }
  return found;
}

/**
 * The strongest signal visible at `atMs` on a parcel not yet delivered: its scans up to then,
 * a stall (the last scan in transit and older than STALL_HOURS), a closure of its region.
 */
export function lateSignalAt(input: {
  events: readonly ScanLine[];
  atMs: number;
  closure: boolean;
}): LateSignal | null {
  const signals: LateSignal[] = input.closure ? ['weather_closure'] : [];
  let last: (typeof input.events)[number] | null = null;
  for (const e of input.events) {
    if (Date.parse(e.occurredAt) > input.atMs) continue;
    const s = scanSignalOf(e);
    if (s) signals.push(s);
    if (!last || e.occurredAt >= last.occurredAt) last = e;
  }
  if (
    last &&
    last.status === 'in_transit' &&
    input.atMs - Date.parse(last.occurredAt) >= STALL_HOURS * HOUR_MS
  ) {
    signals.push('hub_stall');
  }
  return strongest(signals);
}

/**
 * The strongest signal a delivered parcel showed at some point before its delivery (what the
 * estimate is fitted on): its scans, and a gap of STALL_HOURS or more after an in-transit scan.
 */
export function lateSignalBeforeDelivery(events: readonly ScanLine[]): LateSignal | null {
  const sorted = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const signals: LateSignal[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (e.status === 'delivered') break;
    const s = scanSignalOf(e);
    if (s) signals.push(s);
    const next = sorted[i + 1];
    if (
      e.status === 'in_transit' &&
      next &&
      Date.parse(next.occurredAt) - Date.parse(e.occurredAt) >= STALL_HOURS * HOUR_MS
    ) {
      signals.push('hub_stall');
    }
  }
  return strongest(signals);
}

/**
 * The carriers' peak days by JST day number: the year-end peak (the big sales and お歳暮, from
 * 20 November), お盆, Golden Week and the summer sale days. A parcel shipped on one waits more
 * often (the demo generator draws it so; a retailer knows its own sale calendar).
 */
export function isCarrierPeakDay(day: number): boolean {
  const date = new Date(day * 86_400_000);
  const month = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return (
    (month === 11 && d >= 20) ||
    month === 12 ||
    (month === 8 && d >= 10 && d <= 20) ||
    (month === 5 && d <= 6) ||
    (month === 7 && d >= 11 && d <= 15) ||
    (month === 11 && d >= 11 && d <= 13)
  );
}

/** The ship day's peak flag from an instant (null when the instant does not parse). */
export function shippedOnPeak(shippedAt: string): boolean {
  const day = jstDayOf(shippedAt);
  return day !== null && isCarrierPeakDay(day);
}
