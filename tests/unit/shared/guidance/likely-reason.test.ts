import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../../../src/shared/demo/featured-customers';
import { reasonTaxonomy } from '../../../../src/shared/demo/taxonomy';
import type { CustomerCard } from '../../../../src/shared/domain';
import {
  describeEvidence,
  likelyReasons,
  nowDayOf,
  riskAlerts,
  type EvidenceItem,
} from '../../../../src/shared/guidance';
import {
  card,
  claim,
  contact,
  customer,
  featuredCards,
  notice,
  NOW,
  order,
  returnRequest,
  shipment,
} from '../../../fixtures/guidance-fixtures';

const top = (c: CustomerCard) => likelyReasons(c, NOW)[0];
const codes = (c: CustomerCard) => likelyReasons(c, NOW).map((r) => r.reasonCode);

describe('likelyReasons rules', () => {
  it('late shipment: days past the promise, with the order, carrier and estimate', () => {
    const c = card({
      orders: [order()],
      shipments: [
        shipment({ promisedDate: '2026-11-20', estimatedDate: '2026-11-24', status: 'delayed' }),
      ],
    });
    const r = top(c);
    expect(r?.reasonCode).toBe('delivery.late');
    expect(r?.orderId).toBe('ord-1');
    expect(r?.evidence[0]).toEqual({
      kind: 'shipment_late',
      orderId: 'ord-1',
      orderNumber: 'KO-2611-0000001',
      daysLate: 3,
      promisedDate: '2026-11-20',
      estimatedDate: '2026-11-24',
      carrier: 'yamato',
    });
    // More days late → more confident (capped).
    const oneDay = card({
      orders: [order()],
      shipments: [shipment({ promisedDate: '2026-11-22', estimatedDate: '2026-11-24' })],
    });
    expect(top(oneDay)?.confidence).toBeLessThan(r?.confidence ?? 0);
  });

  it('estimated after the promise, not yet past it: expected late', () => {
    const c = card({
      orders: [order()],
      shipments: [shipment({ promisedDate: '2026-11-24', estimatedDate: '2026-11-26' })],
    });
    expect(top(c)).toMatchObject({
      reasonCode: 'delivery.late',
      evidence: [{ kind: 'shipment_expected_late', expectedDaysLate: 2 }],
    });
  });

  it('lost shipment', () => {
    const c = card({ orders: [order()], shipments: [shipment({ status: 'lost' })] });
    expect(top(c)).toMatchObject({
      reasonCode: 'delivery.late',
      evidence: [{ kind: 'shipment_lost' }],
    });
    expect(top(c)?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('delivered recently: the customer may say it never came; not after a week', () => {
    const delivered = (at: string) =>
      card({
        orders: [order({ status: 'delivered' })],
        shipments: [shipment({ status: 'delivered', promisedDate: '2026-11-21', deliveredAt: at })],
      });
    expect(top(delivered('2026-11-21T14:00:00+09:00'))).toMatchObject({
      reasonCode: 'delivery.not_received',
      evidence: [{ kind: 'delivered_recently', daysAgo: 2 }],
    });
    expect(codes(delivered('2026-11-10T14:00:00+09:00'))).toEqual([]);
  });

  it('open claim: follow-up on the claim, by claim type', () => {
    const c = card({
      orders: [order({ status: 'delivered' })],
      shipments: [shipment({ status: 'delivered', deliveredAt: '2026-11-18T14:00:00+09:00' })],
      claims: [claim({ type: 'damaged' })],
    });
    expect(top(c)).toMatchObject({
      reasonCode: 'delivery.damaged',
      evidence: [
        { kind: 'claim_open', claimType: 'damaged', orderNumber: 'KO-2611-0000001', daysAgo: 2 },
      ],
    });
    const resolved = card({ ...c, claims: [claim({ status: 'resolved' })] });
    expect(codes(resolved)).not.toContain('delivery.damaged');
  });

  it('returns: refund pending after receipt; return in transit', () => {
    const pending = card({ orders: [order({ status: 'returned' })], returns: [returnRequest()] });
    expect(top(pending)).toMatchObject({
      reasonCode: 'returns.refund',
      evidence: [{ kind: 'refund_pending', refundStatus: 'pending', amount: 9_800 }],
    });
    const transit = card({
      orders: [order({ status: 'delivered' })],
      returns: [returnRequest({ status: 'in_transit', refundStatus: 'not_applicable' })],
    });
    expect(top(transit)).toMatchObject({
      reasonCode: 'returns.status',
      evidence: [{ kind: 'return_in_progress', status: 'in_transit' }],
    });
    expect(top(pending)?.confidence).toBeGreaterThan(top(transit)?.confidence ?? 1);
  });

  it('recent order (≤ 2 days): WISMO or change/cancel', () => {
    const placed = card({
      orders: [order({ status: 'paid', placedAt: '2026-11-22T20:00:00+09:00' })],
    });
    expect(codes(placed).sort()).toEqual(['delivery.wismo', 'order.cancel', 'order.change']);
    expect(top(placed)?.reasonCode).toBe('order.change');
    const shipped = card({
      orders: [order({ status: 'shipped', placedAt: '2026-11-22T20:00:00+09:00' })],
    });
    expect(top(shipped)).toMatchObject({
      reasonCode: 'delivery.wismo',
      evidence: [{ kind: 'recent_order', hoursAgo: 13 }],
    });
    const old = card({
      orders: [order({ status: 'paid', placedAt: '2026-11-19T20:00:00+09:00' })],
    });
    expect(codes(old)).toEqual([]);
  });

  it('repeat caller: a recent contact for the same reason raises it, or suggests it alone', () => {
    const late = card({
      orders: [order()],
      shipments: [shipment({ promisedDate: '2026-11-21', estimatedDate: '2026-11-24' })],
    });
    const base = top(late)?.confidence ?? 0;
    const repeat = top({ ...late, contacts: [contact()] });
    expect(repeat?.confidence).toBeGreaterThan(base);
    expect(repeat?.evidence.map((e) => e.kind)).toEqual(['shipment_late', 'repeat_contact']);
    const alone = card({
      contacts: [contact({ reasonCode: 'billing.double_charge', orderId: null })],
    });
    expect(top(alone)).toMatchObject({
      reasonCode: 'billing.double_charge',
      evidence: [{ kind: 'repeat_contact', daysAgo: 2, channel: 'call' }],
    });
    const stale = card({ contacts: [contact({ occurredAt: '2026-10-01T10:00:00+09:00' })] });
    expect(codes(stale)).toEqual([]);
  });

  it('notices already sent are attached as context to the same order', () => {
    const c = card({
      orders: [order()],
      shipments: [shipment({ promisedDate: '2026-11-21', estimatedDate: '2026-11-24' })],
      notices: [notice()],
    });
    expect(top(c)?.evidence.map((e) => e.kind)).toEqual(['shipment_late', 'notice_sent']);
  });

  it('ranks a late parcel above a recent-delivery guess, deterministically', () => {
    const c = card({
      orders: [order(), order({ id: 'ord-2', orderNumber: 'KO-2', status: 'delivered' })],
      shipments: [
        shipment({ promisedDate: '2026-11-20' }),
        shipment({
          id: 'shp-2',
          orderId: 'ord-2',
          status: 'delivered',
          deliveredAt: '2026-11-22T10:00:00+09:00',
        }),
      ],
    });
    expect(codes(c)).toEqual(['delivery.late', 'delivery.not_received']);
    expect(likelyReasons(c, NOW)).toEqual(likelyReasons(structuredClone(c), NOW));
  });

  it('nothing to go on: no candidates', () => {
    expect(likelyReasons(card(), NOW)).toEqual([]);
  });
});

describe('riskAlerts', () => {
  it('harassment history and claim risk are alerts, not reasons', () => {
    const c = card({ customer: customer({ flags: ['harassment_history', 'claim_risk'] }) });
    expect(riskAlerts(c, NOW)).toEqual([
      { kind: 'harassment_history' },
      { kind: 'claim_risk', flagged: true, notReceivedClaims: 0 },
    ]);
    expect(likelyReasons(c, NOW)).toEqual([]);
    const repeated = card({
      claims: [
        claim(),
        claim({ id: 'clm-2', openedAt: '2026-06-01T10:00:00+09:00', status: 'resolved' }),
      ],
    });
    expect(riskAlerts(repeated, NOW)).toEqual([
      { kind: 'claim_risk', flagged: false, notReceivedClaims: 2 },
    ]);
    expect(riskAlerts(card(), NOW)).toEqual([]);
  });
});

describe('demo featured customers', () => {
  const cards = featuredCards();
  const F = DEMO_FEATURED_CUSTOMERS;

  it('佐藤 花子: late delivery of her order, 3 days late', () => {
    const sato = cards.get(F.lateDelivery.customerId) as CustomerCard;
    const [first] = likelyReasons(sato, NOW);
    const orderNumber = sato.orders.find((o) => o.id === F.lateDelivery.orderId)?.orderNumber;
    expect(first?.reasonCode).toBe('delivery.late');
    expect(first?.orderId).toBe(F.lateDelivery.orderId);
    expect(first?.evidence[0]).toMatchObject({
      kind: 'shipment_late',
      orderNumber,
      daysLate: 3,
      carrier: 'yamato',
    });
    expect(first?.evidence.map((e) => e.kind)).toContain('notice_sent');
    const ja = describeEvidence(first?.evidence[0] as EvidenceItem, 'ja');
    const en = describeEvidence(first?.evidence[0] as EvidenceItem, 'en');
    expect(ja).toBe(
      `ご注文 ${orderNumber} はお約束日（11月20日）を3日過ぎています。ヤマト運輸の現在の配達予定は11月24日です。`,
    );
    expect(en).toBe(
      `Order #${orderNumber} is 3 days past its promised date (Nov 20). Yamato Transport now estimates Nov 24.`,
    );
  });

  it('鈴木 一郎: his open not-received claim; Emily Carter: her pending refund', () => {
    const suzuki = likelyReasons(cards.get(F.notReceivedClaim.customerId) as CustomerCard, NOW);
    expect(suzuki[0]).toMatchObject({
      reasonCode: 'delivery.not_received',
      orderId: F.notReceivedClaim.orderId,
    });
    expect(suzuki[0]?.evidence.map((e) => e.kind)).toEqual([
      'claim_open',
      'repeat_contact',
      'notice_sent',
    ]);
    const carter = likelyReasons(cards.get(F.refundPending.customerId) as CustomerCard, NOW);
    expect(carter[0]).toMatchObject({
      reasonCode: 'returns.refund',
      orderId: F.refundPending.orderId,
    });
  });

  it('田中 美咲: an order placed the day before yesterday', () => {
    const misaki = likelyReasons(cards.get(F.household.customerIds[1]) as CustomerCard, NOW);
    expect(misaki[0]?.reasonCode).toBe('delivery.wismo');
  });
});

describe('describeEvidence', () => {
  const nowDay = nowDayOf(NOW);
  const taxonomy = reasonTaxonomy();
  const items: EvidenceItem[] = [
    {
      kind: 'shipment_late',
      orderId: 'o',
      orderNumber: 'KO-1',
      daysLate: 1,
      promisedDate: '2026-11-22',
      estimatedDate: null,
      carrier: 'sagawa',
    },
    {
      kind: 'shipment_expected_late',
      orderId: 'o',
      orderNumber: 'KO-1',
      expectedDaysLate: 2,
      promisedDate: '2026-11-24',
      estimatedDate: '2026-11-26',
      carrier: 'japan_post',
    },
    {
      kind: 'shipment_expected_late',
      orderId: 'o',
      orderNumber: 'KO-1',
      expectedDaysLate: 0,
      promisedDate: '2026-11-24',
      estimatedDate: null,
      carrier: 'ups',
    },
    {
      kind: 'shipment_lost',
      orderId: 'o',
      orderNumber: 'KO-1',
      promisedDate: '2026-11-20',
      carrier: 'fedex',
    },
    {
      kind: 'delivered_recently',
      orderId: 'o',
      orderNumber: 'KO-1',
      deliveredAt: '2026-11-22T05:00:00Z',
      daysAgo: 1,
      carrier: 'yamato',
    },
    {
      kind: 'claim_open',
      orderId: 'o',
      orderNumber: null,
      claimType: 'not_received',
      openedAt: '2026-11-21T01:00:00Z',
      daysAgo: 2,
    },
    {
      kind: 'return_in_progress',
      orderId: 'o',
      orderNumber: 'KO-1',
      returnKind: 'exchange',
      status: 'approved',
      requestedAt: '2026-11-20T01:00:00Z',
    },
    {
      kind: 'refund_pending',
      orderId: 'o',
      orderNumber: 'KO-1',
      refundStatus: 'processing',
      amount: 1250,
      currency: 'USD',
    },
    {
      kind: 'recent_order',
      orderId: 'o',
      orderNumber: 'KO-1',
      placedAt: '2026-11-22T01:00:00Z',
      status: 'paid',
      hoursAgo: 30,
    },
    {
      kind: 'repeat_contact',
      contactId: 'c',
      channel: 'email',
      occurredAt: '2026-11-20T01:00:00Z',
      daysAgo: 3,
      reasonCode: 'returns.refund',
    },
    {
      kind: 'notice_sent',
      orderId: null,
      orderNumber: null,
      noticeKind: 'delay',
      channel: 'sms',
      sentAt: '2026-11-23T00:00:00Z',
      daysAgo: 0,
    },
    { kind: 'harassment_history' },
    { kind: 'claim_risk', flagged: false, notReceivedClaims: 2 },
  ];

  it('has words for every kind in both languages, with no undefined/null', () => {
    for (const item of items) {
      for (const locale of ['ja', 'en'] as const) {
        const text = describeEvidence(item, locale, { taxonomy, nowDay });
        expect(text.length).toBeGreaterThan(5);
        expect(text).not.toMatch(/undefined|null|NaN/);
      }
    }
    expect(describeEvidence(items[0] as EvidenceItem, 'en')).toBe(
      'Order #KO-1 is 1 day past its promised date (Nov 22).',
    );
    expect(describeEvidence(items[9] as EvidenceItem, 'ja', { taxonomy })).toBe(
      '3日前にも同じ用件（返金の確認）でメールのお問い合わせがありました。',
    );
    expect(describeEvidence(items[7] as EvidenceItem, 'en')).toContain('$12.50');
    expect(describeEvidence(items[10] as EvidenceItem, 'ja')).toBe(
      '本日にSMSで遅延のお知らせを送信済みです。',
    );
    expect(describeEvidence(items[10] as EvidenceItem, 'en')).toBe(
      'We sent a delay notice by SMS today.',
    );
  });
});
