import type {
  Contact,
  ContactChannel,
  CustomerFlag,
  CustomerTier,
  Language,
  Notice,
} from '../domain';
import { claimReason } from '../guidance/order-signals';
import { callerStateAt, drawCallReason } from './call-reasons';
import { carrierName } from './carriers';
import { sequenceId, type Sequences } from './ids';
import { contactSummary, formatYen, noticeMessage, type MessageFacts } from './messages';
import type { OrderFacts } from './order-history';
import { WeightedTable, type Random } from './random';
import { DAY_MS, HOUR_MS, isoInstant, jstDay, jstInstant, shortDate } from './time';

/**
 * Past contacts and proactive notices, driven by what happened to the orders: a late parcel
 * makes a call likely (that is the avoidable contact the product exists to remove), a claim is
 * opened on a contact, and the retailer has told some — not all — customers about delays.
 */
export interface InteractionInput {
  customerId: string;
  language: Language;
  tier: CustomerTier;
  flags: readonly CustomerFlag[];
  createdMs: number;
  nowMs: number;
}

const INBOUND_CHANNEL = new WeightedTable<ContactChannel>([
  ['call', 60],
  ['email', 18],
  ['chat', 17],
  ['social', 5],
]);

// Reasons that are about one of the customer's orders.
const ORDER_BOUND = new Set([
  'billing.invoice',
  'delivery.change',
  'order.cancel',
  'order.change',
  'product.defect',
  'billing.double_charge',
  'returns.request',
]);

// Calls beyond those a parcel's fate causes (mean ≈ 0.8): the call-reason model learns from them.
const GENERAL_COUNT = new WeightedTable([
  [0, 45],
  [1, 35],
  [2, 14],
  [3, 6],
] as const);

export function generateInteractions(
  random: Random,
  seq: Sequences,
  history: readonly OrderFacts[],
  input: InteractionInput,
): { contacts: Contact[]; notices: Notice[] } {
  const { language, nowMs } = input;
  const contacts: Contact[] = [];
  const notices: Notice[] = [];

  const contact = (
    atMs: number,
    reasonCode: string,
    facts: MessageFacts,
    orderId: string | null,
    channel: ContactChannel = INBOUND_CHANNEL.pick(random),
    direction: Contact['direction'] = 'inbound',
  ): void => {
    if (atMs > nowMs || atMs < input.createdMs) return;
    contacts.push({
      id: sequenceId('ctc', ++seq.contact),
      customerId: input.customerId,
      orderId,
      channel,
      direction,
      occurredAt: isoInstant(atMs),
      reasonCode,
      summary: contactSummary(random, reasonCode, language, facts),
      updatedAt: isoInstant(Math.min(atMs + (3 + 10 * random.next()) * 60_000, nowMs)),
    });
  };
  const notice = (
    atMs: number,
    kind: Notice['kind'],
    channel: Notice['channel'],
    facts: MessageFacts,
    orderId: string,
  ): void => {
    if (atMs > nowMs) return;
    const sentAt = isoInstant(atMs);
    notices.push({
      id: sequenceId('ntc', ++seq.notice),
      customerId: input.customerId,
      orderId,
      channel,
      kind,
      language,
      sentAt,
      message: noticeMessage(kind, language, facts),
      updatedAt: sentAt,
    });
  };

  const valued = input.tier === 'gold' || input.tier === 'vip';
  for (const facts of history) {
    const { order, shipment: sim, returnRequest, claim } = facts;
    const shipment = sim?.shipment;
    const o = order.orderNumber;
    if (sim && shipment) {
      const c = carrierName(shipment.carrier, language);
      const estimatedDay = shipment.estimatedDate
        ? jstDay(Date.parse(`${shipment.estimatedDate}T12:00:00+09:00`))
        : sim.promisedDay;
      const base: MessageFacts = {
        o,
        c,
        t: shipment.trackingNumber,
        d: shortDate(estimatedDay, language),
      };
      const endMs = shipment.status === 'delivered' ? sim.deliveredMs : nowMs;

      if (random.chance(0.4)) {
        notice(
          sim.shippedMs + (0.5 + 2.5 * random.next()) * HOUR_MS,
          'shipped',
          random.chance(0.8) ? 'email' : 'push',
          { o, c, t: base.t, d: shortDate(sim.promisedDay, language) },
          order.id,
        );
      }
      if (sim.delayKnownMs !== null) {
        // The retailer warns some customers, VIPs first; the rest are the outbound list.
        if (random.chance(valued ? 0.65 : 0.45)) {
          const at = sim.delayKnownMs + (1 + 9 * random.next()) * HOUR_MS;
          if (at < endMs) notice(at, 'delay', random.chance(0.7) ? 'email' : 'sms', base, order.id);
        }
        if (random.chance(0.4)) {
          const from = Math.max(sim.delayKnownMs, jstInstant(sim.promisedDay, 9));
          const daysLate = Math.max(1, jstDay(Math.min(endMs, nowMs)) - sim.promisedDay);
          const reason = random.chance(0.7) ? 'delivery.late' : 'delivery.wismo';
          if (from < endMs) {
            const at = from + random.next() * (endMs - from);
            const outbound = valued && random.chance(0.2);
            contact(
              at,
              reason,
              { o, c, t: base.t, d: base.d, n: daysLate },
              order.id,
              outbound ? 'call' : undefined,
              outbound ? 'outbound' : 'inbound',
            );
            // A caller who is still waiting calls again.
            if (random.chance(0.2))
              contact(
                at + (0.5 + random.next()) * DAY_MS,
                'delivery.late',
                { o, c, t: base.t, d: base.d, n: daysLate + 1 },
                order.id,
                'call',
              );
          }
        }
      } else if (shipment.status !== 'delivered' && random.chance(0.04)) {
        contact(
          sim.shippedMs + random.next() * (nowMs - sim.shippedMs),
          'delivery.wismo',
          base,
          order.id,
        );
      }
      if (
        sim.outForDeliveryMs !== null &&
        (shipment.status === 'out_for_delivery' || shipment.status === 'delivered') &&
        random.chance(0.12)
      ) {
        notice(
          sim.outForDeliveryMs + 10 * 60_000,
          'out_for_delivery',
          random.chance(0.5) ? 'push' : 'sms',
          base,
          order.id,
        );
      }
      if (shipment.status === 'delivered' && random.chance(0.25)) {
        notice(
          sim.deliveredMs + (5 + 25 * random.next()) * 60_000,
          'delivered',
          random.chance(0.6) ? 'email' : 'push',
          { o, c, t: base.t, d: shortDate(jstDay(sim.deliveredMs), language) },
          order.id,
        );
      }
      if (shipment.status === 'returned_to_sender' && random.chance(0.6)) {
        contact(
          Date.parse(shipment.updatedAt) + random.next() * 2 * DAY_MS,
          'delivery.wrong_address',
          base,
          order.id,
        );
      }
      if (claim) {
        const openedMs = Date.parse(claim.openedAt);
        contact(
          openedMs - 10 * 60_000,
          claimReason(claim.type),
          base,
          order.id,
          random.chance(0.7) ? 'call' : 'email',
        );
      }
    }
    if (returnRequest) {
      const requestedMs = Date.parse(returnRequest.requestedAt);
      const amount = formatYen(returnRequest.amount, language);
      const facts: MessageFacts = { o, a: amount };
      if (returnRequest.status === 'received' || returnRequest.status === 'completed') {
        if (random.chance(0.6))
          notice(
            requestedMs + (4 + random.next()) * DAY_MS,
            'return_received',
            'email',
            facts,
            order.id,
          );
      }
      if (returnRequest.refundStatus === 'refunded' && random.chance(0.85)) {
        notice(Date.parse(returnRequest.updatedAt), 'refund_issued', 'email', facts, order.id);
      }
      if (random.chance(0.3)) {
        const reason =
          returnRequest.kind === 'exchange'
            ? 'returns.exchange'
            : returnRequest.refundStatus === 'refunded' || returnRequest.status === 'requested'
              ? 'returns.status'
              : 'returns.refund';
        contact(
          requestedMs + random.next() * Math.min(10 * DAY_MS, nowMs - requestedMs),
          reason,
          facts,
          order.id,
        );
      }
    }
  }

  // Other calls come at any time, half of them in the fortnight after an order; their reasons
  // follow the customer's situation at that moment (see call-reasons.ts).
  const span = nowMs - input.createdMs;
  for (let n = GENERAL_COUNT.pick(random); n > 0; n--) {
    const anchor = history.length > 0 && random.chance(0.5) ? random.pick(history) : null;
    const atMs = anchor
      ? Date.parse(anchor.order.placedAt) + random.next() * 16 * DAY_MS
      : input.createdMs + random.next() * span;
    const state = callerStateAt(history, contacts, atMs, input.tier, language);
    let reason = drawCallReason(random, state);
    if (ORDER_BOUND.has(reason) && history.length === 0) reason = 'product.question';
    const facts = state.focus ?? (ORDER_BOUND.has(reason) ? random.pick(history) : null);
    const sim = facts?.shipment;
    const words: MessageFacts = { o: facts?.order.orderNumber };
    if (sim?.shipment) {
      words.c = carrierName(sim.shipment.carrier, language);
      words.t = sim.shipment.trackingNumber;
      words.d = shortDate(sim.promisedDay, language);
      words.n = Math.max(1, state.daysLate);
    }
    if (facts?.returnRequest) words.a = formatYen(facts.returnRequest.amount, language);
    contact(Math.min(atMs, nowMs), reason, words, facts?.order.id ?? null);
  }
  if (input.flags.includes('harassment_history')) {
    const target = history.length > 0 ? random.pick(history) : null;
    const from = target ? Date.parse(target.order.placedAt) : input.createdMs;
    contact(
      from + random.next() * (nowMs - from),
      'conduct.harassment',
      { o: target?.order.orderNumber },
      target?.order.id ?? null,
      'call',
    );
  }

  contacts.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  notices.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  return { contacts, notices };
}
