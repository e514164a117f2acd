import { describe, expect, it } from 'vitest';
import {
  fitCallReasonModel,
  type LabelledCall,
} from '../../../src/main/core/predictions/call-reason-model';
import type { CallFacts } from '../../../src/main/core/predictions/call-features';
import { Random } from '../../../src/shared/demo/random';
import { likelyReasons, rankLikelyReasons, topReasonCode } from '../../../src/shared/guidance';
import { card, claim, NOW } from '../../fixtures/guidance-fixtures';

const facts = (over: Partial<CallFacts> = {}): CallFacts =>
  ({
    days_late: 0,
    delay_reported: 0,
    shipment_lost: 0,
    in_transit: 0,
    delivered_0_3_days: 0,
    delivered_4_7_days: 0,
    returned_to_sender: 0,
    claim_not_received: 0,
    claim_damaged: 0,
    claim_wrong_item: 0,
    return_in_progress: 0,
    exchange_in_progress: 0,
    refund_pending: 0,
    order_within_12_hours: 0,
    order_within_48_hours: 0,
    tier_silver: 0,
    tier_gold: 0,
    tier_vip: 0,
    english_speaker: 0,
    delay_notice_sent: 0,
    no_orders: 0,
    previous_reason: null,
    ...over,
  }) as CallFacts;

/**
 * Two fixtures with known answers. In the first the reason follows a fact the model reads
 * (late → delivery.late) and the rules name a coin flip; in the second the facts say nothing
 * and the rules know the reason (as if from something the model cannot see).
 */
function calls(rulesKnow: boolean): LabelledCall[] {
  const random = new Random(7);
  const codes = ['delivery.late', 'product.question'];
  return Array.from({ length: 1_000 }, () => {
    const late = random.chance(0.5);
    const reasonCode = rulesKnow ? (codes[random.int(0, 1)] as string) : codes[late ? 0 : 1]!;
    const ruled = rulesKnow ? reasonCode : (codes[random.int(0, 1)] as string);
    return {
      facts: facts(rulesKnow ? {} : { days_late: late ? 3 : 0 }),
      reasonCode,
      rules: [{ reasonCode: ruled }],
    };
  });
}

describe('measuring the model against the rules on held-back calls', () => {
  it('measures the model better when the facts carry the reason', () => {
    const h = fitCallReasonModel(calls(false), { steps: 300 })!.heldOutTop1!;
    expect(h.calls).toBe(200);
    expect(h.model).toBe(1);
    expect(h.rules).toBeGreaterThan(0.35);
    expect(h.rules).toBeLessThan(0.65);
  });

  it('measures the rules better when only they know, and the desk then preselects theirs', () => {
    const h = fitCallReasonModel(calls(true), { steps: 300 })!.heldOutTop1!;
    expect(h.rules).toBe(1);
    expect(h.model).toBeLessThan(0.65);
    const c = card({ claims: [claim({ status: 'open', type: 'damaged' })] });
    const rules = likelyReasons(c, NOW);
    const model = [{ reasonCode: 'product.question', probability: 0.9, factors: [] }];
    expect(topReasonCode(rankLikelyReasons(rules, model))).toBe('product.question');
    expect(topReasonCode(rankLikelyReasons(rules, model, h))).toBe('delivery.damaged');
  });
});
