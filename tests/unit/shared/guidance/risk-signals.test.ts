import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../../src/shared/demo/generate-demo-records';
import { demoPolicies } from '../../../../src/shared/demo/policies';
import type { Policy } from '../../../../src/shared/domain/guidance';
import {
  claimRisk,
  deliveryEvidence,
  describeRiskReason,
  nextBestActions,
  nowDayOf,
  recordedRiskSignals,
  returnAbuse,
  riskSignals,
  riskThresholdsFrom,
  DEFAULT_RISK_THRESHOLDS,
} from '../../../../src/shared/guidance';
import { vocRecord } from '../../../../src/shared/domain/voc';
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

const policies = demoPolicies(Date.parse('2026-11-01T00:00:00Z'));
const nowDay = nowDayOf(NOW);
const delivered = (description: string) =>
  shipment({
    status: 'delivered',
    deliveredAt: '2026-11-20T14:00:00+09:00',
    events: [
      {
        occurredAt: '2026-11-20T14:00:00+09:00',
        status: 'delivered',
        location: '大宮センター',
        description,
      },
    ],
  });

/** Policies with the thresholds changed, as an admin's tuning arrives through sync. */
function tuned(params: Partial<Record<'claim' | 'vip', Policy['params']>>): Policy[] {
  return policies.map((p) =>
    p.kind === 'claim_verification' && params.claim
      ? { ...p, params: { ...p.params, ...params.claim } }
      : p.kind === 'vip_free_exchange' && params.vip
        ? { ...p, params: { ...p.params, ...params.vip } }
        : p,
  );
}

describe('claim risk', () => {
  it('reads proof of delivery from the tracking, in Japanese and English', () => {
    expect(
      deliveryEvidence(delivered('配達完了（置き配・写真撮影済み・GPS位置記録あり）')),
    ).toEqual(['photo', 'gps']);
    expect(deliveryEvidence(delivered('Delivered, signed by resident'))).toEqual(['signature']);
    expect(deliveryEvidence(delivered('配達完了（置き配）'))).toEqual([]);
  });

  it('adds delivery evidence, a high claim value and an address change to the claim count', () => {
    const one = card({
      orders: [order({ status: 'delivered' })],
      shipments: [delivered('配達完了（写真あり）')],
      claims: [claim({ amount: 39_800 })],
    });
    expect(claimRisk(one, nowDay)).toEqual({
      score: 0.65,
      flagged: false,
      notReceivedClaims: 1,
      factors: [
        { kind: 'delivery_evidence', evidence: ['photo'] },
        { kind: 'claim_value_high', amount: 39_800, limit: 30_000 },
      ],
    });
    const moved = { ...one, customer: customer({ flags: ['address_changed_recently'] }) };
    expect(claimRisk(moved, nowDay).score).toBe(0.8);
    // The retailer's high-value limit is a threshold too.
    expect(claimRisk(one, nowDay, { highValueClaimJpy: 50_000 }).score).toBe(0.5);
  });

  it('keeps the old scores where no new factor applies', () => {
    expect(claimRisk(card({ claims: [claim()] }), nowDay).score).toBe(0.3);
    expect(claimRisk(card({ customer: customer({ flags: ['claim_risk'] }) }), nowDay).score).toBe(
      1,
    );
  });
});

describe('claim risk with the retailer’s fitted weights', () => {
  // The claim on a parcel whose photo proves delivery, 39,800 yen: two factors present.
  const one = card({
    orders: [order({ status: 'delivered' })],
    shipments: [delivered('配達完了（写真あり）')],
    claims: [claim({ amount: 39_800 })],
  });
  const weights = {
    bias: -3,
    weights: {
      claim_risk_flag: 2.5,
      prior_not_received_claims: 1.5,
      delivery_evidence: 2,
      // The outcomes said a high value does not point to fraud: it is no longer a reason.
      claim_value_high: -0.5,
      address_changed: 1,
      return_abuse_high: 0.5,
    },
  };
  const withWeights = tuned({
    claim: {
      riskThreshold: 0.3,
      'weight.bias': weights.bias,
      ...Object.fromEntries(Object.entries(weights.weights).map(([f, w]) => [`weight.${f}`, w])),
    },
  });

  it('scores the claim as the fitted probability and keeps only the reasons the fit weighs up', () => {
    const signals = riskSignals(one, withWeights, NOW);
    expect(signals.thresholds.claimRiskWeights).toEqual(weights);
    // sigmoid(−3 + 2 · proof of delivery − 0.5 · high value) = sigmoid(−1.5)
    expect(signals.claim.score).toBe(Math.round(100 / (1 + Math.exp(1.5))) / 100);
    expect(signals.claim.high).toBe(false);
    expect(signals.claim.factors).toEqual([{ kind: 'delivery_evidence', evidence: ['photo'] }]);
    // The hand-set score of the same card, for comparison: 0.3 + 0.2 + 0.15.
    expect(riskSignals(one, policies, NOW).claim.score).toBe(0.65);
    const moved = { ...one, customer: customer({ flags: ['address_changed_recently'] }) };
    const high = riskSignals(moved, withWeights, NOW);
    expect(high.claim.score).toBe(Math.round(100 / (1 + Math.exp(0.5))) / 100);
    expect(high.claim.high).toBe(true);
    expect(recordedRiskSignals(high)[0]?.reasons.map((r) => r.code)).toEqual([
      'delivery_evidence',
      'address_changed',
    ]);
  });

  it('falls back to the hand-set score when a weight is missing', () => {
    const partial = tuned({ claim: { 'weight.bias': -3, 'weight.claim_risk_flag': 2.5 } });
    expect(riskThresholdsFrom(partial).claimRiskWeights).toBeNull();
    expect(riskSignals(one, partial, NOW).claim.score).toBe(0.65);
  });
});

describe('return abuse', () => {
  const orders = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      order({ id: `ord-${i}`, placedAt: '2026-10-01T10:00:00+09:00', status: 'delivered' }),
    );
  const returns = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      returnRequest({
        id: `ret-${i}`,
        orderId: `ord-${i}`,
        requestedAt: '2026-10-10T10:00:00+09:00',
      }),
    );

  it('is the return rate over the last year, damped below three returns', () => {
    expect(returnAbuse(card({ orders: orders(4), returns: returns(3) }), nowDay)).toEqual({
      score: 0.75,
      flagged: false,
      returns: 3,
      orders: 4,
    });
    expect(returnAbuse(card({ orders: orders(4), returns: returns(2) }), nowDay).score).toBe(0.25);
    expect(returnAbuse(card({ orders: orders(4) }), nowDay).score).toBe(0);
    const rejected = returns(3).map((r) => ({ ...r, status: 'rejected' as const }));
    expect(returnAbuse(card({ orders: orders(4), returns: rejected }), nowDay).returns).toBe(0);
    expect(
      returnAbuse(card({ customer: customer({ flags: ['return_abuse_risk'] }) }), nowDay).score,
    ).toBe(1);
  });

  it('withholds a VIP’s instant exchange above the threshold, and says why', () => {
    const vip = card({
      customer: customer({ tier: 'vip' }),
      orders: orders(4),
      returns: returns(3),
    });
    const exchange = nextBestActions(policies, vip, { now: NOW }).find(
      (a) => a.kind === 'vip_free_exchange',
    );
    expect(exchange).toMatchObject({
      allowed: true,
      reasons: [
        { kind: 'tier_eligible', tier: 'vip' },
        { kind: 'instant_exchange_withheld', returns: 3, orders: 4, score: 0.75 },
      ],
    });
    expect(exchange?.sayJa).toContain('到着を確認しだい');
    // The admin raises the threshold: the instant exchange is offered again.
    const relaxed = nextBestActions(tuned({ vip: { returnAbuseThreshold: 0.9 } }), vip, {
      now: NOW,
    }).find((a) => a.kind === 'vip_free_exchange');
    expect(relaxed?.reasons).toContainEqual({ kind: 'instant_exchange' });
  });
});

describe('thresholds from the synced policies', () => {
  it('reads each threshold from its policy param, with defaults for missing or odd values', () => {
    expect(riskThresholdsFrom(policies)).toEqual(DEFAULT_RISK_THRESHOLDS);
    expect(
      riskThresholdsFrom(
        tuned({
          claim: { riskThreshold: 0.5, highValueClaimJpy: 10_000 },
          vip: { tier: 'gold', returnAbuseThreshold: 7 },
        }),
      ),
    ).toEqual({
      claimRiskThreshold: 0.5,
      highValueClaimJpy: 10_000,
      returnAbuseThreshold: DEFAULT_RISK_THRESHOLDS.returnAbuseThreshold,
      vipTier: 'gold',
      claimRiskWeights: null,
      returnAbuseWeights: null,
    });
    expect(riskThresholdsFrom([])).toEqual(DEFAULT_RISK_THRESHOLDS);
  });

  it('a lower claim threshold sends a single claim to verification', () => {
    const once = card({ orders: [order({ status: 'delivered' })], claims: [claim()] });
    const verify = (p: Policy[]) =>
      nextBestActions(p, once, { now: NOW }).find((a) => a.kind === 'claim_verification');
    expect(verify(policies)?.relevant).toBe(false);
    expect(verify(tuned({ claim: { riskThreshold: 0.3 } }))).toMatchObject({
      relevant: true,
      reasons: [{ kind: 'verification_required', score: 0.3, threshold: 0.3 }],
    });
  });
});

describe('the featured high-risk claim (伊藤 翔太)', () => {
  const F = DEMO_FEATURED_CUSTOMERS.highRiskClaim;
  const ito = featuredCards().get(F.customerId)!;
  const now = DEFAULT_DEMO_NOW.getTime();

  it('needs verification before reship or refund, with every reason in plain words', () => {
    const signals = riskSignals(ito, policies, now);
    expect(signals.claim).toMatchObject({ score: 1, high: true, notReceivedClaims: 2 });
    const actions = nextBestActions(policies, ito, { now });
    expect(actions[0]).toMatchObject({ kind: 'claim_verification', relevant: true });
    expect(actions[0]?.reasons.map((r) => r.kind)).toEqual([
      'repeated_not_received_claims',
      'risk_reason',
      'risk_reason',
      'risk_reason',
      'verification_required',
    ]);
    expect(actions.find((a) => a.kind === 'reship')).toMatchObject({ allowed: false });
    expect(actions.find((a) => a.kind === 'refund_limit')).toMatchObject({ allowed: false });
    const words = signals.claim.factors.map((f) => describeRiskReason(f, 'ja'));
    expect(words).toEqual([
      '配送業者の記録に配達の証拠があります（配達写真・GPS位置記録）。',
      '申告金額 39,800円 は高額（30,000円 以上）です。',
      '最近ご住所が変更されています。',
    ]);
    expect(describeRiskReason(signals.claim.factors[0]!, 'en')).toBe(
      'The carrier recorded proof of delivery (photo, GPS location).',
    );
  });

  it('records the signal on the VoC record, which still validates', () => {
    const recorded = recordedRiskSignals(riskSignals(ito, policies, now));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      signal: 'claim_risk',
      score: 1,
      threshold: 0.7,
      action: 'verification_required',
    });
    expect(recorded[0]?.reasons.map((r) => r.code)).toEqual([
      'repeated_not_received_claims',
      'delivery_evidence',
      'claim_value_high',
      'address_changed',
    ]);
    const record = vocRecord.parse({
      id: '019a0000-0000-7000-8000-000000000001',
      callId: 'c-1',
      agentId: 'agent-1',
      centerId: 'center-1',
      customerId: F.customerId,
      orderId: F.orderId,
      reasonCodes: ['delivery.not_received'],
      predictedReason: null,
      sentiment: 'neutral',
      resolution: 'escalated',
      avoidable: true,
      customerWords: '',
      scriptId: null,
      scriptVersion: null,
      harassment: null,
      startedAt: '2026-11-23T00:00:00.000Z',
      endedAt: '2026-11-23T00:05:00.000Z',
      savedAt: '2026-11-23T00:06:00.000Z',
      afterCallWorkSeconds: 60,
      riskSignals: recorded,
    });
    expect(record.riskSignals).toEqual(recorded);
  });

  it('the featured late-untold VIP gets the instant exchange', () => {
    const takahashi = featuredCards().get(DEMO_FEATURED_CUSTOMERS.lateUntold.customerId)!;
    const signals = riskSignals(takahashi, policies, now);
    expect(signals.vip.eligible).toBe(true);
    expect(recordedRiskSignals(signals)).toMatchObject([
      { signal: 'vip', action: 'instant_exchange' },
    ]);
  });
});
