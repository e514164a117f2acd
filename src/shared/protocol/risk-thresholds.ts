import { z } from 'zod';
import { customerTier } from '../domain/customer';

/**
 * The fraud and VIP thresholds a retailer admin tunes (`PUT /v1/admin/risk-thresholds`). They
 * are kept in the params of the retailer's policies (`claim_verification`,
 * `vip_free_exchange`), so they reach every desktop through the change log like any policy,
 * and a desktop too old to know a param simply ignores it.
 */
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
  })
  .strict();
export type RiskThresholds = z.infer<typeof riskThresholds>;

/** An admin changes one threshold or several; the others keep their value. */
export const riskThresholdsUpdate = riskThresholds
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, { message: 'change at least one threshold' });
export type RiskThresholdsUpdate = z.infer<typeof riskThresholdsUpdate>;
