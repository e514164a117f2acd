import type { DeliveryEstimate, Shipment } from '../../../shared/domain';
import { dayOfIsoDate, jstDayOf } from '../../../shared/guidance/calendar';
import { publishedTransitDays } from '../../../shared/guidance/carrier-estimate';
import {
  activeClosure,
  isCarrierPeakDay,
  lateSignalAt,
  type LateSignal,
  type RegionClosure,
  type ScanLine,
} from '../../../shared/guidance/late-signals';
import { PREFECTURE_BY_NAME } from '../../../shared/demo/prefectures';

/**
 * The delivery-date estimate (EDD): the distribution of days from shipping to delivery, learned
 * from the shipments this cache has seen delivered, in two parts.
 *
 * 1. The typical transit days of the route (carrier × origin prefecture × destination
 *    prefecture): the carrier's published transit days of the route when any delivery on it
 *    showed them (read back from the promise: carrier-estimate.ts), else the median of its
 *    deliveries, or of the region-to-region group, the carrier, or everything when the route has
 *    too few. The published days are known from a single order, where a median needs several
 *    deliveries: thin routes (Okinawa, the partners' routes) were what the estimate got wrong.
 * 2. How far deliveries stray from that typical day: a histogram over offsets whose context is
 *    the season (half-month of shipping), the carrier, the destination region and the weekday
 *    the parcel would typically arrive, shrunk toward each coarser context by its count
 *    (hierarchical smoothing), so a thin context borrows from its parent instead of guessing.
 *    The context starts with what the desk can see of a delay (late-signals.ts): a weather
 *    closure, an address problem, a trail stalled at a hub, a remote-area transfer, another
 *    delay scan, or nothing; and whether the parcel shipped on a carrier's peak day. A parcel
 *    that showed a signal before delivery teaches that signal's histogram.
 *
 * At prediction the distribution is cut at the days already elapsed without a delivery; the
 * estimate is its median (what minimizes the error in days) and the range the shortest run of
 * days holding 90% of it.
 */
export interface TransitSample {
  carrier: string;
  origin: string;
  destination: string;
  shippedAt: string;
  deliveredAt: string;
  promisedDate: string;
  /** When the order was placed (with the promise, it gives the carrier's published transit). */
  placedAt?: string;
  /** The carrier reported a delay before delivering. */
  delayReported: boolean;
  /** The strongest late signal the parcel showed before delivery (absent: from delayReported). */
  lateSignal?: LateSignal | null;
}

export interface DeliveryModel {
  fittedAt: string;
  samples: number;
  /** Typical days by group key, with the number of deliveries behind it. */
  typical: Record<string, [days: number, count: number]>;
  /** Offset histograms (counts per offset, from MIN_OFFSET; missing trailing bins are 0). */
  offsets: Record<string, number[]>;
  /** The carrier's published transit days by route key (absent in models fitted before). */
  published?: Record<string, number>;
}

/** Fewer deliveries than this and a group's median is not trusted: its parent's is used. */
const MIN_GROUP = 8;
/** How many deliveries a context's parent counts as (the strength of the shrinkage). */
const PRIOR_WEIGHT = 12;
const MIN_OFFSET = -3;
const MAX_OFFSET = 14;
const BINS = MAX_OFFSET - MIN_OFFSET + 1;
export const RANGE_COVERAGE = 0.9;

function regionOf(prefecture: string): string {
  return PREFECTURE_BY_NAME.get(prefecture)?.region ?? 'other';
}

/** 0–23: the half-month of a JST day, the season's grain (the year-end peak starts mid-November). */
function halfMonthOf(day: number): number {
  const date = new Date(day * 86_400_000);
  return date.getUTCMonth() * 2 + (date.getUTCDate() >= 16 ? 1 : 0);
}

/** 0 = Sunday (1970-01-01, day 0, was a Thursday). */
function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

function groupKeys(carrier: string, origin: string, destination: string): string[] {
  return [
    `r|${carrier}|${origin}|${destination}`,
    `g|${carrier}|${regionOf(origin)}|${regionOf(destination)}`,
    `c|${carrier}`,
    'a',
  ];
}

const LEVELS = ['route', 'region', 'carrier', 'all'] as const;

/** One letter per late signal: the head of a context key ('n': nothing to see). */
const HEAD: Record<LateSignal, string> = {
  weather_closure: 'w',
  address_problem: 'a',
  hub_stall: 's',
  remote_area: 'r',
  delay_scan: 'd',
};

function contextKeys(
  signal: LateSignal | null,
  shipDay: number,
  typicalDays: number,
  carrier: string,
  destination: string,
): string[] {
  const head = signal ? HEAD[signal] : 'n';
  const peak = isCarrierPeakDay(shipDay) ? 'p' : 'q';
  const half = halfMonthOf(shipDay);
  const arrivesOn = weekdayOf(shipDay + typicalDays);
  const region = regionOf(destination);
  return [
    head,
    `${head}|${peak}`,
    `${head}|${peak}|${half}`,
    `${head}|${peak}|${half}|${carrier}`,
    `${head}|${peak}|${half}|${carrier}|${region}`,
    `${head}|${peak}|${half}|${carrier}|${region}|${arrivesOn}`,
  ];
}

const signalOf = (s: Pick<TransitSample, 'delayReported' | 'lateSignal'>): LateSignal | null =>
  s.lateSignal !== undefined ? s.lateSignal : s.delayReported ? 'delay_scan' : null;

interface Typical {
  days: number;
  count: number;
  level: (typeof LEVELS)[number];
}

function typicalOf(model: Pick<DeliveryModel, 'typical' | 'published'>, keys: string[]): Typical {
  const published = model.published?.[keys[0] as string];
  if (published !== undefined) {
    return { days: published, count: model.typical[keys[0] as string]?.[1] ?? 0, level: 'route' };
  }
  for (let i = 0; i < keys.length; i++) {
    const entry = model.typical[keys[i] as string];
    if (entry && (entry[1] >= MIN_GROUP || i === keys.length - 1)) {
      return { days: entry[0], count: entry[1], level: LEVELS[i] as Typical['level'] };
    }
  }
  return { days: 2, count: 0, level: 'all' };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

interface Observed {
  sample: TransitSample;
  shipDay: number;
  days: number;
}

function observe(sample: TransitSample): Observed | null {
  const shipDay = jstDayOf(sample.shippedAt);
  const deliveredDay = jstDayOf(sample.deliveredAt);
  if (shipDay === null || deliveredDay === null || deliveredDay < shipDay) return null;
  return { sample, shipDay, days: deliveredDay - shipDay };
}

export function fitDeliveryModel(samples: readonly TransitSample[], now: Date): DeliveryModel {
  const observed = samples.map(observe).filter((o): o is Observed => o !== null);
  const byGroup = new Map<string, number[]>();
  for (const o of observed) {
    for (const key of groupKeys(o.sample.carrier, o.sample.origin, o.sample.destination)) {
      let days = byGroup.get(key);
      if (!days) byGroup.set(key, (days = []));
      days.push(o.days);
    }
  }
  const typical: DeliveryModel['typical'] = {};
  for (const [key, days] of byGroup) typical[key] = [median(days), days.length];
  // The published transit of each route, as most of its orders' promises show it.
  const votes = new Map<string, Map<number, number>>();
  for (const o of observed) {
    if (!o.sample.placedAt) continue;
    const days = publishedTransitDays(o.sample.placedAt, o.sample.promisedDate);
    if (days === null) continue;
    const [route] = groupKeys(o.sample.carrier, o.sample.origin, o.sample.destination);
    let counts = votes.get(route as string);
    if (!counts) votes.set(route as string, (counts = new Map()));
    counts.set(days, (counts.get(days) ?? 0) + 1);
  }
  const published: Record<string, number> = {};
  for (const [route, counts] of votes) {
    published[route] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  }

  const offsets: DeliveryModel['offsets'] = {};
  const count = (key: string, offset: number) => {
    let bins = offsets[key];
    if (!bins) offsets[key] = bins = new Array<number>(BINS).fill(0);
    bins[clampOffset(offset) - MIN_OFFSET]! += 1;
  };
  for (const o of observed) {
    const { carrier, origin, destination } = o.sample;
    const base = typicalOf({ typical, published }, groupKeys(carrier, origin, destination)).days;
    const offset = o.days - base;
    // Every parcel teaches the nothing-seen case (at shipping nobody knows yet); a parcel that
    // showed a signal also teaches that signal's case.
    for (const key of contextKeys(null, o.shipDay, base, carrier, destination)) count(key, offset);
    const signal = signalOf(o.sample);
    if (signal) {
      for (const key of contextKeys(signal, o.shipDay, base, carrier, destination)) {
        count(key, offset);
      }
    }
  }
  // Trailing empty bins are dropped: most contexts hold a few days' offsets, and the model
  // crosses threads and is parsed on the core's thread, so its size is paid there.
  for (const bins of Object.values(offsets)) {
    while (bins.length > 0 && bins[bins.length - 1] === 0) bins.pop();
  }
  return { fittedAt: now.toISOString(), samples: observed.length, typical, offsets, published };
}

function clampOffset(offset: number): number {
  return Math.min(MAX_OFFSET, Math.max(MIN_OFFSET, offset));
}

/** The smoothed offset distribution: each context shrunk toward its parent. */
function offsetDistribution(model: DeliveryModel, keys: string[]): number[] {
  // A floor under the root, so no offset is ever impossible: halving with each day away from
  // the typical one, so a parcel later than anything seen is expected soon rather than anytime.
  let p = Array.from({ length: BINS }, (_, i) => 0.5 ** Math.abs(i + MIN_OFFSET));
  const floor = p.reduce((a, b) => a + b, 0);
  p = p.map((q) => q / floor);
  for (const key of keys) {
    const bins = model.offsets[key];
    if (!bins) break;
    const n = bins.reduce((a, b) => a + b, 0);
    const weight = key.length === 1 ? 1 : PRIOR_WEIGHT;
    p = p.map((q, i) => ((bins[i] ?? 0) + weight * q) / (n + weight));
  }
  return p;
}

export interface TransitDistribution {
  shipDay: number;
  /** Probability of delivery `firstDay + i` days after shipping. */
  probabilities: number[];
  firstDay: number;
  typical: Typical;
  delayReported: boolean;
  /** The signal whose parcels the distribution was taken from (null: nothing seen). */
  lateSignal: LateSignal | null;
  elapsedDays: number;
}

/** The transit-day distribution of a shipment, given what is known at `now`. */
export function transitDistribution(
  model: DeliveryModel,
  input: {
    carrier: string;
    origin: string;
    destination: string;
    shippedAt: string;
    delayReported: boolean;
    /** What the desk sees at `now` (absent: a delay scan when `delayReported`). */
    lateSignal?: LateSignal | null;
    /** The last day an announced weather closure holds the destination region. */
    closedUntilDay?: number | null;
  },
  now: Date | number,
): TransitDistribution | null {
  const shipDay = jstDayOf(input.shippedAt);
  const nowDay = jstDayOf(now);
  if (shipDay === null || nowDay === null) return null;
  const typical = typicalOf(model, groupKeys(input.carrier, input.origin, input.destination));
  const signal = signalOf(input);
  // A signal no delivered parcel has shown yet: the ordinary distribution (a closure still cuts).
  const head = signal && model.offsets[HEAD[signal]] ? signal : null;
  const keys = contextKeys(head, shipDay, typical.days, input.carrier, input.destination);
  const p = offsetDistribution(model, keys);
  const elapsedDays = Math.max(0, nowDay - shipDay);
  // Nothing arrives in a closed region: the earliest day is the one after the closure.
  const earliest = Math.max(
    elapsedDays,
    input.closedUntilDay != null ? input.closedUntilDay + 1 - shipDay : 0,
  );
  const firstDay = typical.days + MIN_OFFSET;
  // Not delivered yet: days already passed are impossible (today still is possible).
  const cut = p.map((q, i) => (firstDay + i < earliest ? 0 : q));
  let mass = cut.reduce((a, b) => a + b, 0);
  let probabilities = cut;
  if (mass < 1e-9) {
    // Later than anything seen: a halving tail from the earliest day.
    probabilities = new Array<number>(BINS).fill(0);
    const start = Math.min(BINS - 1, Math.max(0, earliest - firstDay));
    for (let i = start; i < BINS; i++) probabilities[i] = 0.5 ** (i - start + 1);
    mass = probabilities.reduce((a, b) => a + b, 0);
  }
  return {
    shipDay,
    probabilities: probabilities.map((q) => q / mass),
    firstDay,
    typical,
    delayReported: input.delayReported,
    lateSignal: signal,
    elapsedDays,
  };
}

/**
 * What the desk can see of a parcel's delay at `now`: its strongest late signal and the end of
 * an announced closure of its region (the retailer's region events), for the estimate.
 */
export function deliverySignalsAt(
  parcel: { events: readonly ScanLine[]; destination: string },
  now: number,
  closures: readonly RegionClosure[] = [],
): { lateSignal: LateSignal | null; closedUntilDay: number | null } {
  const nowDay = jstDayOf(now) as number;
  const closure = activeClosure(closures, regionOf(parcel.destination), now, nowDay);
  return {
    lateSignal: lateSignalAt({ events: parcel.events, atMs: now, closure: closure !== null }),
    closedUntilDay: closure?.endDay ?? null,
  };
}

/** Median and the shortest run of days holding `coverage` (ties: the earliest). */
export function summarize(
  d: TransitDistribution,
  coverage = RANGE_COVERAGE,
): { days: number; lowDays: number; highDays: number } {
  const p = d.probabilities;
  let cdf = 0;
  let medianIndex = p.length - 1;
  for (let i = 0; i < p.length; i++) {
    cdf += p[i] as number;
    if (cdf >= 0.5) {
      medianIndex = i;
      break;
    }
  }
  let best: [number, number] = [0, p.length - 1];
  for (let a = 0; a < p.length; a++) {
    let sum = 0;
    for (let b = a; b < p.length; b++) {
      sum += p[b] as number;
      if (sum >= coverage - 1e-9) {
        if (b - a < best[1] - best[0]) best = [a, b];
        break;
      }
    }
  }
  return {
    days: d.firstDay + medianIndex,
    lowDays: d.firstDay + Math.min(best[0], medianIndex),
    highDays: d.firstDay + Math.max(best[1], medianIndex),
  };
}

const isoDateOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

const OPEN: ReadonlySet<Shipment['status']> = new Set([
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delayed',
]);

/**
 * The estimate for one open shipment at `now`, or null when it has none (delivered, lost,
 * returned, not yet handed to the carrier).
 */
export function estimateDelivery(
  model: DeliveryModel,
  shipment: Shipment,
  now: Date | number,
  context: { closures?: readonly RegionClosure[] } = {},
): DeliveryEstimate | null {
  if (!OPEN.has(shipment.status) || shipment.deliveredAt !== null || !shipment.shippedAt) {
    return null;
  }
  const delayReported =
    shipment.status === 'delayed' || shipment.events.some((e) => e.status === 'delayed');
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const signals = deliverySignalsAt(
    { events: shipment.events, destination: shipment.destinationPrefecture },
    nowMs,
    context.closures,
  );
  // A parcel the carrier calls delayed shows at least a delay scan.
  const lateSignal = signals.lateSignal ?? (delayReported ? 'delay_scan' : null);
  const d = transitDistribution(
    model,
    {
      carrier: shipment.carrier,
      origin: shipment.originPrefecture,
      destination: shipment.destinationPrefecture,
      shippedAt: shipment.shippedAt,
      delayReported,
      lateSignal,
      closedUntilDay: signals.closedUntilDay,
    },
    now,
  );
  if (!d) return null;
  const s = summarize(d);
  return {
    shipmentId: shipment.id,
    date: isoDateOfDay(d.shipDay + s.days),
    low: isoDateOfDay(d.shipDay + s.lowDays),
    high: isoDateOfDay(d.shipDay + s.highDays),
    coverage: RANGE_COVERAGE,
    basis: {
      samples: d.typical.count,
      level: d.typical.level,
      typicalDays: d.typical.days,
      delayReported,
      elapsedDays: d.elapsedDays,
      ...(d.lateSignal ? { lateSignal: d.lateSignal } : {}),
      ...(isCarrierPeakDay(d.shipDay) ? { carrierPeak: true } : {}),
    },
  };
}

/** Days between a promised date and a delivery (for the promise baseline). */
export function promiseErrorDays(sample: TransitSample): number | null {
  const promised = dayOfIsoDate(sample.promisedDate);
  const delivered = jstDayOf(sample.deliveredAt);
  return promised === null || delivered === null ? null : delivered - promised;
}
