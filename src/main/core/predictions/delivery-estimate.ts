import type { DeliveryEstimate, Shipment } from '../../../shared/domain';
import { dayOfIsoDate, jstDayOf } from '../../../shared/guidance/calendar';
import { publishedTransitDays } from '../../../shared/guidance/carrier-estimate';
import {
  activeClosure,
  isCarrierPeakDay,
  LATE_SIGNALS,
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

/**
 * Delivered parcels as the fit reads them: one typed-array column per fact, the names (carriers,
 * prefectures) held once. At bench size the fit reads 200,000 deliveries; as objects of seven
 * strings each they held ~50 MB of the worker's heap through the whole fit (and V8 let the heap
 * grow with that much more garbage before collecting), as columns ~4 MB.
 */
export interface TransitColumns {
  length: number;
  /** Carrier and prefecture names, each once: the name columns hold indexes into it. */
  names: string[];
  carrier: Uint16Array;
  origin: Uint16Array;
  destination: Uint16Array;
  /** The JST day it shipped. */
  shipDay: Int32Array;
  /** Days from shipping to delivery. */
  days: Int32Array;
  /** The carrier's published transit days as the order's promise shows them; -1: not known. */
  published: Int16Array;
  /** The late signal it showed before delivery (LATE_SIGNALS index); -1: none. */
  signal: Int8Array;
}

/**
 * Collects deliveries into columns one at a time (the reader keeps no sample object): a
 * delivery with no readable ship or delivery day, or delivered before it shipped, is left out.
 */
export function transitColumnsBuilder(): {
  add(sample: TransitSample): void;
  done(): TransitColumns;
} {
  const nameIndex = new Map<string, number>();
  const name = (n: string) => {
    let i = nameIndex.get(n);
    if (i === undefined) nameIndex.set(n, (i = nameIndex.size));
    return i;
  };
  let c = emptyColumns(1024);
  return {
    add(sample) {
      const shipDay = jstDayOf(sample.shippedAt);
      const deliveredDay = jstDayOf(sample.deliveredAt);
      if (shipDay === null || deliveredDay === null || deliveredDay < shipDay) return;
      if (c.length === c.shipDay.length) c = grown(c);
      const i = c.length++;
      c.carrier[i] = name(sample.carrier);
      c.origin[i] = name(sample.origin);
      c.destination[i] = name(sample.destination);
      c.shipDay[i] = shipDay;
      c.days[i] = deliveredDay - shipDay;
      c.published[i] = sample.placedAt
        ? (publishedTransitDays(sample.placedAt, sample.promisedDate) ?? -1)
        : -1;
      const signal = signalOf(sample);
      c.signal[i] = signal ? LATE_SIGNALS.indexOf(signal) : -1;
    },
    done: () => ({ ...c, names: [...nameIndex.keys()] }),
  };
}

function emptyColumns(capacity: number): TransitColumns {
  return {
    length: 0,
    names: [],
    carrier: new Uint16Array(capacity),
    origin: new Uint16Array(capacity),
    destination: new Uint16Array(capacity),
    shipDay: new Int32Array(capacity),
    days: new Int32Array(capacity),
    published: new Int16Array(capacity),
    signal: new Int8Array(capacity),
  };
}

function grown(c: TransitColumns): TransitColumns {
  const next = emptyColumns(c.shipDay.length * 2);
  for (const key of COLUMNS) next[key].set(c[key]);
  return { ...next, length: c.length };
}

const COLUMNS = [
  'carrier',
  'origin',
  'destination',
  'shipDay',
  'days',
  'published',
  'signal',
] as const;

export function fitDeliveryModel(
  samples: readonly TransitSample[] | TransitColumns,
  now: Date,
): DeliveryModel {
  let c: TransitColumns;
  if (isColumns(samples)) c = samples;
  else {
    const builder = transitColumnsBuilder();
    for (const sample of samples) builder.add(sample);
    c = builder.done();
  }
  const { names } = c;
  // A route's four group keys, made once per route rather than once per delivery.
  const keysOfRoute = new Map<number, string[]>();
  const routeKeys = (i: number) => {
    const route = (c.carrier[i]! * names.length + c.origin[i]!) * names.length + c.destination[i]!;
    let keys = keysOfRoute.get(route);
    if (!keys) {
      keys = groupKeys(names[c.carrier[i]!]!, names[c.origin[i]!]!, names[c.destination[i]!]!);
      keysOfRoute.set(route, keys);
    }
    return keys;
  };
  // Counts per day of transit for each group (its median read from them), not every delivery's
  // days in a list per group.
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < c.length; i++) {
    const days = c.days[i]!;
    for (const key of routeKeys(i)) {
      let counts = byGroup.get(key);
      if (!counts) byGroup.set(key, (counts = []));
      while (counts.length <= days) counts.push(0);
      counts[days]! += 1;
    }
  }
  const typical: DeliveryModel['typical'] = {};
  for (const [key, counts] of byGroup) typical[key] = medianOfCounts(counts);
  // The published transit of each route, as most of its orders' promises show it.
  const votes = new Map<string, Map<number, number>>();
  for (let i = 0; i < c.length; i++) {
    const days = c.published[i]!;
    if (days < 0) continue;
    const route = routeKeys(i)[0] as string;
    let counts = votes.get(route);
    if (!counts) votes.set(route, (counts = new Map()));
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
  for (let i = 0; i < c.length; i++) {
    const carrier = names[c.carrier[i]!]!;
    const destination = names[c.destination[i]!]!;
    const shipDay = c.shipDay[i]!;
    const base = typicalOf({ typical, published }, routeKeys(i)).days;
    const offset = c.days[i]! - base;
    // Every parcel teaches the nothing-seen case (at shipping nobody knows yet); a parcel that
    // showed a signal also teaches that signal's case.
    for (const key of contextKeys(null, shipDay, base, carrier, destination)) count(key, offset);
    const signal = LATE_SIGNALS[c.signal[i]!] ?? null;
    if (signal) {
      for (const key of contextKeys(signal, shipDay, base, carrier, destination)) {
        count(key, offset);
      }
    }
  }
  // Trailing empty bins are dropped: most contexts hold a few days' offsets, and the model
  // crosses threads and is parsed on the core's thread, so its size is paid there.
  for (const bins of Object.values(offsets)) {
    while (bins.length > 0 && bins[bins.length - 1] === 0) bins.pop();
  }
  return { fittedAt: now.toISOString(), samples: c.length, typical, offsets, published };
}

function isColumns(samples: readonly TransitSample[] | TransitColumns): samples is TransitColumns {
  return !Array.isArray(samples);
}

/** The lower median of the days counted (`counts[d]` deliveries took d days), and their number. */
function medianOfCounts(counts: readonly number[]): [days: number, count: number] {
  const n = counts.reduce((a, b) => a + b, 0);
  const middle = Math.floor((n - 1) / 2);
  let seen = 0;
  for (let d = 0; d < counts.length; d++) {
    seen += counts[d]!;
    if (seen > middle) return [d, n];
  }
  return [counts.length - 1, n];
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
 * an announced closure of its region (the retailer's region events) with its reason, for the
 * estimate.
 */
export function deliverySignalsAt(
  parcel: { events: readonly ScanLine[]; destination: string },
  now: number,
  closures: readonly RegionClosure[] = [],
): {
  lateSignal: LateSignal | null;
  closedUntilDay: number | null;
  closureReason: string | null;
} {
  const nowDay = jstDayOf(now) as number;
  const closure = activeClosure(closures, regionOf(parcel.destination), now, nowDay);
  return {
    lateSignal: lateSignalAt({ events: parcel.events, atMs: now, closure: closure !== null }),
    closedUntilDay: closure?.endDay ?? null,
    closureReason: closure?.reason ?? null,
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
      // The closure that holds the parcel: nothing is delivered before the day after it.
      ...(signals.closedUntilDay !== null
        ? {
            closure: {
              endsOn: isoDateOfDay(signals.closedUntilDay),
              ...(signals.closureReason ? { reason: signals.closureReason } : {}),
            },
          }
        : {}),
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
