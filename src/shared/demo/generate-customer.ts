import type { CustomerTier } from '../domain';
import type { CustomerRecord, RetailerRecord } from '../protocol/records';
import { customerProfileRecord } from './customer-record';
import { generateProfile, type Reserved } from './customer-profile';
import { customerId, type Sequences } from './ids';
import { generateInteractions } from './interactions';
import { ORDERS_PER_CUSTOMER, generateOrderHistory, type OrderFacts } from './order-history';
import { Random, hashInts } from './random';
import { DAY_MS, isoInstant } from './time';

/** Cumulative spend thresholds (yen) of the tiers, as the knowledge base states them. */
export const TIER_THRESHOLDS: readonly (readonly [CustomerTier, number])[] = [
  ['vip', 500_000],
  ['gold', 150_000],
  ['silver', 50_000],
  ['standard', 0],
];

export function tierFor(lifetimeValue: number): CustomerTier {
  return (TIER_THRESHOLDS.find(([, min]) => lifetimeValue >= min) ?? ['standard'])[0];
}

/**
 * Orders of the generated customer at `index`, from its own hash: known without generating
 * anything, so the planned counts of a size are exact.
 */
export function orderCountOf(seed: number, index: number): number {
  return ORDERS_PER_CUSTOMER.at(hashInts(seed, index, 0x6f7264) / 4294967296);
}

export interface CustomerContext {
  seed: number;
  nowMs: number;
  seq: Sequences;
  reserved: Reserved;
}

/**
 * One generated customer and everything about them, in dependency order. Each customer draws
 * from its own PRNG (seeded by seed and index), so customer 17 is the same in every size.
 */
export function generateCustomerRecords(
  ctx: CustomerContext,
  index: number,
  out: RetailerRecord[],
): void {
  const { nowMs, seq } = ctx;
  const random = new Random(hashInts(ctx.seed, index));
  const id = customerId(index);
  const profile = generateProfile(random, index, ctx.reserved);
  const history = generateOrderHistory(random, seq, {
    customerId: id,
    language: profile.language,
    destination: profile.prefecture,
    flags: profile.flags,
    orderCount: orderCountOf(ctx.seed, index),
    nowMs,
  });

  const lifetimeValue = lifetimeValueOf(random, history);
  const tier = tierFor(lifetimeValue);
  const firstOrderMs =
    history.length > 0 ? Date.parse((history[0] as OrderFacts).order.placedAt) : nowMs;
  const createdMs =
    Math.min(firstOrderMs - random.next() * 200 * DAY_MS, nowMs - DAY_MS) -
    (history.length === 0 ? random.next() * 900 * DAY_MS : 0);
  const lastOrderMs =
    history.length > 0
      ? Date.parse((history[history.length - 1] as OrderFacts).order.placedAt)
      : createdMs;
  const updatedMs = profile.flags.includes('address_changed_recently')
    ? Math.max(createdMs, nowMs - (1 + 13 * random.next()) * DAY_MS)
    : Math.max(createdMs, lastOrderMs);

  const { contacts, notices } = generateInteractions(random, seq, history, {
    customerId: id,
    language: profile.language,
    tier,
    flags: profile.flags,
    createdMs,
    nowMs,
  });

  const customer: CustomerRecord = customerProfileRecord(id, profile, {
    tier,
    lifetimeValue,
    createdAt: isoInstant(createdMs),
    updatedAt: isoInstant(updatedMs),
  });
  out.push({ type: 'customer', data: customer });
  for (const f of history) out.push({ type: 'order', data: f.order });
  for (const f of history)
    if (f.shipment?.shipment) out.push({ type: 'shipment', data: f.shipment.shipment });
  for (const f of history) if (f.returnRequest) out.push({ type: 'return', data: f.returnRequest });
  for (const f of history) if (f.claim) out.push({ type: 'claim', data: f.claim });
  for (const c of contacts) out.push({ type: 'contact', data: c });
  for (const n of notices) out.push({ type: 'notice', data: n });
}

/**
 * Spend we can see (kept orders, less refunds) plus what the customer spent before the
 * two-year window: a log-normal multiple, so a few long-time regulars become VIPs.
 */
function lifetimeValueOf(random: Random, history: readonly OrderFacts[]): number {
  let visible = 0;
  for (const f of history) {
    if (f.cancelled) continue;
    visible += f.order.total;
    if (f.returnRequest?.refundStatus === 'refunded') visible -= f.returnRequest.amount;
  }
  const before =
    history.length === 0
      ? random.next() * 30_000
      : visible * Math.exp(-0.9 + 1.6 * random.normal());
  return Math.max(0, Math.round(visible + before));
}
