import type { CustomerCard } from '../domain/customer-card';
import { jstDayOf } from './calendar';
import { claimRisk, deliveryEvidence } from './claim-risk';
import { fitLogistic, logisticScore, type LogisticOptions } from './logistic-regression';
import { isOpenClaim, newestFirst } from './order-signals';
import {
  CLAIM_RISK_FEATURES,
  RETURN_ABUSE_FEATURES,
  type ClaimRiskWeights,
  type ReturnAbuseWeights,
} from '../protocol/risk-thresholds';
import { returnAbuse } from './return-abuse';

/**
 * The claim-risk and return-abuse scores as probabilities fitted to the retailer's settled
 * outcomes (a claim denied, a return rejected) instead of hand-set weights: the same readable
 * factors the agent already sees, each a column of a logistic regression, so a reason shown is
 * still "proof of delivery contradicts the claim", now with a weight the outcomes justify.
 */
export { CLAIM_RISK_FEATURES, RETURN_ABUSE_FEATURES };

export type ClaimRiskFeature = (typeof CLAIM_RISK_FEATURES)[number];
export type ReturnAbuseFeature = (typeof RETURN_ABUSE_FEATURES)[number];

export interface RiskModel<F extends string> {
  features: readonly F[];
  /** Bias first, then one weight per feature. */
  weights: number[];
  cases: number;
  positives: number;
}

/** The claim-risk factors of the newest open claim on the card (0–1 each). */
export function claimRiskFeatures(
  card: CustomerCard,
  nowDay: number,
  options: { highValueClaimJpy: number; returnAbuseThreshold: number },
): number[] {
  const returns = returnAbuse(card, nowDay);
  const base = claimRisk(card, nowDay, {
    highValueClaimJpy: options.highValueClaimJpy,
    returnAbuseHigh: returns.score >= options.returnAbuseThreshold,
  });
  const claim = newestFirst(card.claims.filter(isOpenClaim), (c) => c.openedAt)[0];
  const shipment = claim
    ? card.shipments.find((s) => s.id === claim.shipmentId || s.orderId === claim.orderId)
    : undefined;
  const current = claim?.type === 'not_received' ? 1 : 0;
  const has = (kind: string) => (base.factors.some((f) => f.kind === kind) ? 1 : 0);
  return [
    base.flagged ? 1 : 0,
    Math.min(3, Math.max(0, base.notReceivedClaims - current)) / 3,
    claim?.type === 'not_received' && shipment && deliveryEvidence(shipment).length > 0 ? 1 : 0,
    has('claim_value_high'),
    has('address_changed'),
    has('return_abuse'),
  ];
}

/** The return-abuse factors of the customer at `nowDay` (0–1 each). */
export function returnAbuseFeatures(card: CustomerCard, nowDay: number): number[] {
  const r = returnAbuse(card, nowDay);
  const rate = r.orders === 0 ? 0 : Math.min(1, r.returns / r.orders);
  const rejectedBefore = card.returns.some((x) => {
    const day = jstDayOf(x.updatedAt);
    return x.status === 'rejected' && day !== null && day <= nowDay;
  });
  return [r.flagged ? 1 : 0, rate, r.returns >= 3 ? 1 : 0, rejectedBefore ? 1 : 0];
}

export function fitRiskModel<F extends string>(
  features: readonly F[],
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options?: LogisticOptions,
): RiskModel<F> {
  const fit = fitLogistic(rows, labels, options);
  return { features, ...fit };
}

export function riskScore(model: RiskModel<string>, row: readonly number[]): number {
  return logisticScore(model.weights, row);
}

/** The factors that raised this case's score (weight × value > 0), strongest first. */
export function riskReasons<F extends string>(model: RiskModel<F>, row: readonly number[]): F[] {
  return model.features
    .map((f, j) => ({ f, c: (model.weights[j + 1] ?? 0) * (row[j] ?? 0) }))
    .filter((x) => x.c > 0)
    .sort((a, b) => b.c - a.c)
    .map((x) => x.f);
}

/** A fitted model as the retailer's policies carry it (risk-thresholds protocol). */
export function weightsOfModel<F extends string>(
  model: RiskModel<F>,
): { bias: number; weights: Record<F, number> } {
  return {
    bias: model.weights[0] ?? 0,
    weights: Object.fromEntries(
      model.features.map((f, j) => [f, model.weights[j + 1] ?? 0]),
    ) as Record<F, number>,
  };
}

/** The probability a fitted model gives a row of factors (in the model's feature order). */
export function scoreWithWeights<F extends string>(
  features: readonly F[],
  fitted: { bias: number; weights: Record<F, number> },
  row: readonly number[],
): number {
  return riskScore(
    {
      features,
      weights: [fitted.bias, ...features.map((f) => fitted.weights[f])],
      cases: 0,
      positives: 0,
    },
    row,
  );
}

export type { ClaimRiskWeights, ReturnAbuseWeights };
