import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED_CUSTOMERS } from '../../../../src/shared/demo/featured-customers';
import type { PredictedReason } from '../../../../src/shared/domain';
import {
  likelyReasons,
  rankLikelyReasons,
  topReasonCode,
  UNSURE_BELOW,
  type EvidenceItem,
} from '../../../../src/shared/guidance';
import { featuredCards, NOW } from '../../../fixtures/guidance-fixtures';

const cards = featuredCards();
const SUZUKI = cards.get(DEMO_FEATURED_CUSTOMERS.notReceivedClaim.customerId)!;
const HANAKO = cards.get(DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId)!;

/** What the fitted demo model said for 鈴木 一郎 in issue 17 (rules: 未着 93%). */
const SUZUKI_MODEL_ISSUE: PredictedReason[] = [
  { reasonCode: 'returns.request', probability: 0.36, factors: [] },
  { reasonCode: 'delivery.not_received', probability: 0.22, factors: [] },
  { reasonCode: 'billing.payment', probability: 0.1, factors: [] },
];
/** What it said on today's demo data: unsure, and citing the claim for billing. */
const SUZUKI_MODEL_TODAY: PredictedReason[] = [
  {
    reasonCode: 'billing.payment',
    probability: 0.2,
    factors: [
      { feature: 'previous_reason', value: 1, reasonCode: 'delivery.not_received' },
      { feature: 'delivered_4_7_days', value: 1 },
      { feature: 'claim_not_received', value: 1 },
    ],
  },
  { reasonCode: 'product.stock', probability: 0.16, factors: [] },
  { reasonCode: 'delivery.not_received', probability: 0.14, factors: [] },
];

/** Which reason an evidence item is evidence for, by the rules themselves. */
function evidenceReasons(code: string, rules = likelyReasons(SUZUKI, NOW)): EvidenceItem[] {
  return rules.find((r) => r.reasonCode === code)?.evidence ?? [];
}

describe('rankLikelyReasons: one list from the rules and the model', () => {
  it.each([
    ['the issue', SUZUKI_MODEL_ISSUE],
    ['today', SUZUKI_MODEL_TODAY],
  ])(
    '鈴木 一郎 (%s): one top reason — the open claim — with one confidence, not two contradicting ones',
    (_, model) => {
      const rules = likelyReasons(SUZUKI, NOW);
      expect(rules[0]?.reasonCode).toBe('delivery.not_received');
      const ranked = rankLikelyReasons(rules, model);

      const [top, ...rest] = ranked;
      expect(top?.reasonCode).toBe('delivery.not_received');
      // The model is unsure (its top is under 50%): the top says so, with no made-up number.
      expect(top?.confidence).toEqual({ kind: 'low', below: UNSURE_BELOW });
      // The evidence is the claim — for THIS reason, the rules' own items for it.
      expect(top?.evidence.map((e) => e.kind)).toContain('claim_open');
      expect(top?.evidence).toEqual(evidenceReasons('delivery.not_received', rules));
      // Each reason appears once: the top is not repeated with another confidence below.
      expect(new Set(ranked.map((r) => r.reasonCode)).size).toBe(ranked.length);
      expect(rest.every((r) => r.confidence.kind === 'probability')).toBe(true);
      expect(topReasonCode(ranked)).toBe('delivery.not_received');
    },
  );

  it("never shows another reason's fact as evidence: the claim does not explain billing", () => {
    const ranked = rankLikelyReasons(likelyReasons(SUZUKI, NOW), SUZUKI_MODEL_TODAY);
    const billing = ranked.find((r) => r.reasonCode === 'billing.payment');
    expect(billing?.confidence).toEqual({ kind: 'probability', probability: 0.2 });
    expect(billing?.evidence).toEqual([]);
    expect(billing?.factors).toEqual([]);
  });

  it('a sure model leads with its calibrated probability, explained by the rules for that reason', () => {
    const rules = likelyReasons(HANAKO, NOW);
    const ranked = rankLikelyReasons(rules, [
      { reasonCode: 'delivery.late', probability: 0.62, factors: [] },
      { reasonCode: 'delivery.wismo', probability: 0.33, factors: [] },
      { reasonCode: 'other', probability: 0.004, factors: [] },
    ]);
    expect(ranked.map((r) => [r.reasonCode, r.confidence])).toEqual([
      ['delivery.late', { kind: 'probability', probability: 0.62 }],
      ['delivery.wismo', { kind: 'probability', probability: 0.33 }],
      // 'other' at 0.4% is not listed.
    ]);
    expect(ranked[0]?.evidence[0]?.kind).toBe('shipment_late');
    expect(ranked[0]?.orderId).toBe(DEMO_FEATURED_CUSTOMERS.lateDelivery.orderId);
  });

  it('a sure model outranks hard evidence for another reason, and keeps only its own facts', () => {
    const ranked = rankLikelyReasons(likelyReasons(HANAKO, NOW), [
      {
        reasonCode: 'returns.refund',
        probability: 0.7,
        factors: [
          { feature: 'days_late', value: 3 },
          { feature: 'tier_gold', value: 1 },
        ],
      },
      { reasonCode: 'delivery.late', probability: 0.2, factors: [] },
    ]);
    expect(ranked[0]?.reasonCode).toBe('returns.refund');
    expect(ranked[0]?.evidence).toEqual([]);
    // Lateness is the late reason's fact; the tier belongs to no reason and may support any.
    expect(ranked[0]?.factors).toEqual([{ feature: 'tier_gold', value: 1 }]);
  });

  it('unsure model and no hard evidence: the model still leads, shown as under 50%', () => {
    const ranked = rankLikelyReasons(
      [],
      [
        { reasonCode: 'product.question', probability: 0.3, factors: [] },
        { reasonCode: 'billing.payment', probability: 0.25, factors: [] },
      ],
    );
    expect(ranked[0]).toMatchObject({
      reasonCode: 'product.question',
      confidence: { kind: 'low', below: UNSURE_BELOW },
    });
  });

  it('no model fitted: the rules rank, with no number (their score is not a probability)', () => {
    const rules = likelyReasons(SUZUKI, NOW);
    for (const model of [undefined, null, []]) {
      const ranked = rankLikelyReasons(rules, model);
      expect(ranked.map((r) => r.reasonCode)).toEqual(rules.slice(0, 3).map((r) => r.reasonCode));
      expect(ranked.every((r) => r.confidence.kind === 'rules')).toBe(true);
    }
  });
});
