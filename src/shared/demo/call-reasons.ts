import type { Contact, CustomerTier, Language } from '../domain';
import { claimReason } from '../guidance/order-signals';
import type { OrderFacts } from './order-history';
import type { Random } from './random';
import { DAY_MS, HOUR_MS, jstDay } from './time';

/**
 * Why a customer calls, as a generating process: each reason has a base rate, and the
 * customer's situation at the moment of the call shifts it (a parcel past its promise, a return
 * on its way, a refund still owed, an order placed an hour ago, their tier, what they called
 * about last time). The reason is then drawn from the softmax of those scores, so the same
 * situation gives different reasons on different calls: a learned model can recover the
 * structure, and no rule set can be right every time. Koe's call-reason model is fitted and
 * evaluated on contacts drawn this way; nothing here is visible to it.
 */
export interface CallerState {
  /** Whole days the most overdue open parcel is past its promise (0: none). */
  daysLate: number;
  /** The carrier has reported a delay on an open parcel not yet past its promise. */
  delayKnown: boolean;
  /** An open parcel on its way and on time. */
  inTransit: boolean;
  /** Days since the most recent delivery, when within a week; null otherwise. */
  deliveredDaysAgo: number | null;
  returnOpen: 'return' | 'exchange' | null;
  refundPending: boolean;
  claimOpen: 'not_received' | 'damaged' | 'wrong_item' | null;
  /** Hours since the latest order, when within two days and not yet shipped; null otherwise. */
  unshippedOrderHours: number | null;
  tier: CustomerTier;
  language: Language;
  /** The reason of the customer's latest contact within 30 days, if any. */
  previousReason: string | null;
  /** The order the situation is about (for the contact's order and words). */
  focus: OrderFacts | null;
}

/** log of the base weights: what customers call about when nothing in particular happened. */
const BASE: Record<string, number> = {
  'product.question': 22,
  'billing.invoice': 9,
  'billing.payment': 7,
  'account.update': 8,
  'account.login': 7,
  'delivery.change': 6,
  'order.cancel': 4,
  'order.change': 4,
  'product.defect': 4,
  'product.stock': 5,
  'billing.double_charge': 2,
  'returns.request': 4,
  'delivery.wismo': 3,
  'delivery.late': 0.5,
  'delivery.not_received': 0.7,
  'delivery.damaged': 0.5,
  'returns.status': 0.8,
  'returns.refund': 0.8,
  'returns.exchange': 0.6,
  other: 5,
};

export const CALL_REASON_CODES = Object.keys(BASE);

/** The score of every reason for a caller in this state (before the softmax draw). */
export function callReasonScores(state: CallerState): Map<string, number> {
  const scores = new Map(CALL_REASON_CODES.map((code) => [code, Math.log(BASE[code] ?? 1)]));
  const add = (code: string, amount: number) => scores.set(code, (scores.get(code) ?? 0) + amount);
  if (state.daysLate > 0) {
    add('delivery.late', 2.6 + 0.35 * Math.min(state.daysLate, 5));
    add('delivery.wismo', 1.6);
    add('order.cancel', 0.9);
  } else if (state.delayKnown) {
    add('delivery.late', 2.2);
    add('delivery.wismo', 1.8);
  } else if (state.inTransit) {
    add('delivery.wismo', 1.2);
    add('delivery.change', 1.4);
  }
  if (state.deliveredDaysAgo !== null) {
    const fresh = state.deliveredDaysAgo <= 3;
    add('delivery.not_received', fresh ? 1.6 : 0.4);
    add('delivery.damaged', fresh ? 1.4 : 0.3);
    add('product.defect', fresh ? 1.0 : 1.2);
    add('returns.request', fresh ? 1.2 : 1.6);
    add('product.question', 0.4);
  }
  if (state.returnOpen === 'exchange') add('returns.exchange', 2.6);
  if (state.returnOpen !== null) add('returns.status', 2.2);
  if (state.refundPending) add('returns.refund', 3.0);
  if (state.claimOpen) add(claimReason(state.claimOpen), 2.8);
  if (state.unshippedOrderHours !== null) {
    const fresh = state.unshippedOrderHours < 12;
    add('order.change', fresh ? 2.2 : 1.4);
    add('order.cancel', fresh ? 2.0 : 1.2);
    add('billing.payment', 0.9);
    add('delivery.wismo', fresh ? 0 : 1.2);
  }
  // Valued customers buy more, ask about stock and change orders; newer ones lose passwords.
  if (state.tier === 'gold' || state.tier === 'vip') {
    add('product.stock', 0.9);
    add('order.change', 0.6);
    add('account.login', -0.6);
  } else if (state.tier === 'standard') {
    add('account.login', 0.5);
    add('account.update', 0.3);
  }
  if (state.language === 'en') add('billing.payment', 0.5);
  // Whoever called about something recently often calls about it again.
  if (state.previousReason !== null && scores.has(state.previousReason)) {
    add(state.previousReason, 1.3);
  }
  return scores;
}

export function drawCallReason(random: Random, state: CallerState): string {
  const scores = callReasonScores(state);
  let total = 0;
  const weights: [string, number][] = [];
  for (const [code, score] of scores) {
    const w = Math.exp(score);
    total += w;
    weights.push([code, w]);
  }
  let target = random.next() * total;
  for (const [code, w] of weights) {
    target -= w;
    if (target < 0) return code;
  }
  return 'other';
}

/** What the customer's orders looked like at `atMs`, from the generator's ground truth. */
export function callerStateAt(
  history: readonly OrderFacts[],
  contacts: readonly Contact[],
  atMs: number,
  tier: CustomerTier,
  language: Language,
): CallerState {
  const day = jstDay(atMs);
  const state: CallerState = {
    daysLate: 0,
    delayKnown: false,
    inTransit: false,
    deliveredDaysAgo: null,
    returnOpen: null,
    refundPending: false,
    claimOpen: null,
    unshippedOrderHours: null,
    tier,
    language,
    previousReason: null,
    focus: null,
  };
  let focusScore = 0;
  const focus = (facts: OrderFacts, score: number) => {
    if (score > focusScore) [state.focus, focusScore] = [facts, score];
  };
  for (const facts of history) {
    const placedMs = Date.parse(facts.order.placedAt);
    if (placedMs > atMs) continue;
    const sim = facts.shipment;
    if (!facts.cancelled && (!sim || sim.shippedMs > atMs)) {
      const hours = (atMs - placedMs) / HOUR_MS;
      if (hours <= 48) {
        state.unshippedOrderHours = Math.min(state.unshippedOrderHours ?? Infinity, hours);
        focus(facts, 3);
      }
    }
    if (sim && sim.shippedMs <= atMs) {
      const arrived = sim.delivered && sim.deliveredMs <= atMs;
      if (arrived) {
        const ago = day - jstDay(sim.deliveredMs);
        if (ago <= 7 && (state.deliveredDaysAgo === null || ago < state.deliveredDaysAgo)) {
          state.deliveredDaysAgo = ago;
          focus(facts, 2);
        }
      } else if (sim.deliveredMs > atMs || !sim.delivered) {
        const late = day - sim.promisedDay;
        if (late > 0) {
          state.daysLate = Math.max(state.daysLate, late);
          focus(facts, 5 + late);
        } else if (sim.delayKnownMs !== null && sim.delayKnownMs <= atMs) {
          state.delayKnown = true;
          focus(facts, 4);
        } else {
          state.inTransit = true;
          focus(facts, 1);
        }
      }
    }
    const ret = facts.returnRequest;
    if (ret) {
      const requestedMs = Date.parse(ret.requestedAt);
      const settledMs = Date.parse(ret.updatedAt);
      if (requestedMs <= atMs && (atMs < settledMs || ret.status !== 'completed')) {
        if (ret.status !== 'rejected' || atMs < settledMs) {
          state.returnOpen = ret.kind;
          focus(facts, 4);
        }
        // Received at the warehouse (about 5 days in) and the money not yet back.
        if (ret.kind === 'return' && atMs - requestedMs >= 5 * DAY_MS) {
          state.refundPending = true;
          focus(facts, 6);
        }
      }
    }
    const claim = facts.claim;
    if (claim) {
      const openedMs = Date.parse(claim.openedAt);
      const resolvedMs = claim.resolvedAt === null ? Infinity : Date.parse(claim.resolvedAt);
      if (openedMs <= atMs && atMs < resolvedMs) {
        state.claimOpen = claim.type === 'missing_item' ? 'wrong_item' : claim.type;
        focus(facts, 7);
      }
    }
  }
  let latest = -Infinity;
  for (const c of contacts) {
    const at = Date.parse(c.occurredAt);
    if (at < atMs && at > latest && atMs - at <= 30 * DAY_MS && c.reasonCode) {
      latest = at;
      state.previousReason = c.reasonCode;
    }
  }
  return state;
}
