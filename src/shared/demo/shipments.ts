import type { Carrier, Shipment, ShipmentStatus, TrackingEvent } from '../domain';
import {
  CARRIERS,
  eventDescription,
  locationName,
  trackingNumber,
  type DelayCause,
  type EventKind,
  type Site,
} from './carriers';
import { carrierEstimateDayAsOf } from '../guidance/carrier-estimate';
import { isCarrierPeakDay } from '../guidance/late-signals';
import { prefectureNamed, shippingDistanceKm, type Prefecture } from './prefectures';
import { closureCovering } from './region-closures';
import { WeightedTable, type Random } from './random';
import {
  HOUR_MS,
  dayOfMonth,
  isoDateOfDay,
  isoInstant,
  jstDay,
  jstInstant,
  monthOfDay,
} from './time';

/**
 * How a parcel travels, as a process with structure plus noise, because a later feature fits a
 * delivery-date model on this data: transit days follow from the carrier's reach and the road
 * distance between the fulfillment center and the customer's prefecture; lateness comes from the
 * warehouse (late picking, closed on Sundays) and from the carrier, more often in the year-end
 * peak, in snow country in winter, and in the south in typhoon season.
 */
export interface FulfillmentCenter extends Site {
  prefecture: Prefecture;
}

function center(prefectureName: string, city: string, cityEn: string): FulfillmentCenter {
  const prefecture = prefectureNamed(prefectureName);
  return { prefecture, city, cityEn, nameEn: prefecture.nameEn };
}

/** The retailer's warehouses; 市川 is the main one and holds the full range. */
export const FULFILLMENT_CENTERS: readonly FulfillmentCenter[] = [
  center('千葉県', '市川', 'Ichikawa'),
  center('愛知県', '小牧', 'Komaki'),
  center('大阪府', '茨木', 'Ibaraki'),
  center('福岡県', '粕屋', 'Kasuya'),
];

const MAIN_CENTER = FULFILLMENT_CENTERS[0] as FulfillmentCenter;

/** The nearest center has the stock most of the time; otherwise it ships from 市川. */
export function chooseFulfillmentCenter(
  random: Random,
  destination: Prefecture,
): FulfillmentCenter {
  if (random.chance(0.3)) return MAIN_CENTER;
  let best = MAIN_CENTER;
  let bestKm = Infinity;
  for (const fc of FULFILLMENT_CENTERS) {
    const km = shippingDistanceKm(fc.prefecture, destination);
    if (km < bestKm) [best, bestKm] = [fc, km];
  }
  return best;
}

const CORE_REGIONS = new Set(['kanto', 'chubu', 'kinki']);

/** The carrier's published transit days (what the retailer's promise is built on). */
export function standardTransitDays(carrier: Carrier, from: Prefecture, to: Prefecture): number {
  const km = shippingDistanceKm(from, to);
  const reach = CARRIERS[carrier].nextDayReachKm;
  let days = km <= reach ? 1 : km <= 2 * reach ? 2 : 3;
  // Okinawa is reached by sea or air: one more day from anywhere else.
  if ((from.region === 'okinawa') !== (to.region === 'okinawa')) days += 1;
  // UPS and FedEx hand domestic parcels outside the core regions to a partner.
  if (!CARRIERS[carrier].reportsInJapanese && !CORE_REGIONS.has(to.region)) days += 1;
  return days;
}

const SNOW_COUNTRY = new Set([
  '北海道',
  '青森県',
  '秋田県',
  '岩手県',
  '山形県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
]);
const TYPHOON_REGIONS = new Set(['okinawa', 'kyushu', 'shikoku']);

/** The chance the carrier loses days in transit, by season and route. */
export function carrierDelayRate(
  carrier: Carrier,
  to: Prefecture,
  shipDay: number,
  km: number,
): number {
  const month = monthOfDay(shipDay);
  const date = dayOfMonth(shipDay);
  let rate = CARRIERS[carrier].baseDelayRate;
  // 年末 peak (sales, お歳暮) from late November, and お盆 in mid-August.
  if ((month === 11 && date >= 20) || month === 12 || (month === 8 && date >= 10 && date <= 20)) {
    rate *= 2.2;
  }
  if ((month === 12 || month <= 2) && SNOW_COUNTRY.has(to.name)) rate *= 2;
  if ((month === 8 || month === 9) && TYPHOON_REGIONS.has(to.region)) rate *= 2;
  if (km > 1000) rate *= 1.3;
  return Math.min(rate, 0.6);
}

// Extra days the warehouse takes beyond its same-day cutoff promise.
const HANDLING_DELAY = new WeightedTable([
  [0, 55],
  [1, 37],
  [2, 6],
  [3, 2],
] as const);

const CARRIER_DELAY_DAYS = new WeightedTable([
  [1, 60],
  [2, 25],
  [3, 10],
  [4, 3],
  [6, 1.5],
  [9, 0.5], // the heavy tail: a parcel stuck at a hub for a week
] as const);

// Days a parcel stuck at a hub waits for a trunk line.
const STALL_DAYS = new WeightedTable([
  [2, 45],
  [3, 30],
  [4, 15],
  [5, 10],
] as const);

// Islands and mountain villages some addresses in these prefectures lie in (離島・山間地).
const REMOTE_PREFECTURES = new Set([
  '北海道',
  '長野県',
  '岐阜県',
  '奈良県',
  '高知県',
  '長崎県',
  '鹿児島県',
  '沖縄県',
  '東京都',
]);

const DELIVERED_TO = new WeightedTable([
  ['door', 70],
  ['box', 18],
  ['okihai', 12],
] as const);

/** Sunday, given JST day numbers (1970-01-01 was a Thursday). */
function isSunday(day: number): boolean {
  return (day + 4) % 7 === 0;
}

const HUBS = ['北海道', '宮城県', '東京都', '愛知県', '大阪府', '広島県', '福岡県'].map(
  prefectureNamed,
);

const hubs = new Map<string, Prefecture | null>();

function hubBetween(from: Prefecture, to: Prefecture): Prefecture | null {
  const key = from.name + to.name;
  let hub = hubs.get(key);
  if (hub === undefined) hubs.set(key, (hub = nearestHub(from, to)));
  return hub;
}

function nearestHub(from: Prefecture, to: Prefecture): Prefecture | null {
  const lat = (from.lat + to.lat) / 2;
  const lon = (from.lon + to.lon) / 2;
  let best: Prefecture | null = null;
  let bestD = Infinity;
  for (const hub of HUBS) {
    if (hub === from || hub === to) continue;
    const d = (hub.lat - lat) ** 2 + (hub.lon - lon) ** 2;
    if (d < bestD) [best, bestD] = [hub, d];
  }
  return best;
}

export interface ShipmentInput {
  id: string;
  orderId: string;
  /** Global shipment sequence, for a unique tracking number. */
  index: number;
  carrier: Carrier;
  origin: FulfillmentCenter;
  destination: Prefecture;
  placedMs: number;
  nowMs: number;
  /** Extra chances of the rare outcomes (an address that changed, a risky account). */
  returnToSenderRate: number;
  lostRate: number;
}

export interface SimulatedShipment {
  /** Null while the parcel has not left the warehouse. */
  shipment: Shipment | null;
  /** Late against the promise (delivered late, running late, or lost). */
  late: boolean;
  promisedDay: number;
  /** When the delivery really happens or happened (also for parcels still in transit). */
  deliveredMs: number;
  delivered: boolean;
  /** When the lateness became visible (a delay scan or an estimate after the promise). */
  delayKnownMs: number | null;
  shippedMs: number;
  outForDeliveryMs: number | null;
}

interface PendingEvent {
  at: number;
  kind: EventKind;
  status: ShipmentStatus;
  site: Site;
  place: 'origin' | 'hub' | 'destination';
  cause?: DelayCause;
  deliveredTo?: 'door' | 'box' | 'okihai';
}

/** Simulates one parcel from label to doorstep and reports what the carrier shows at `now`. */
export function simulateShipment(random: Random, input: ShipmentInput): SimulatedShipment {
  const { carrier, origin, destination, placedMs, nowMs } = input;
  const orderDay = jstDay(placedMs);
  const placedHour = (placedMs - jstInstant(orderDay, 0)) / HOUR_MS;
  const afterCutoff = placedHour >= 14;
  const km = shippingDistanceKm(origin.prefecture, destination);
  const standard = standardTransitDays(carrier, origin.prefecture, destination);
  const promisedDay = orderDay + (afterCutoff ? 2 : 1) + standard;

  let shipDay = orderDay + (afterCutoff ? 1 : 0) + HANDLING_DELAY.pick(random);
  // The warehouse runs a skeleton crew on Sundays: half the parcels wait for Monday.
  if (isSunday(shipDay) && random.chance(0.5)) shipDay += 1;
  const shippedMs = Math.max(jstInstant(shipDay, 15 + 4 * random.next()), placedMs + 2 * HOUR_MS);
  const registeredMs = Math.max(
    shippedMs - (1 + 3 * random.next()) * HOUR_MS,
    placedMs + HOUR_MS / 3,
  );

  // The parcel's own luck first (a good run, a day early), then the causes of delay a desk can
  // see, each with its own noise; a small remainder of delays stays unexplained.
  let deliverDay = shipDay + standard;
  if (standard >= 2 && random.chance(0.08)) deliverDay -= 1;
  const baseDay = deliverDay;
  const rate = carrierDelayRate(carrier, destination, shipDay, km);
  let cause: DelayCause | undefined;
  let addressDays = 0;
  let remoteDays = 0;
  // A weather closure of the destination region holds every parcel due there until it lifts.
  const closure = closureCovering(destination.region, baseDay);
  if (closure && closure.startDay > shipDay) {
    deliverDay = closure.endDay + 1 + (random.chance(0.3) ? 1 : 0);
    cause = 'weather';
  }
  // The carriers' peaks: a parcel shipped on one waits a day or two more often, and the
  // carrier scans the delay for half of those.
  const peak = isCarrierPeakDay(shipDay);
  if (peak && random.chance(0.3)) {
    deliverDay += random.chance(0.7) ? 1 : 2;
    if (random.chance(0.5)) cause ??= 'congestion';
  }
  // Stuck at the hub: the trail stops at the hub scan and no delay is scanned.
  const hubbed = km > 300;
  if (hubbed && random.chance(rate * 0.6)) deliverDay += STALL_DAYS.pick(random);
  // Islands and mountain villages: a transfer to a remote-area service, one or two days more.
  if (REMOTE_PREFECTURES.has(destination.name) && random.chance(0.15)) {
    remoteDays = random.chance(0.7) ? 1 : 2;
    deliverDay += remoteDays;
  }
  // An address the driver cannot find: held at the depot until the customer confirms it.
  if (random.chance(0.006)) {
    addressDays = random.int(2, 4);
    deliverDay += addressDays;
  }
  // What stays unexplained: an ordinary delay, scanned or not.
  if (random.chance(rate * 0.5)) {
    deliverDay += CARRIER_DELAY_DAYS.pick(random);
    if (random.chance(0.6)) cause ??= random.chance(0.5) ? 'traffic' : 'sorting';
  }
  // The partners that carry UPS and FedEx parcels the last mile do not deliver on Sundays.
  if (!CARRIERS[carrier].reportsInJapanese && isSunday(deliverDay)) deliverDay += 1;
  const deliveredMs = jstInstant(deliverDay, 9 + 12 * random.next());
  const departedMs = shippedMs + (2 + 3 * random.next()) * HOUR_MS;
  // Overnight line-haul: half the parcels reach the delivering depot the evening before.
  let outMs = random.chance(0.5)
    ? jstInstant(deliverDay - 1, 20 + 3.8 * random.next())
    : jstInstant(deliverDay, 6 + 2.5 * random.next());
  outMs = Math.max(outMs, departedMs + HOUR_MS);
  // The scans in between follow the parcel's schedule before any stall or hold.
  const plannedOutMs = Math.max(Math.min(outMs, jstInstant(baseDay, 7)), departedMs + HOUR_MS);

  const originSite: Site = origin;
  const events: PendingEvent[] = [
    {
      at: registeredMs,
      kind: 'registered',
      status: 'label_created',
      site: originSite,
      place: 'origin',
    },
    { at: shippedMs, kind: 'accepted', status: 'in_transit', site: originSite, place: 'origin' },
    {
      at: departedMs,
      kind: 'departed',
      status: 'in_transit',
      site: origin.prefecture,
      place: 'hub',
    },
  ];
  const hub = hubbed ? hubBetween(origin.prefecture, destination) : null;
  if (hub) {
    const at = departedMs + (plannedOutMs - departedMs) * (0.3 + 0.2 * random.next());
    events.push({ at, kind: 'hub', status: 'in_transit', site: hub, place: 'hub' });
  }
  let scanMs: number | null = null;
  if (cause === 'weather' && closure) {
    // The carrier scans the closure on its first morning, or when the parcel reaches the region.
    scanMs = Math.max(jstInstant(closure.startDay, 8 + 3 * random.next()), departedMs + HOUR_MS);
  } else if (cause) {
    scanMs = departedMs + (plannedOutMs - departedMs) * (0.6 + 0.2 * random.next());
  }
  if (cause && scanMs !== null) {
    events.push({
      at: scanMs,
      kind: 'delayed',
      status: 'delayed',
      site: hub ?? destination,
      place: hub ? 'hub' : 'destination',
      cause,
    });
  }
  if (remoteDays > 0) {
    events.push({
      at: departedMs + (plannedOutMs - departedMs) * (0.85 + 0.1 * random.next()),
      kind: 'remote_transfer',
      status: 'in_transit',
      site: destination,
      place: 'destination',
    });
  }
  if (addressDays > 0) {
    const at = Math.max(
      jstInstant(deliverDay - addressDays, 10 + 6 * random.next()),
      departedMs + HOUR_MS,
    );
    events.push({
      at,
      kind: 'address_problem',
      status: 'delayed',
      site: destination,
      place: 'destination',
    });
    scanMs ??= at;
  }

  const nowDay = jstDay(nowMs);
  const lost = random.chance(input.lostRate) && promisedDay + 4 <= nowDay;
  const returned = !lost && random.chance(input.returnToSenderRate);
  if (lost) {
    const at = Math.min(
      jstInstant(promisedDay + random.int(1, 3), 10 + 7 * random.next()),
      nowMs - HOUR_MS,
    );
    events.push({
      at: Math.max(at, departedMs + HOUR_MS),
      kind: 'lost',
      status: 'lost',
      site: destination,
      place: 'destination',
    });
  } else {
    events.push({
      at: outMs,
      kind: 'out_for_delivery',
      status: 'out_for_delivery',
      site: destination,
      place: 'destination',
    });
    events.push(
      returned
        ? {
            at: deliveredMs,
            kind: 'returned',
            status: 'returned_to_sender',
            site: destination,
            place: 'destination',
          }
        : {
            at: deliveredMs,
            kind: 'delivered',
            status: 'delivered',
            site: destination,
            place: 'destination',
            deliveredTo: DELIVERED_TO.pick(random),
          },
    );
  }
  events.sort((a, b) => a.at - b.at);
  // A lost parcel's trail stops at the investigation.
  if (lost) events.splice(events.findIndex((e) => e.kind === 'lost') + 1);
  // Tracking pages show at most six lines here; the warehouse's own scans go first.
  if (events.length > 6) events.splice(2, 1);
  while (events.length > 6) events.splice(0, 1);

  // Events are sorted: what the carrier shows at `now` is a prefix.
  let visibleCount = 0;
  while (visibleCount < events.length && (events[visibleCount] as PendingEvent).at <= nowMs) {
    visibleCount++;
  }
  const late = lost || deliverDay > promisedDay;
  // When the lateness could be known: the carrier's delay scan, or the evening before the
  // promise for a parcel the warehouse shipped late.
  let delayKnownMs: number | null = late
    ? (scanMs ??
      Math.min(Math.max(shippedMs, jstInstant(promisedDay - 1, 18)), deliveredMs - HOUR_MS))
    : null;
  // Results are built field by field: object spread here measured at over half the cost of
  // the whole simulation (V8's clone path), which matters three million times.
  const outForDeliveryMs = lost ? null : outMs;
  if (visibleCount < 2) {
    return {
      shipment: null,
      late,
      promisedDay,
      deliveredMs,
      delivered: false,
      delayKnownMs: null,
      shippedMs,
      outForDeliveryMs,
    };
  }

  const last = events[visibleCount - 1] as PendingEvent;
  let status: ShipmentStatus = last.status;
  let estimatedDay: number | null = null;
  if (status === 'in_transit' || status === 'out_for_delivery' || status === 'delayed') {
    // The carrier's estimate: its published day, moved to the day after a delay scan (carrier-estimate.ts).
    estimatedDay = carrierEstimateDayAsOf(
      shipDay + standard,
      events
        .slice(0, visibleCount)
        .map((e) => ({ status: e.status, occurredAt: isoInstant(e.at) })),
      nowMs,
    );
    if (estimatedDay > promisedDay) {
      status = 'delayed';
      delayKnownMs = Math.min(delayKnownMs ?? nowMs, nowMs);
    } else {
      if (status === 'delayed') status = 'in_transit';
      delayKnownMs = null; // late in truth, but nobody can know it yet
    }
  } else if (status === 'delivered') {
    estimatedDay = deliverDay;
  }
  if (delayKnownMs !== null && delayKnownMs > nowMs) delayKnownMs = null;

  const trackingEvents: TrackingEvent[] = events.slice(0, visibleCount).map((e) => ({
    occurredAt: isoInstant(e.at),
    status: e.status,
    location: locationName(carrier, e.site, e.place),
    description: eventDescription(carrier, e.kind, e),
  }));

  const shipment: Shipment = {
    id: input.id,
    orderId: input.orderId,
    carrier,
    trackingNumber: trackingNumber(carrier, input.index),
    status,
    shippedAt: isoInstant(shippedMs),
    promisedDate: isoDateOfDay(promisedDay),
    estimatedDate: estimatedDay === null ? null : isoDateOfDay(estimatedDay),
    deliveredAt: status === 'delivered' ? isoInstant(deliveredMs) : null,
    originPrefecture: origin.prefecture.name,
    destinationPrefecture: destination.name,
    events: trackingEvents,
    updatedAt: isoInstant(last.at),
  };
  const delivered = status === 'delivered';
  return {
    shipment,
    late,
    promisedDay,
    deliveredMs,
    delivered,
    delayKnownMs,
    shippedMs,
    outForDeliveryMs,
  };
}
