import { z } from 'zod';
import { customerTier } from '../domain/customer';

/**
 * The fraud and VIP thresholds a retailer admin tunes (`PUT /v1/admin/risk-thresholds`). They
 * are kept in the params of the retailer's policies (`claim_verification`,
 * `vip_free_exchange`), so they reach every desktop through the change log like any policy,
 * and a desktop too old to know a param simply ignores it.
 */
/**
 * The readable factors of each risk score (risk-model.ts reads them off the card), in the order
 * of a fitted model's weights.
 */
export const CLAIM_RISK_FEATURES = [
  'claim_risk_flag',
  'prior_not_received_claims',
  'delivery_evidence',
  'claim_value_high',
  'address_changed',
  'return_abuse_high',
] as const;

export const RETURN_ABUSE_FEATURES = [
  'return_abuse_flag',
  'return_rate',
  'three_or_more_returns',
  'return_rejected_before',
] as const;

const weight = z.number().min(-20).max(20);

const weightsOf = <F extends string>(features: readonly F[]) =>
  z
    .object({
      bias: weight,
      weights: z
        .object(Object.fromEntries(features.map((f) => [f, weight])) as Record<F, typeof weight>)
        .strict(),
    })
    .strict();

/**
 * A score's weights fitted by logistic regression on the retailer's settled outcomes (the admin
 * view fits them on the desk and saves them here): with them every desk scores a claim or a
 * return as a probability instead of the hand-set sum. Null: the hand-set weights.
 */
export const claimRiskWeights = weightsOf(CLAIM_RISK_FEATURES);
export const returnAbuseWeights = weightsOf(RETURN_ABUSE_FEATURES);
export type ClaimRiskWeights = z.infer<typeof claimRiskWeights>;
export type ReturnAbuseWeights = z.infer<typeof returnAbuseWeights>;

export const riskThresholds = z
  .object({
    /** Claim-risk score (0–1) from which a claim needs verification before reship or refund. */
    claimRiskThreshold: z.number().min(0).max(1),
    /** An open claim of at least this many yen counts as high-value. */
    highValueClaimJpy: z.number().int().min(0).max(100_000_000),
    /** Return-abuse score (0–1) from which a VIP's exchange waits for the return. */
    returnAbuseThreshold: z.number().min(0).max(1),
    /** The tier that gets the instant exchange. */
    vipTier: customerTier,
    /** Fitted claim-risk weights (null: hand-set). Absent from older servers. */
    claimRiskWeights: claimRiskWeights.nullable().optional(),
    /** Fitted return-abuse weights (null: hand-set). Absent from older servers. */
    returnAbuseWeights: returnAbuseWeights.nullable().optional(),
  })
  .strict();
export type RiskThresholds = z.infer<typeof riskThresholds>;

/** An admin changes one threshold or several; the others keep their value. */
export const riskThresholdsUpdate = riskThresholds
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, { message: 'change at least one threshold' });
export type RiskThresholdsUpdate = z.infer<typeof riskThresholdsUpdate>;
