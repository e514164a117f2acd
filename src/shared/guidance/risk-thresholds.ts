import type { CustomerTier } from '../domain/customer';
import { customerTier } from '../domain/customer';
import type { Policy } from '../domain/guidance';
import {
  CLAIM_RISK_FEATURES,
  RETURN_ABUSE_FEATURES,
  type RiskThresholds,
} from '../protocol/risk-thresholds';
import { DEFAULT_HIGH_VALUE_CLAIM_JPY, DEFAULT_RISK_THRESHOLD } from './claim-risk';
import { DEFAULT_RETURN_ABUSE_THRESHOLD } from './return-abuse';

export type { RiskThresholds } from '../protocol/risk-thresholds';

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  claimRiskThreshold: DEFAULT_RISK_THRESHOLD,
  highValueClaimJpy: DEFAULT_HIGH_VALUE_CLAIM_JPY,
  returnAbuseThreshold: DEFAULT_RETURN_ABUSE_THRESHOLD,
  vipTier: 'vip',
  claimRiskWeights: null,
  returnAbuseWeights: null,
};

type ScalarThreshold = Exclude<keyof RiskThresholds, 'claimRiskWeights' | 'returnAbuseWeights'>;

/** Where each threshold lives: the policy kind and its param. */
export const RISK_THRESHOLD_PARAMS = {
  claimRiskThreshold: { kind: 'claim_verification', param: 'riskThreshold' },
  highValueClaimJpy: { kind: 'claim_verification', param: 'highValueClaimJpy' },
  returnAbuseThreshold: { kind: 'vip_free_exchange', param: 'returnAbuseThreshold' },
  vipTier: { kind: 'vip_free_exchange', param: 'tier' },
} as const satisfies Record<ScalarThreshold, { kind: Policy['kind']; param: string }>;

/**
 * Where fitted weights live: one numeric param per weight (`weight.bias`, `weight.<factor>`) of
 * the policy whose threshold they go with, since a policy's params are flat.
 */
export const RISK_WEIGHT_PARAMS = {
  claimRiskWeights: { kind: 'claim_verification', features: CLAIM_RISK_FEATURES },
  returnAbuseWeights: { kind: 'vip_free_exchange', features: RETURN_ABUSE_FEATURES },
} as const;

export const WEIGHT_PARAM_PREFIX = 'weight.';

/** The params that carry fitted weights (null: remove them, back to the hand-set score). */
export function weightParams(
  weights: { bias: number; weights: Record<string, number> } | null,
  features: readonly string[],
): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = { [`${WEIGHT_PARAM_PREFIX}bias`]: weights?.bias };
  for (const f of features) out[`${WEIGHT_PARAM_PREFIX}${f}`] = weights?.weights[f];
  return out;
}

function weightsFrom<F extends string>(
  policies: readonly Policy[],
  kind: Policy['kind'],
  features: readonly F[],
): { bias: number; weights: Record<F, number> } | null {
  const read = (name: string) => {
    const v = param(policies, kind, `${WEIGHT_PARAM_PREFIX}${name}`);
    return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 20 ? v : null;
  };
  const bias = read('bias');
  if (bias === null) return null;
  const weights = {} as Record<F, number>;
  for (const f of features) {
    const w = read(f);
    // Half a model is no model: the hand-set score.
    if (w === null) return null;
    weights[f] = w;
  }
  return { bias, weights };
}

function param(policies: readonly Policy[], kind: Policy['kind'], name: string): unknown {
  return policies.find((p) => p.active && p.kind === kind)?.params[name];
}

const unit = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : null;

/** The retailer's thresholds as synced in its policies; a missing or odd value is the default. */
export function riskThresholdsFrom(policies: readonly Policy[]): RiskThresholds {
  const P = RISK_THRESHOLD_PARAMS;
  const value = (key: ScalarThreshold) => param(policies, P[key].kind, P[key].param);
  const highValue = value('highValueClaimJpy');
  const tier = customerTier.safeParse(value('vipTier'));
  return {
    claimRiskThreshold:
      unit(value('claimRiskThreshold')) ?? DEFAULT_RISK_THRESHOLDS.claimRiskThreshold,
    highValueClaimJpy:
      typeof highValue === 'number' && Number.isFinite(highValue) && highValue >= 0
        ? highValue
        : DEFAULT_RISK_THRESHOLDS.highValueClaimJpy,
    returnAbuseThreshold:
      unit(value('returnAbuseThreshold')) ?? DEFAULT_RISK_THRESHOLDS.returnAbuseThreshold,
    vipTier: tier.success ? (tier.data as CustomerTier) : DEFAULT_RISK_THRESHOLDS.vipTier,
    claimRiskWeights: weightsFrom(policies, 'claim_verification', CLAIM_RISK_FEATURES),
    returnAbuseWeights: weightsFrom(policies, 'vip_free_exchange', RETURN_ABUSE_FEATURES),
  };
}
