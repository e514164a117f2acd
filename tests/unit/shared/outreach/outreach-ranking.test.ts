import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../../src/shared/demo/generate-demo-records';
import type { Shipment } from '../../../../src/shared/domain';
import type { VocRecord } from '../../../../src/shared/domain/voc';
import { outreachNotice, outreachNoticeId } from '../../../../src/shared/outreach/outreach-notice';
import {
  outreachEntry,
  outreachScore,
  rankOutreach,
  RETRY_AFTER_MS,
  type OutreachCandidate,
} from '../../../../src/shared/outreach/outreach-ranking';
import { customer, featuredCards, NOW, shipment } from '../../../fixtures/guidance-fixtures';

const nowMs = Date.parse(NOW); // 2026-11-23 09:00 JST

function candidate(
  id: string,
  overrides: {
    tier?: OutreachCandidate['customer']['tier'];
    lifetimeValue?: number;
    shipment?: Partial<Shipment>;
    notices?: OutreachCandidate['notices'];
    lastAttemptAt?: string | null;
  } = {},
): OutreachCandidate {
  const c = customer({
    id,
    tier: overrides.tier ?? 'standard',
    lifetimeValue: overrides.lifetimeValue ?? 0,
  });
  return {
    customer: c,
    phone: '+819011112222',
    order: { id: `ord-${id}`, orderNumber: `KO-${id}` },
    shipment: shipment({ id: `shp-${id}`, orderId: `ord-${id}`, ...overrides.shipment }),
    notices: overrides.notices ?? [],
    lastAttemptAt: overrides.lastAttemptAt ?? null,
  };
}

const late = (days: number): Partial<Shipment> => ({
  promisedDate: `2026-11-${String(23 - days).padStart(2, '0')}`,
  estimatedDate: null,
});

describe('who belongs on the outreach list', () => {
  it('late by the promise, expected late by the estimate, or a carrier-reported delay', () => {
    expect(outreachEntry(candidate('a', { shipment: late(2) }), nowMs)).toMatchObject({
      daysLate: 2,
      expectedDaysLate: 0,
      carrierDelayed: false,
      delayKnownAt: '2026-11-21T15:00:00.000Z', // the promised day (11/21 JST) had passed
    });
    const expected = candidate('b', {
      shipment: { promisedDate: '2026-11-25', estimatedDate: '2026-11-27' },
    });
    expect(outreachEntry(expected, nowMs)).toMatchObject({ daysLate: 0, expectedDaysLate: 2 });
    const reported = candidate('c', {
      shipment: {
        status: 'delayed',
        promisedDate: '2026-11-25',
        events: [
          {
            occurredAt: '2026-11-22T10:00:00+09:00',
            status: 'delayed',
            location: '大阪',
            description: '遅延',
          },
        ],
      },
    });
    expect(outreachEntry(reported, nowMs)).toMatchObject({
      carrierDelayed: true,
      delayKnownAt: '2026-11-22T10:00:00+09:00',
    });
  });

  it('not on time, delivered, lost or finished shipments', () => {
    expect(outreachEntry(candidate('a'), nowMs)).toBeNull();
    for (const status of ['delivered', 'lost', 'returned_to_sender'] as const) {
      expect(outreachEntry(candidate('a', { shipment: { ...late(3), status } }), nowMs)).toBeNull();
    }
  });

  it('not when a delay notice went out after the delay became known', () => {
    const told = (sentAt: string, orderId: string | null = 'ord-a') =>
      outreachEntry(
        candidate('a', { shipment: late(2), notices: [{ kind: 'delay', orderId, sentAt }] }),
        nowMs,
      );
    expect(told('2026-11-22T12:00:00+09:00')).toBeNull();
    expect(told('2026-11-22T12:00:00+09:00', null)).toBeNull();
    // Before the delay was known, or about another order: not told.
    expect(told('2026-11-20T12:00:00+09:00')).not.toBeNull();
    expect(told('2026-11-22T12:00:00+09:00', 'ord-other')).not.toBeNull();
    // A shipping notice is not a delay notice.
    const shipped = candidate('a', {
      shipment: late(2),
      notices: [{ kind: 'shipped', orderId: 'ord-a', sentAt: '2026-11-22T12:00:00+09:00' }],
    });
    expect(outreachEntry(shipped, nowMs)).not.toBeNull();
  });

  it('a customer called without an answer comes back after the retry window', () => {
    const attempted = (ago: number) =>
      outreachEntry(
        candidate('a', {
          shipment: late(2),
          lastAttemptAt: new Date(nowMs - ago).toISOString(),
        }),
        nowMs,
      );
    expect(attempted(3_600_000)).toBeNull();
    expect(attempted(RETRY_AFTER_MS + 1)).not.toBeNull();
  });

  it('takes the delivery-date model’s estimate through the estimate function', () => {
    const onTime = candidate('a', { shipment: { promisedDate: '2026-11-25' } });
    expect(outreachEntry(onTime, nowMs)).toBeNull();
    const model = () => '2026-11-28';
    expect(outreachEntry(onTime, nowMs, model)).toMatchObject({
      expectedDaysLate: 3,
      estimatedDate: '2026-11-28',
    });
  });
});

describe('ranking', () => {
  it('scores tier, then lifetime value, then how late, each capped', () => {
    expect(outreachScore({ tier: 'vip', lifetimeValue: 0, daysLate: 1, expectedDaysLate: 0 })).toBe(
      36,
    );
    expect(
      outreachScore({ tier: 'standard', lifetimeValue: 0, daysLate: 5, expectedDaysLate: 0 }),
    ).toBe(30);
    expect(
      outreachScore({ tier: 'gold', lifetimeValue: 1_000_000, daysLate: 9, expectedDaysLate: 2 }),
    ).toBe(70);
  });

  it('orders fixed customers by score, one line per customer, deterministic on ties', () => {
    const list = rankOutreach(
      [
        candidate('std-5', { tier: 'standard', shipment: late(5) }),
        candidate('vip-1', { tier: 'vip', lifetimeValue: 200_000, shipment: late(1) }),
        candidate('gold-1', { tier: 'gold', lifetimeValue: 100_000, shipment: late(1) }),
        candidate('silver-7', { tier: 'silver', lifetimeValue: 100_000, shipment: late(7) }),
        candidate('tie-b', { tier: 'silver', shipment: late(2) }),
        candidate('tie-a', { tier: 'silver', shipment: late(2) }),
        candidate('on-time', { tier: 'vip', lifetimeValue: 5_000_000 }),
        // The same customer twice: the later delay is the one listed.
        {
          ...candidate('vip-1', { tier: 'vip', lifetimeValue: 200_000, shipment: late(3) }),
          order: { id: 'ord-x', orderNumber: 'KO-x' },
        },
      ],
      nowMs,
    );
    // A VIP a few days late first; a week's delay lifts silver above gold a day late.
    expect(list.map((e) => [e.customerId, e.score])).toEqual([
      ['vip-1', 58],
      ['silver-7', 45],
      ['gold-1', 31],
      ['std-5', 30],
      ['tie-a', 22],
      ['tie-b', 22],
    ]);
    expect(list[0]).toMatchObject({ orderId: 'ord-x', daysLate: 3 });
  });
});

describe('the featured customers', () => {
  const cards = featuredCards();
  const now = DEFAULT_DEMO_NOW.getTime();
  const asCandidates = (): OutreachCandidate[] =>
    [...cards.values()].flatMap((c) =>
      c.shipments.map((s) => ({
        customer: c.customer,
        phone: c.customer.phones[0]?.e164 ?? null,
        order: c.orders.find((o) => o.id === s.orderId)!,
        shipment: s,
        notices: c.notices,
        lastAttemptAt: null,
      })),
    );

  it('lists 高橋 誠 (late, untold) and not 佐藤 花子 (late, but sent a delay e-mail)', () => {
    const list = rankOutreach(asCandidates(), now);
    expect(list.map((e) => e.customerId)).toEqual([DEMO_FEATURED_CUSTOMERS.lateUntold.customerId]);
    expect(list[0]).toMatchObject({ tier: 'vip', daysLate: 2, carrierDelayed: true });
  });
});

describe('the notice a proactive call leaves', () => {
  const record: Pick<
    VocRecord,
    'id' | 'customerId' | 'orderId' | 'contactType' | 'outreachOutcome' | 'endedAt' | 'savedAt'
  > = {
    id: '019a0000-0000-7000-8000-000000000001',
    customerId: 'cus-1',
    orderId: 'ord-1',
    contactType: 'proactive',
    outreachOutcome: 'reached',
    endedAt: '2026-11-23T01:00:00.000Z',
    savedAt: '2026-11-23T01:01:00.000Z',
  };

  it('is a delay notice by call in the customer’s language, for reached and voicemail only', () => {
    expect(outreachNotice(record, { orderNumber: 'KO-1', language: 'ja' })).toEqual({
      id: outreachNoticeId(record.id),
      customerId: 'cus-1',
      orderId: 'ord-1',
      channel: 'call',
      kind: 'delay',
      language: 'ja',
      sentAt: record.endedAt,
      message: 'ご注文 KO-1 の配送遅延について、お電話でご説明しました。',
      updatedAt: record.savedAt,
    });
    expect(
      outreachNotice(
        { ...record, outreachOutcome: 'voicemail' },
        { orderNumber: 'KO-1', language: 'en' },
      )?.message,
    ).toBe('We called about the delay of order #KO-1 and left a voicemail.');
    expect(
      outreachNotice(
        { ...record, outreachOutcome: 'no_answer' },
        { orderNumber: 'KO-1', language: 'ja' },
      ),
    ).toBeNull();
    expect(
      outreachNotice(
        { ...record, contactType: undefined },
        { orderNumber: 'KO-1', language: 'ja' },
      ),
    ).toBeNull();
  });
});
