import { describe, expect, it } from 'vitest';
import {
  fitCallReasonModel,
  type LabelledCall,
} from '../../../src/main/core/predictions/call-reason-model';
import { NO_CALL_FACTS, type CallFacts } from '../../../src/main/core/predictions/call-features';
import { Random } from '../../../src/shared/demo/random';
import { likelyReasons, rankLikelyReasons, topReasonCode } from '../../../src/shared/guidance';
import { card, claim, NOW } from '../../fixtures/guidance-fixtures';

const facts = (over: Partial<CallFacts> = {}): CallFacts => ({ ...NO_CALL_FACTS, ...over });

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
