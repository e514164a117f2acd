import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../../../src/shared/demo/featured-customers';
import { demoPolicies } from '../../../../src/shared/demo/policies';
import type { CustomerCard } from '../../../../src/shared/domain';
import {
  describePolicyReason,
  nextBestActions,
  type NextBestAction,
} from '../../../../src/shared/guidance';
import {
  card,
  claim,
  customer,
  featuredCards,
  NOW,
  order,
  returnRequest,
  shipment,
} from '../../../fixtures/guidance-fixtures';

const policies = demoPolicies(Date.parse('2026-10-01T00:00:00Z'));
const byKind = (actions: NextBestAction[], kind: NextBestAction['kind']): NextBestAction => {
  const a = actions.find((x) => x.kind === kind);
  if (!a) throw new Error(`no ${kind}`);
  return a;
};
const run = (c: CustomerCard, extra: { likelyReason?: string; verified?: boolean } = {}) =>
  nextBestActions(policies, c, { now: NOW, ...extra });

describe('nextBestActions', () => {
  it('VIP free exchange only for the VIP tier', () => {
    const vip = byKind(run(card({ customer: customer({ tier: 'vip' }) })), 'vip_free_exchange');
    expect(vip).toMatchObject({
      allowed: true,
      reasons: [{ kind: 'tier_eligible', tier: 'vip' }, { kind: 'instant_exchange' }],
    });
    expect(vip.sayJa).toContain('無料');
    const gold = byKind(run(card({ customer: customer({ tier: 'gold' }) })), 'vip_free_exchange');
    expect(gold).toMatchObject({
      allowed: false,
      relevant: false,
      reasons: [{ kind: 'tier_not_eligible', tier: 'gold', requiredTier: 'vip' }],
    });
  });

  it('delay coupon from the policy amount and minimum days late', () => {
    const late = (promisedDate: string) =>
      card({
        orders: [order()],
        shipments: [shipment({ promisedDate, estimatedDate: '2026-11-25' })],
      });
    const three = byKind(run(late('2026-11-20')), 'delay_coupon');
    expect(three).toMatchObject({
      allowed: true,
      relevant: true,
      reasons: [{ kind: 'days_late', daysLate: 3, minDaysLate: 2, orderNumber: 'KO-2611-0000001' }],
    });
    expect(three.sayJa).toContain('500円');
    expect(three.sayEn).toContain('¥500');
    const one = byKind(run(late('2026-11-22')), 'delay_coupon');
    expect(one).toMatchObject({
      allowed: false,
      relevant: true,
      reasons: [{ kind: 'not_late_enough', daysLate: 1 }],
    });
    expect(byKind(run(card()), 'delay_coupon')).toMatchObject({ allowed: false, relevant: false });
  });

  it('reship: lost order within the value limit; above it needs a supervisor', () => {
    const lost = (total: number) =>
      card({ orders: [order({ total })], shipments: [shipment({ status: 'lost' })] });
    expect(byKind(run(lost(12_800)), 'reship')).toMatchObject({
      allowed: true,
      escalate: false,
      reasons: [
        { kind: 'reship_needed', cause: 'lost' },
        { kind: 'order_value_within', max: 30_000 },
      ],
    });
    expect(byKind(run(lost(45_000)), 'reship')).toMatchObject({
      allowed: false,
      escalate: true,
      reasons: [{ kind: 'reship_needed' }, { kind: 'order_value_above', total: 45_000 }],
    });
    expect(byKind(run(card({ orders: [order()] })), 'reship')).toMatchObject({
      allowed: false,
      relevant: false,
    });
  });

  it('claim verification: a claim_risk customer must be verified before reship or refund', () => {
    const risky = card({
      customer: customer({ flags: ['claim_risk'] }),
      orders: [order({ status: 'delivered' })],
      shipments: [shipment({ status: 'delivered', deliveredAt: '2026-11-18T10:00:00+09:00' })],
      claims: [claim()],
    });
    const before = run(risky);
    expect(before[0]?.kind).toBe('claim_verification');
    expect(byKind(before, 'claim_verification')).toMatchObject({
      allowed: true,
      relevant: true,
      reasons: [
        { kind: 'claim_risk_flag' },
        { kind: 'verification_required', score: 1, threshold: 0.7 },
      ],
    });
    const reship = byKind(before, 'reship');
    expect(reship.allowed).toBe(false);
    expect(reship.reasons).toContainEqual({
      kind: 'verification_required',
      score: 1,
      threshold: 0.7,
    });
    expect(reship.sayJa).toContain('確認');
    expect(byKind(before, 'refund_limit')).toMatchObject({ allowed: false });

    const after = run(risky, { verified: true });
    expect(byKind(after, 'reship').allowed).toBe(true);
    expect(byKind(after, 'reship').reasons).toContainEqual({ kind: 'verification_done' });
    expect(byKind(after, 'claim_verification').relevant).toBe(false);
  });

  it('claim verification: repeated not-received claims reach the threshold', () => {
    const repeated = card({
      orders: [order({ status: 'delivered' })],
      claims: [
        claim(),
        claim({
          id: 'clm-0',
          orderId: 'ord-0',
          status: 'resolved',
          openedAt: '2026-08-01T10:00:00+09:00',
        }),
      ],
    });
    expect(byKind(run(repeated), 'claim_verification')).toMatchObject({
      relevant: true,
      reasons: [
        { kind: 'repeated_not_received_claims', count: 2 },
        { kind: 'verification_required', score: 0.7 },
      ],
    });
    const once = card({ orders: [order({ status: 'delivered' })], claims: [claim()] });
    expect(byKind(run(once), 'claim_verification')).toMatchObject({
      relevant: false,
      reasons: [{ kind: 'no_claim_risk' }],
    });
    expect(byKind(run(once), 'reship').allowed).toBe(true);
  });

  it('refund limit: within the agent limit, or escalate', () => {
    const refund = (amount: number) =>
      card({ orders: [order({ status: 'returned' })], returns: [returnRequest({ amount })] });
    expect(byKind(run(refund(9_800)), 'refund_limit')).toMatchObject({
      allowed: true,
      escalate: false,
      reasons: [{ kind: 'refund_within_limit', amount: 9_800, limit: 20_000 }],
    });
    const big = byKind(run(refund(25_000)), 'refund_limit');
    expect(big).toMatchObject({
      allowed: false,
      escalate: true,
      reasons: [{ kind: 'refund_above_limit' }],
    });
    expect(big.sayJa).toContain('25,000円');
  });

  it('store pickup while the parcel is in transit', () => {
    const transit = card({
      orders: [order()],
      shipments: [shipment({ promisedDate: '2026-11-21' })],
    });
    expect(byKind(run(transit), 'store_pickup')).toMatchObject({
      allowed: true,
      relevant: true,
      reasons: [{ kind: 'shipment_in_transit', carrier: 'yamato' }],
    });
    expect(byKind(run(card()), 'store_pickup').allowed).toBe(false);
  });

  it('harassment protocol is always available, relevant with a history', () => {
    const flagged = byKind(
      run(card({ customer: customer({ flags: ['harassment_history'] }) })),
      'harassment_protocol',
    );
    expect(flagged).toMatchObject({
      allowed: true,
      relevant: true,
      reasons: [{ kind: 'harassment_history' }],
    });
    expect(byKind(run(card()), 'harassment_protocol')).toMatchObject({
      relevant: false,
      reasons: [{ kind: 'protocol_available', warningsBeforeTermination: 1 }],
    });
  });

  it('inactive policies yield nothing; relevant actions come first', () => {
    const inactive = policies.map((p) => ({ ...p, active: p.kind !== 'delay_coupon' }));
    expect(nextBestActions(inactive, card(), { now: NOW }).map((a) => a.kind)).not.toContain(
      'delay_coupon',
    );
    const sato = featuredCards().get(
      DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId,
    ) as CustomerCard;
    const actions = run(sato, { likelyReason: 'delivery.late' });
    expect(actions.filter((a) => a.relevant).map((a) => a.kind)).toEqual([
      'delay_coupon',
      'store_pickup',
    ]);
    expect(actions[0]).toMatchObject({ kind: 'delay_coupon', allowed: true });
  });

  it('every reason has words in both languages', () => {
    const all = [
      run(
        card({
          customer: customer({ tier: 'vip', flags: ['claim_risk', 'harassment_history'] }),
          orders: [order()],
          shipments: [shipment({ status: 'lost' })],
          claims: [claim()],
        }),
      ),
      run(
        card({
          orders: [order({ total: 99_000 })],
          shipments: [shipment({ promisedDate: '2026-11-22' })],
          returns: [returnRequest({ amount: 50_000 })],
        }),
      ),
      run(card()),
    ].flat();
    for (const a of all) {
      for (const r of a.reasons) {
        for (const locale of ['ja', 'en'] as const) {
          expect(describePolicyReason(r, locale)).not.toMatch(/undefined|null|NaN/);
        }
      }
    }
  });
});
