import type { CallFeature, PredictedReason, ReasonFactor } from '../domain/prediction';
import type { EvidenceItem } from './evidence';
import type { LikelyReason } from './likely-reason';

/**
 * One ranked list of "likely calling about" from the two sources Koe has: the deterministic
 * rules (likely-reason.ts: facts, but a score that is not a probability) and the learned model
 * (card.predictions: probabilities calibrated on held-out calls, ECE 0.030 on the demo data).
 *
 * Why this way:
 * - The number on screen is only ever the model's calibrated probability. The rules' score is
 *   not one: on the demo's held-out calls the rules said 80–98% where they were right 53% of
 *   the time. With no model fitted, the rules still rank, but no number is shown.
 * - The model ranks when it is fitted and sure enough: it reads the same facts the rules match
 *   (claims, lateness, refunds…) as features, plus the history of who called about what, so
 *   letting the rules overrule it would count those facts twice.
 * - When the model gives no reason `UNSURE_BELOW` (50%) or more, it says itself that its top
 *   reason is more likely wrong than right, and a rule that fired on hard evidence (an open
 *   claim, a late or lost parcel, a refund still owed) leads instead: the agent gets a fact to
 *   open with and to check first. On the demo's 465 held-out calls this changed the top reason
 *   of 17 and top-1 from 30.3% to 31.2% (no threshold from 0.2 to 0.6 did worse than the model
 *   alone), so it costs nothing measurable. That reason then shows "under 50%", not a number:
 *   still a true, calibrated statement, where the rules' own score would not be.
 * - Unless the rules measured better: the model's fit holds back its latest calls and counts
 *   how often each named the confirmed reason there (`heldOutTop1`); when the rules' first
 *   candidate did better, the rules rank (no number) and the wrap-up preselects theirs.
 * - Evidence shown for a reason is only the evidence for THAT reason: the rules' items for it,
 *   or else the model's factors that do not belong to another reason (the model may, say,
 *   raise "billing" a little on an open not-received claim; that claim is evidence for
 *   not-received, not for billing).
 */
export type ReasonConfidence =
  /** The model's calibrated probability (0–1). */
  | { kind: 'probability'; probability: number }
  /** The model is fitted, but gives no reason `below` or more. */
  | { kind: 'low'; below: number }
  /** No model: the rules' facts only, no number. */
  | { kind: 'rules' };

export interface RankedReason {
  reasonCode: string;
  confidence: ReasonConfidence;
  /** The rules' evidence for this reason, strongest first. */
  evidence: EvidenceItem[];
  /** The model's facts for this reason when the rules have none (never another reason's). */
  factors: ReasonFactor[];
  /** The order the evidence is about, if any. */
  orderId: string | null;
}

/** Under this top probability the model is "not sure": hard evidence may lead (see above). */
export const UNSURE_BELOW = 0.5;
/** Runners-up the model gives less than this are left out. */
export const MIN_LISTED_PROBABILITY = 0.01;
/** The list is the top reason and at most two runners-up. */
export const RANKED_REASONS_SHOWN = 3;

/** Rule evidence that is a fact about this customer's order, not a guess from timing. */
const HARD_EVIDENCE: ReadonlySet<EvidenceItem['kind']> = new Set([
  'claim_open',
  'shipment_lost',
  'shipment_late',
  'refund_pending',
]);

/**
 * The reason a model feature is evidence for, by the rules' reading (likely-reason.ts); a
 * feature not listed (tier, language…) belongs to no reason and may support any.
 */
const FEATURE_REASON: Partial<Record<CallFeature, readonly string[]>> = {
  days_late: ['delivery.late', 'delivery.wismo'],
  delay_reported: ['delivery.late', 'delivery.wismo'],
  shipment_lost: ['delivery.late'],
  delay_notice_sent: ['delivery.late', 'delivery.wismo'],
  in_transit: ['delivery.wismo', 'delivery.late'],
  delivered_0_3_days: ['delivery.not_received'],
  delivered_4_7_days: ['delivery.not_received'],
  claim_not_received: ['delivery.not_received'],
  claim_damaged: ['delivery.damaged'],
  claim_wrong_item: ['delivery.wrong_item'],
  return_in_progress: ['returns.status', 'returns.refund'],
  refund_pending: ['returns.refund'],
};

function factorSupports(factor: ReasonFactor, reasonCode: string): boolean {
  if (factor.feature === 'previous_reason') return factor.reasonCode === reasonCode;
  const reasons = FEATURE_REASON[factor.feature];
  return reasons === undefined || reasons.includes(reasonCode);
}

function hasHardEvidence(reason: LikelyReason): boolean {
  return reason.evidence.some((item) => HARD_EVIDENCE.has(item.kind));
}

export function rankLikelyReasons(
  rules: readonly LikelyReason[],
  model: readonly PredictedReason[] | null | undefined,
  /**
   * How the model and the rules measured on calls held back from the model's fit: when the
   * rules named the confirmed reason more often, they rank (and the wrap-up preselects theirs).
   */
  heldOutTop1?: { model: number; rules: number },
): RankedReason[] {
  const ruleBy = new Map(rules.map((r) => [r.reasonCode, r]));
  const explain = (
    reasonCode: string,
    confidence: ReasonConfidence,
    factors: readonly ReasonFactor[],
  ): RankedReason => {
    const rule = ruleBy.get(reasonCode);
    return {
      reasonCode,
      confidence,
      evidence: rule?.evidence ?? [],
      factors: rule?.evidence.length ? [] : factors.filter((f) => factorSupports(f, reasonCode)),
      orderId: rule?.orderId ?? null,
    };
  };

  const rulesMeasuredBetter =
    heldOutTop1 !== undefined && heldOutTop1.rules > heldOutTop1.model && rules.length > 0;
  if (!model || model.length === 0 || rulesMeasuredBetter) {
    return rules
      .slice(0, RANKED_REASONS_SHOWN)
      .map((r) => explain(r.reasonCode, { kind: 'rules' }, []));
  }

  // A reason under 1% says nothing to the agent: not listed.
  const byProbability = model
    .filter((p, i) => i === 0 || p.probability >= MIN_LISTED_PROBABILITY)
    .sort((a, b) => b.probability - a.probability);
  const top = byProbability[0] as PredictedReason;
  const probability = (p: PredictedReason): ReasonConfidence => ({
    kind: 'probability',
    probability: p.probability,
  });
  if (top.probability >= UNSURE_BELOW) {
    return byProbability
      .slice(0, RANKED_REASONS_SHOWN)
      .map((p) => explain(p.reasonCode, probability(p), p.factors));
  }

  // Not sure: hard evidence leads (the rules are sorted strongest first), else the model's top.
  const hard = rules.find(hasHardEvidence);
  const leadCode = hard?.reasonCode ?? top.reasonCode;
  const lead = explain(
    leadCode,
    { kind: 'low', below: UNSURE_BELOW },
    model.find((p) => p.reasonCode === leadCode)?.factors ?? [],
  );
  const rest = byProbability
    .filter((p) => p.reasonCode !== leadCode)
    .map((p) => explain(p.reasonCode, probability(p), p.factors));
  return [lead, ...rest].slice(0, RANKED_REASONS_SHOWN);
}

/** The reason to preselect in the wrap-up form: the top of the one ranked list. */
export function topReasonCode(ranked: readonly RankedReason[]): string | null {
  return ranked[0]?.reasonCode ?? null;
}
