import type { CustomerTier } from '../domain/customer';
import { customerTier } from '../domain/customer';
import type { Policy } from '../domain/guidance';
import type { RiskThresholds } from '../protocol/risk-thresholds';
import { DEFAULT_HIGH_VALUE_CLAIM_JPY, DEFAULT_RISK_THRESHOLD } from './claim-risk';
import { DEFAULT_RETURN_ABUSE_THRESHOLD } from './return-abuse';

export type { RiskThresholds } from '../protocol/risk-thresholds';

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  claimRiskThreshold: DEFAULT_RISK_THRESHOLD,
  highValueClaimJpy: DEFAULT_HIGH_VALUE_CLAIM_JPY,
  returnAbuseThreshold: DEFAULT_RETURN_ABUSE_THRESHOLD,
  vipTier: 'vip',
};

/** Where each threshold lives: the policy kind and its param. */
export const RISK_THRESHOLD_PARAMS = {
  claimRiskThreshold: { kind: 'claim_verification', param: 'riskThreshold' },
  highValueClaimJpy: { kind: 'claim_verification', param: 'highValueClaimJpy' },
  returnAbuseThreshold: { kind: 'vip_free_exchange', param: 'returnAbuseThreshold' },
  vipTier: { kind: 'vip_free_exchange', param: 'tier' },
} as const satisfies Record<keyof RiskThresholds, { kind: Policy['kind']; param: string }>;

function param(policies: readonly Policy[], kind: Policy['kind'], name: string): unknown {
  return policies.find((p) => p.active && p.kind === kind)?.params[name];
}

const unit = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : null;

/** The retailer's thresholds as synced in its policies; a missing or odd value is the default. */
export function riskThresholdsFrom(policies: readonly Policy[]): RiskThresholds {
  const P = RISK_THRESHOLD_PARAMS;
  const value = (key: keyof RiskThresholds) => param(policies, P[key].kind, P[key].param);
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
  };
}
