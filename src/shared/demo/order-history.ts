import type {
  Carrier,
  CustomerFlag,
  DeliveryClaim,
  Language,
  Order,
  OrderLine,
  ReturnRequest,
} from '../domain';
import { CARRIERS, CARRIER_CODES } from './carriers';
import { orderNumber, sequenceId, type Sequences } from './ids';
import type { Prefecture } from './prefectures';
import { PRODUCTS, type Product } from './products';
import { WeightedTable, hashInts, type Random } from './random';
import { chooseFulfillmentCenter, simulateShipment, type SimulatedShipment } from './shipments';
import { DAY_MS, HOUR_MS, isoInstant, yymmOf } from './time';

/**
 * One customer's orders and what happened to them: the parcel, a return or exchange, a
 * delivery claim. Orders are placed over the last two years, more of them recently (as a
 * growing shop sees), so most are long delivered and a few are on the road at `now`.
 */
export interface OrderFacts {
  order: Order;
  products: Product[];
  cancelled: boolean;
  shipment: SimulatedShipment | null;
  returnRequest: ReturnRequest | null;
  claim: DeliveryClaim | null;
}

export interface HistoryInput {
  customerId: string;
  language: Language;
  destination: Prefecture;
  flags: readonly CustomerFlag[];
  orderCount: number;
  nowMs: number;
}

// Orders per customer: many one- or two-time buyers, a long tail of regulars (mean ≈ 3.4).
export const ORDERS_PER_CUSTOMER = new WeightedTable([
  [0, 6],
  [1, 22],
  [2, 20],
  [3, 15],
  [4, 11],
  [5, 8],
  [6, 6],
  [7, 4],
  [8, 3],
  [10, 3],
  [12, 1],
  [16, 1],
] as const);

const HISTORY_DAYS = 730;
const GROWTH_DAYS = 365;
const SALE_DAYS = 10;
const SALE_SHARE = 0.08;
const PRODUCT_TABLE = new WeightedTable(PRODUCTS.map((p) => [p, p.weight] as const));
const LINE_COUNT = new WeightedTable([
  [1, 55],
  [2, 28],
  [3, 12],
  [4, 5],
] as const);
const QUANTITY = new WeightedTable([
  [1, 82],
  [2, 14],
  [3, 4],
] as const);

// Evening shopping peaks (JST hour weights, 0–23).
// prettier-ignore
const ORDER_HOUR = new WeightedTable(
  [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 2, 3, 3, 3, 3, 4, 4, 3, 3, 3, 3, 4, 5, 6, 7, 6, 3].map((w, h) => [h, w] as const),
);

/**
 * When orders were placed: a shop growing about 2.7× a year (exponential in days ago, over two
 * years), plus the sale of the last ten days before `now` (the demo's `now` is the week of
 * Black Friday), which puts enough parcels on the road, and late, for the demo to show.
 */
function placedTimes(random: Random, count: number, nowMs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const daysAgo = random.chance(SALE_SHARE)
      ? SALE_DAYS * random.next()
      : -GROWTH_DAYS * Math.log(1 - random.next() * (1 - Math.exp(-HISTORY_DAYS / GROWTH_DAYS)));
    const dayStart = nowMs - (Math.floor(daysAgo) + 1) * DAY_MS;
    const jstMidnight = dayStart - ((dayStart + 9 * HOUR_MS) % DAY_MS);
    const at = jstMidnight + (ORDER_HOUR.pick(random) + random.next()) * HOUR_MS;
    times.push(Math.min(at, nowMs - 10 * 60_000));
  }
  return times.sort((a, b) => a - b);
}

function orderLines(
  random: Random,
  language: Language,
): { lines: OrderLine[]; products: Product[] } {
  const count = LINE_COUNT.pick(random);
  const products: Product[] = [];
  while (products.length < count) {
    const product = PRODUCT_TABLE.pick(random);
    if (!products.includes(product)) products.push(product);
  }
  const lines = products.map((p, i) => ({
    lineNo: i + 1,
    sku: p.sku,
    productName: language === 'ja' ? p.nameJa : p.nameEn,
    quantity: QUANTITY.pick(random),
    unitPrice: p.price,
  }));
  return { lines, products };
}

function chooseCarrier(random: Random, products: readonly Product[], total: number): Carrier {
  const bulky = products.some((p) => p.bulky);
  const imported = products.some((p) => p.category === 'electronics');
  let sum = 0;
  const weights = CARRIER_CODES.map((code) => {
    let w = CARRIERS[code].share;
    if (bulky && code === 'sagawa') w *= 2.5; // large parcels go to Sagawa's B2B network
    if (!bulky && total < 3_000 && code === 'japan_post') w *= 2; // small, cheap: Yu-Packet
    if (imported && (code === 'ups' || code === 'fedex')) w *= 2;
    return (sum += w);
  });
  const target = random.next() * sum;
  return CARRIER_CODES[weights.findIndex((w) => w > target)] ?? 'yamato';
}

export function generateOrderHistory(
  random: Random,
  seq: Sequences,
  input: HistoryInput,
): OrderFacts[] {
  const { nowMs, flags } = input;
  const claimRisk = flags.includes('claim_risk');
  // Return abusers: the flagged ones, and as many again the retailer has not flagged (yet),
  // drawn from a hash of the customer so the customer's own draws are not disturbed.
  const returnRisk =
    flags.includes('return_abuse_risk') || unitHash(input.customerId, 0x72657475) < 0.012;
  const movedRecently = flags.includes('address_changed_recently');
  return placedTimes(random, input.orderCount, nowMs).map((placedMs) => {
    const orderSeq = ++seq.order;
    const id = sequenceId('ord', orderSeq);
    const { lines, products } = orderLines(random, input.language);
    const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    const order: Order = {
      id,
      customerId: input.customerId,
      orderNumber: orderNumber(yymmOf(placedMs), orderSeq),
      placedAt: isoInstant(placedMs),
      status: 'paid',
      total,
      currency: 'JPY',
      lines,
      updatedAt: isoInstant(placedMs + 60_000),
    };
    const facts: OrderFacts = {
      order,
      products,
      cancelled: false,
      shipment: null,
      returnRequest: null,
      claim: null,
    };

    if (random.chance(0.02)) {
      const cancelledMs = Math.min(placedMs + (0.2 + 3 * random.next()) * HOUR_MS, nowMs);
      order.status = 'cancelled';
      order.updatedAt = isoInstant(cancelledMs);
      facts.cancelled = true;
      return facts;
    }

    const carrier = chooseCarrier(random, products, total);
    const recent = nowMs - placedMs < 30 * DAY_MS;
    const shipmentSeq = seq.shipment + 1;
    const sim = simulateShipment(random, {
      id: sequenceId('shp', shipmentSeq),
      orderId: id,
      index: shipmentSeq,
      carrier,
      origin: chooseFulfillmentCenter(random, input.destination),
      destination: input.destination,
      placedMs,
      nowMs,
      // A recent move sends parcels to the old address; that is what the flag warns about.
      returnToSenderRate: movedRecently && recent ? 0.1 : 0.003,
      lostRate: 0.003,
    });
    if (!sim.shipment) return facts; // still in the warehouse
    seq.shipment = shipmentSeq;
    facts.shipment = sim;
    const shipment = sim.shipment;
    order.status = shipment.status === 'delivered' ? 'delivered' : 'shipped';
    order.updatedAt = shipment.updatedAt;

    if (shipment.status === 'delivered') {
      facts.returnRequest = maybeReturn(
        random,
        seq,
        facts,
        sim.deliveredMs,
        nowMs,
        returnRisk,
        input.language,
      );
    }
    if (shipment.status === 'delivered' || shipment.status === 'lost') {
      facts.claim = maybeClaim(random, seq, facts, sim, nowMs, {
        claimRisk,
        movedRecently,
        returnRisk,
      });
    }
    return facts;
  });
}

const RETURN_REASONS = {
  size: { ja: 'サイズが合わない', en: 'Wrong size' },
  image: { ja: 'イメージと違った', en: 'Not as described' },
  defect: { ja: '不良品', en: 'Defective' },
  mistake: { ja: '注文間違い', en: 'Ordered by mistake' },
  damaged: { ja: '到着時に破損', en: 'Damaged on arrival' },
} as const;

function maybeReturn(
  random: Random,
  seq: Sequences,
  facts: OrderFacts,
  deliveredMs: number,
  nowMs: number,
  abuseRisk: boolean,
  language: Language,
): ReturnRequest | null {
  const fashion = facts.products.some((p) => p.category === 'fashion');
  const rate = 0.055 * (abuseRisk ? 4 : 1) * (fashion ? 1.8 : 1);
  if (!random.chance(rate)) return null;
  const requestedMs = deliveredMs + (0.5 + 7 * random.next()) * DAY_MS;
  if (requestedMs > nowMs - HOUR_MS) return null;

  const { order } = facts;
  const kind = random.chance(fashion ? 0.35 : 0.1) ? 'exchange' : 'return';
  const whole = order.lines.length === 1 || random.chance(0.2);
  const line = random.pick(order.lines);
  const amount = whole ? order.total : line.unitPrice * line.quantity;
  const reasonKey =
    fashion && random.chance(0.7)
      ? 'size'
      : random.pick(['image', 'defect', 'mistake', 'damaged'] as const);

  const ageDays = (nowMs - requestedMs) / DAY_MS;
  let status: ReturnRequest['status'];
  let stageDays: number;
  if (ageDays < 1.5) [status, stageDays] = ['requested', 0];
  else if (ageDays < 3) [status, stageDays] = ['approved', 1];
  else if (ageDays < 6) [status, stageDays] = ['in_transit', 2.5];
  else if (ageDays < 9) [status, stageDays] = ['received', 5.5];
  // The retailer rejects what it finds abused (worn, used, swapped) and, now and then, a
  // genuine return: the label the return-abuse score is fitted and measured on.
  else if (random.chance(abuseRisk ? 0.45 : 0.05)) [status, stageDays] = ['rejected', 6];
  else [status, stageDays] = ['completed', 8.5];

  let refundStatus: ReturnRequest['refundStatus'] = 'pending';
  if (kind === 'exchange' || status === 'rejected') refundStatus = 'not_applicable';
  else if (status === 'completed') refundStatus = 'refunded';
  else if (status === 'received')
    refundStatus = random.chance(0.04) ? 'failed' : random.chance(0.5) ? 'processing' : 'pending';

  const updatedMs = Math.min(requestedMs + stageDays * DAY_MS + random.next() * HOUR_MS * 6, nowMs);
  if (kind === 'return' && status === 'completed') {
    order.status = whole ? 'returned' : 'partially_returned';
    order.updatedAt = isoInstant(updatedMs);
  }
  return {
    id: sequenceId('ret', ++seq.return),
    orderId: order.id,
    customerId: order.customerId,
    kind,
    status,
    refundStatus,
    reason: RETURN_REASONS[reasonKey][language],
    amount,
    currency: 'JPY',
    requestedAt: isoInstant(requestedMs),
    updatedAt: isoInstant(updatedMs),
  };
}

const CLAIM_TYPES = new WeightedTable([
  ['not_received', 40],
  ['damaged', 30],
  ['wrong_item', 15],
  ['missing_item', 15],
] as const);

function maybeClaim(
  random: Random,
  seq: Sequences,
  facts: OrderFacts,
  sim: SimulatedShipment,
  nowMs: number,
  risk: { claimRisk: boolean; movedRecently: boolean; returnRisk: boolean },
): DeliveryClaim | null {
  const { claimRisk } = risk;
  const { order } = facts;
  const shipment = sim.shipment;
  if (!shipment) return null;
  const fragile = facts.products.some((p) => p.fragile);
  let type: DeliveryClaim['type'];
  let openedMs: number;
  if (shipment.status === 'lost') {
    if (!random.chance(0.85)) return null;
    type = 'not_received';
    openedMs = Date.parse(shipment.updatedAt) + random.next() * 2 * DAY_MS;
  } else {
    // Risky accounts claim far more often than parcels go missing; fragile goods really break.
    if (!random.chance(0.016 * (claimRisk ? 6 : 1) * (fragile ? 1.5 : 1))) return null;
    type = CLAIM_TYPES.pick(random);
    if (type === 'damaged' && !fragile && random.chance(0.5)) type = 'not_received';
    const multi = order.lines.length > 1 || order.lines.some((l) => l.quantity > 1);
    if (type === 'missing_item' && !multi) type = 'wrong_item';
    openedMs = sim.deliveredMs + (2 + 70 * random.next()) * HOUR_MS;
  }
  if (openedMs > nowMs - HOUR_MS) return null;

  const ageDays = (nowMs - openedMs) / DAY_MS;
  let status: DeliveryClaim['status'] = 'open';
  let outcome: DeliveryClaim['outcome'] = null;
  let resolvedMs: number | null = null;
  if (ageDays >= 2) status = random.chance(0.7) ? 'investigating' : 'open';
  const candidateResolved = openedMs + (3 + 9 * random.next()) * DAY_MS;
  if (ageDays >= 7 && candidateResolved <= nowMs) {
    resolvedMs = candidateResolved;
    // Whether the claim is fraudulent: hidden, with noise, and more likely from a flagged
    // account, a claim the carrier's proof of delivery contradicts, a high-value one, a recent
    // move or a return abuser. The retailer denies most fraud after investigating and a few
    // genuine claims: the denial is the label the claim-risk score is fitted and measured on.
    const contradicted =
      type === 'not_received' && /受領印|写真|signed|photo/.test(deliveredLine(shipment));
    const logit =
      -3.2 +
      2.4 * (claimRisk ? 1 : 0) +
      2.0 * (contradicted ? 1 : 0) +
      0.8 * (order.total >= 30_000 ? 1 : 0) +
      1.0 * (risk.movedRecently ? 1 : 0) +
      0.8 * (risk.returnRisk ? 1 : 0);
    const fraud = unitHash(order.id, 0x66726175) < 1 / (1 + Math.exp(-logit));
    if (random.chance(fraud ? 0.8 : 0.06)) {
      status = 'rejected';
      outcome = 'denied';
    } else {
      status = 'resolved';
      const u = random.next();
      outcome =
        type === 'not_received'
          ? u < 0.4
            ? 'reshipped'
            : u < 0.75
              ? 'refunded'
              : 'found_by_carrier'
          : u < 0.55
            ? 'reshipped'
            : 'refunded';
    }
  }
  const line = random.pick(order.lines);
  const amount = type === 'not_received' ? order.total : line.unitPrice * line.quantity;
  const updatedMs =
    resolvedMs ?? (status === 'investigating' ? Math.min(openedMs + DAY_MS, nowMs) : openedMs);
  return {
    id: sequenceId('clm', ++seq.claim),
    orderId: order.id,
    shipmentId: shipment.id,
    customerId: order.customerId,
    type,
    status,
    outcome,
    amount,
    currency: 'JPY',
    openedAt: isoInstant(openedMs),
    resolvedAt: resolvedMs === null ? null : isoInstant(resolvedMs),
    updatedAt: isoInstant(updatedMs),
  };
}

/** The carrier's delivered line of a shipment ('' when it has none). */
function deliveredLine(shipment: { events: readonly { status: string; description: string }[] }) {
  return shipment.events.find((e) => e.status === 'delivered')?.description ?? '';
}

/** A uniform draw in [0, 1) from an id and a salt: independent of the customer's own stream. */
function unitHash(id: string, salt: number): number {
  let n = 0;
  for (let i = 0; i < id.length; i++) n = (Math.imul(n, 31) + id.charCodeAt(i)) | 0;
  return (hashInts(n, salt) >>> 0) / 4294967296;
}
