import type { CustomerCard } from '../domain/customer-card';
import type { Notice } from '../domain/interaction';
import { jstDayOf } from './calendar';
import { claimRisk, DEFAULT_RISK_THRESHOLD } from './claim-risk';
import type { EvidenceItem } from './evidence';
import {
  claimReason,
  isOpenClaim,
  isRefundPending,
  newestFirst,
  nowDayOf,
  shipmentDelay,
} from './order-signals';

/**
 * "Likely calling about": deterministic rules over the customer card, each adding a candidate
 * reason (a taxonomy code) with a confidence and the evidence behind it. Rules for the same
 * reason reinforce each other; a recent contact for the same reason (a repeat caller) raises
 * the confidence. Risk flags are not reasons: `riskAlerts` lists them for the card's banner.
 */
export interface LikelyReason {
  reasonCode: string;
  /** 0–1; comparable between candidates of one card, not a calibrated probability. */
  confidence: number;
  /** Strongest first. */
  evidence: EvidenceItem[];
  /** The order the strongest evidence is about, if any. */
  orderId: string | null;
}

/** Days a delivery stays "recent" (the customer may say it never came). */
export const RECENT_DELIVERY_DAYS = 7;
/** An order placed this recently may be a WISMO, a change or a cancellation. */
export const RECENT_ORDER_HOURS = 48;
/** A contact this recent for the same reason makes a repeat caller. */
export const REPEAT_CONTACT_DAYS = 14;

/** Which notices explain which reasons (the customer was told, and may still call). */
const NOTICE_REASONS: Record<Notice['kind'], readonly string[]> = {
  delay: ['delivery.late'],
  shipped: ['delivery.wismo', 'delivery.late'],
  out_for_delivery: ['delivery.wismo', 'delivery.late'],
  delivered: ['delivery.not_received'],
  refund_issued: ['returns.refund'],
  return_received: ['returns.refund', 'returns.status'],
};

interface Entry {
  confidence: number;
  /** Each item with the weight it contributed, for ordering. */
  items: { item: EvidenceItem; weight: number; orderId: string | null }[];
}

const round = (n: number): number => Math.round(Math.min(0.98, Math.max(0, n)) * 100) / 100;
const clampDays = (n: number): number => Math.min(Math.max(n, 0), 5);

function orderIdOf(item: EvidenceItem): string | null {
  return 'orderId' in item ? item.orderId : null;
}

export function likelyReasons(card: CustomerCard, now: Date | number | string): LikelyReason[] {
  const nowDay = nowDayOf(now);
  const nowMs =
    typeof now === 'string' ? Date.parse(now) : now instanceof Date ? now.getTime() : now;
  const entries = new Map<string, Entry>();
  const orderNumber = new Map(card.orders.map((o) => [o.id, o.orderNumber]));

  const add = (code: string, confidence: number, item: EvidenceItem): void => {
    const entry = entries.get(code);
    const row = { item, weight: confidence, orderId: orderIdOf(item) };
    if (!entry) {
      entries.set(code, { confidence, items: [row] });
    } else {
      // A second rule for the same reason reinforces it a little.
      entry.confidence = Math.max(entry.confidence, confidence) + 0.03;
      entry.items.push(row);
    }
  };

  // Shipments: lost, late, expected late, delivered recently.
  const claimedOrders = new Set(card.claims.filter(isOpenClaim).map((c) => c.orderId));
  for (const s of newestFirst(card.shipments, (x) => x.shippedAt ?? x.updatedAt)) {
    const number = orderNumber.get(s.orderId);
    if (number === undefined) continue;
    const delay = shipmentDelay(s, nowDay);
    if (delay.lost && !delay.delivered) {
      add('delivery.late', 0.9, {
        kind: 'shipment_lost',
        orderId: s.orderId,
        orderNumber: number,
        promisedDate: s.promisedDate,
        carrier: s.carrier,
      });
    } else if (delay.late && delay.daysLate > 0) {
      add('delivery.late', 0.8 + 0.03 * clampDays(delay.daysLate), {
        kind: 'shipment_late',
        orderId: s.orderId,
        orderNumber: number,
        daysLate: delay.daysLate,
        promisedDate: s.promisedDate,
        estimatedDate: s.estimatedDate,
        carrier: s.carrier,
      });
    } else if (delay.late) {
      add('delivery.late', 0.6 + 0.02 * clampDays(delay.expectedDaysLate), {
        kind: 'shipment_expected_late',
        orderId: s.orderId,
        orderNumber: number,
        expectedDaysLate: delay.expectedDaysLate,
        promisedDate: s.promisedDate,
        estimatedDate: s.estimatedDate,
        carrier: s.carrier,
      });
    } else if (delay.delivered && s.deliveredAt && !claimedOrders.has(s.orderId)) {
      const deliveredDay = jstDayOf(s.deliveredAt);
      const daysAgo = deliveredDay === null ? Infinity : nowDay - deliveredDay;
      if (daysAgo >= 0 && daysAgo <= RECENT_DELIVERY_DAYS) {
        add('delivery.not_received', daysAgo <= 3 ? 0.35 : 0.25, {
          kind: 'delivered_recently',
          orderId: s.orderId,
          orderNumber: number,
          deliveredAt: s.deliveredAt,
          daysAgo,
          carrier: s.carrier,
        });
      }
    }
  }

  // Open delivery claims: the customer is following up.
  for (const c of newestFirst(card.claims.filter(isOpenClaim), (x) => x.openedAt)) {
    const opened = jstDayOf(c.openedAt);
    add(claimReason(c.type), 0.85, {
      kind: 'claim_open',
      orderId: c.orderId,
      orderNumber: orderNumber.get(c.orderId) ?? null,
      claimType: c.type,
      openedAt: c.openedAt,
      daysAgo: opened === null ? 0 : Math.max(0, nowDay - opened),
    });
  }

  // Returns: a refund still owed, or a return on its way.
  for (const r of newestFirst(card.returns, (x) => x.requestedAt)) {
    const number = orderNumber.get(r.orderId) ?? null;
    if ((r.status === 'received' || r.status === 'completed') && isRefundPending(r)) {
      add('returns.refund', r.refundStatus === 'failed' ? 0.85 : 0.8, {
        kind: 'refund_pending',
        orderId: r.orderId,
        orderNumber: number,
        refundStatus: r.refundStatus,
        amount: r.amount,
        currency: r.currency,
      });
    } else if (r.status === 'requested' || r.status === 'approved' || r.status === 'in_transit') {
      add('returns.status', r.status === 'in_transit' ? 0.6 : 0.5, {
        kind: 'return_in_progress',
        orderId: r.orderId,
        orderNumber: number,
        returnKind: r.kind,
        status: r.status,
        requestedAt: r.requestedAt,
      });
    }
  }

  // A very recent order: where is it, or can it still be changed or cancelled.
  for (const o of newestFirst(card.orders, (x) => x.placedAt)) {
    const hoursAgo = Math.floor((nowMs - Date.parse(o.placedAt)) / 3_600_000);
    if (!(hoursAgo >= 0 && hoursAgo <= RECENT_ORDER_HOURS)) continue;
    if (o.status === 'cancelled' || o.status === 'delivered' || o.status === 'returned') continue;
    const item: EvidenceItem = {
      kind: 'recent_order',
      orderId: o.id,
      orderNumber: o.orderNumber,
      placedAt: o.placedAt,
      status: o.status,
      hoursAgo,
    };
    const shipped = o.status === 'shipped';
    add('delivery.wismo', shipped ? 0.45 : 0.3, item);
    add('order.change', shipped ? 0.2 : 0.35, item);
    add('order.cancel', shipped ? 0.15 : 0.3, item);
  }

  // Repeat callers: a recent contact for a reason raises it, or suggests it.
  for (const c of newestFirst(card.contacts, (x) => x.occurredAt)) {
    if (!c.reasonCode) continue;
    const day = jstDayOf(c.occurredAt);
    const daysAgo = day === null ? Infinity : nowDay - day;
    if (!(daysAgo >= 0 && daysAgo <= REPEAT_CONTACT_DAYS)) continue;
    const item: EvidenceItem = {
      kind: 'repeat_contact',
      contactId: c.id,
      channel: c.channel,
      occurredAt: c.occurredAt,
      daysAgo,
      reasonCode: c.reasonCode,
    };
    const entry = entries.get(c.reasonCode);
    if (entry) {
      if (!entry.items.some((i) => i.item.kind === 'repeat_contact')) entry.confidence += 0.08;
      entry.items.push({ item, weight: 0, orderId: c.orderId });
    } else {
      add(c.reasonCode, 0.45 - 0.01 * daysAgo, item);
    }
  }

  // Notices already sent: context for a candidate about the same order, not a reason of their own.
  for (const n of newestFirst(card.notices, (x) => x.sentAt)) {
    const day = jstDayOf(n.sentAt);
    const daysAgo = day === null ? Infinity : nowDay - day;
    if (!(daysAgo >= 0 && daysAgo <= REPEAT_CONTACT_DAYS)) continue;
    for (const code of NOTICE_REASONS[n.kind]) {
      const entry = entries.get(code);
      if (!entry || !entry.items.some((i) => i.orderId !== null && i.orderId === n.orderId)) {
        continue;
      }
      entry.items.push({
        item: {
          kind: 'notice_sent',
          orderId: n.orderId,
          orderNumber: n.orderId === null ? null : (orderNumber.get(n.orderId) ?? null),
          noticeKind: n.kind,
          channel: n.channel,
          sentAt: n.sentAt,
          daysAgo,
        },
        weight: -1,
        orderId: n.orderId,
      });
    }
  }

  return [...entries.entries()]
    .map(([reasonCode, entry]): LikelyReason => {
      // Stable sort: equal weights keep rule order (newest first within a rule).
      const items = [...entry.items].sort((a, b) => b.weight - a.weight);
      return {
        reasonCode,
        confidence: round(entry.confidence),
        evidence: items.map((i) => i.item),
        orderId: items.find((i) => i.orderId !== null)?.orderId ?? null,
      };
    })
    .sort((a, b) =>
      b.confidence !== a.confidence
        ? b.confidence - a.confidence
        : a.reasonCode < b.reasonCode
          ? -1
          : a.reasonCode > b.reasonCode
            ? 1
            : 0,
    );
}

/** The reason to preselect in the wrap-up form, or null when nothing stands out. */
export function predictedReason(candidates: readonly LikelyReason[]): string | null {
  return candidates[0]?.reasonCode ?? null;
}

/**
 * Flags the agent must see before talking: past harassment, and a claim risk high enough that
 * claims need verification.
 */
export function riskAlerts(
  card: CustomerCard,
  now: Date | number | string,
  riskThreshold: number = DEFAULT_RISK_THRESHOLD,
): EvidenceItem[] {
  const alerts: EvidenceItem[] = [];
  if (card.customer.flags.includes('harassment_history'))
    alerts.push({ kind: 'harassment_history' });
  const risk = claimRisk(card, nowDayOf(now));
  if (risk.score >= riskThreshold) {
    alerts.push({
      kind: 'claim_risk',
      flagged: risk.flagged,
      notReceivedClaims: risk.notReceivedClaims,
    });
  }
  return alerts;
}
