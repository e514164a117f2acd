import { CALL_FEATURES, type CallFeature, type CustomerCard } from '../../../shared/domain';
import { jstDayOf } from '../../../shared/guidance/calendar';
import {
  isOpenClaim,
  isRefundPending,
  shipmentDelay,
} from '../../../shared/guidance/order-signals';

/**
 * The customer's situation at a moment, as the facts the call-reason model reads. The same
 * function reads a live card at screen pop and a card rebuilt as of a past call for training
 * (see card-as-of.ts), so what the model learned from is what it sees.
 */
export type CallFacts = Record<Exclude<CallFeature, 'previous_reason'>, number> & {
  /** The reason of the latest contact within 30 days, if any. */
  previous_reason: string | null;
};

const HOUR_MS = 3_600_000;
export const PREVIOUS_REASON_DAYS = 30;
const RECENT_DAYS = 14;

const FINISHED = new Set(['delivered', 'returned_to_sender', 'lost']);

/** A customer with nothing to say: every fact 0, no earlier reason. What `callFacts` starts from. */
export const NO_CALL_FACTS: Readonly<CallFacts> = {
  ...(Object.fromEntries(CALL_FEATURES.map((f) => [f, 0])) as Record<CallFeature, number>),
  previous_reason: null,
};

export function callFacts(card: CustomerCard, now: Date | number): CallFacts {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const nowDay = jstDayOf(nowMs) as number;
  const facts: CallFacts = {
    ...NO_CALL_FACTS,
    tier_silver: card.customer.tier === 'silver' ? 1 : 0,
    tier_gold: card.customer.tier === 'gold' ? 1 : 0,
    tier_vip: card.customer.tier === 'vip' ? 1 : 0,
    english_speaker: card.customer.language === 'en' ? 1 : 0,
    no_orders: card.orders.length === 0 ? 1 : 0,
  };

  let deliveredAgo = Infinity;
  for (const s of card.shipments) {
    const delay = shipmentDelay(s, nowDay);
    if (s.status === 'lost') {
      const day = jstDayOf(s.updatedAt);
      if (day !== null && nowDay - day <= RECENT_DAYS) facts.shipment_lost = 1;
      continue;
    }
    if (s.status === 'returned_to_sender') {
      const day = jstDayOf(s.updatedAt);
      if (day !== null && nowDay - day <= RECENT_DAYS) facts.returned_to_sender = 1;
      continue;
    }
    if (delay.delivered && s.deliveredAt) {
      const day = jstDayOf(s.deliveredAt);
      if (day !== null && nowDay >= day) deliveredAgo = Math.min(deliveredAgo, nowDay - day);
      continue;
    }
    if (FINISHED.has(s.status)) continue;
    if (delay.daysLate > 0) facts.days_late = Math.max(facts.days_late, delay.daysLate);
    else if (s.status === 'delayed' || s.events.some((e) => e.status === 'delayed')) {
      facts.delay_reported = 1;
    } else facts.in_transit = 1;
  }
  if (deliveredAgo <= 3) facts.delivered_0_3_days = 1;
  else if (deliveredAgo <= 7) facts.delivered_4_7_days = 1;

  for (const c of card.claims) {
    if (!isOpenClaim(c)) continue;
    if (c.type === 'not_received') facts.claim_not_received = 1;
    else if (c.type === 'damaged') facts.claim_damaged = 1;
    else facts.claim_wrong_item = 1;
  }
  for (const r of card.returns) {
    const moving = r.status === 'requested' || r.status === 'approved' || r.status === 'in_transit';
    if (moving || r.status === 'received') {
      if (r.kind === 'exchange') facts.exchange_in_progress = 1;
      else facts.return_in_progress = 1;
    }
    if ((r.status === 'received' || r.status === 'completed') && isRefundPending(r)) {
      facts.refund_pending = 1;
    }
  }
  for (const o of card.orders) {
    if (o.status !== 'placed' && o.status !== 'paid') continue;
    const hours = (nowMs - Date.parse(o.placedAt)) / HOUR_MS;
    if (hours < 0) continue;
    if (hours <= 12) facts.order_within_12_hours = 1;
    if (hours <= 48) facts.order_within_48_hours = 1;
  }
  for (const n of card.notices) {
    if (n.kind !== 'delay') continue;
    const day = jstDayOf(n.sentAt);
    if (day !== null && nowDay - day >= 0 && nowDay - day <= RECENT_DAYS) {
      facts.delay_notice_sent = 1;
    }
  }
  let latest = -Infinity;
  for (const c of card.contacts) {
    const at = Date.parse(c.occurredAt);
    if (!c.reasonCode || at >= nowMs || at <= latest) continue;
    if (nowMs - at > PREVIOUS_REASON_DAYS * 24 * HOUR_MS) continue;
    latest = at;
    facts.previous_reason = c.reasonCode;
  }
  return facts;
}

/**
 * The model's input columns for these facts, before the per-reason `previous:` columns: a bias,
 * days late as two columns (whether, and how much), then the yes/no facts in their shared order.
 */
export const BASE_COLUMNS: readonly string[] = [
  'bias',
  'late',
  'late_days',
  ...CALL_FEATURES.filter((f) => f !== 'days_late' && f !== 'previous_reason'),
];

/**
 * The numeric row: `late` says whether a parcel is overdue and `late_days` how much (capped at
 * five days, scaled to 0–1), then one column per yes/no fact, then one per reason the customer
 * may have contacted about before (`labels` order).
 */
export function featureRow(facts: CallFacts, labels: readonly string[]): number[] {
  const row: number[] = [
    1,
    facts.days_late > 0 ? 1 : 0,
    Math.min(facts.days_late, 5) / 5,
    facts.delay_reported,
    facts.shipment_lost,
    facts.in_transit,
    facts.delivered_0_3_days,
    facts.delivered_4_7_days,
    facts.returned_to_sender,
    facts.claim_not_received,
    facts.claim_damaged,
    facts.claim_wrong_item,
    facts.return_in_progress,
    facts.exchange_in_progress,
    facts.refund_pending,
    facts.order_within_12_hours,
    facts.order_within_48_hours,
    facts.tier_silver,
    facts.tier_gold,
    facts.tier_vip,
    facts.english_speaker,
    facts.delay_notice_sent,
    facts.no_orders,
  ];
  for (const label of labels) row.push(facts.previous_reason === label ? 1 : 0);
  return row;
}
