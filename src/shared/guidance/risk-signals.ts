import type { CustomerTier } from '../domain/customer';
import type { CustomerCard } from '../domain/customer-card';
import type { Policy } from '../domain/guidance';
import type { Language } from '../domain/primitives';
import type { RecordedRiskSignal } from '../domain/voc';
import { catalogs } from '../i18n';
import { fill } from '../i18n/fill';
import { claimRisk, type ClaimRisk, type ClaimRiskFactor } from './claim-risk';
import { formatMoney } from './money';
import { nowDayOf } from './order-signals';
import { returnAbuse, type ReturnAbuse } from './return-abuse';
import {
  CLAIM_RISK_FEATURES,
  RETURN_ABUSE_FEATURES,
  claimRiskFeatures,
  returnAbuseFeatures,
  scoreWithWeights,
  type ClaimRiskWeights,
  type ReturnAbuseWeights,
} from './risk-model';
import { riskThresholdsFrom, type RiskThresholds } from './risk-thresholds';

/**
 * The fraud and VIP signals of one customer, against the retailer's thresholds: the
 * delivery-claim risk, the return-abuse signal and the VIP tier. The next-best-actions read them
 * (verification before reship or refund; an instant exchange for a VIP, withheld on frequent
 * returns), the card shows them with their reasons, and the wrap-up records them.
 */
export interface RiskSignals {
  thresholds: RiskThresholds;
  claim: ClaimRisk & { high: boolean };
  returns: ReturnAbuse & { high: boolean };
  vip: { eligible: boolean; tier: CustomerTier };
}

export function riskSignals(
  card: CustomerCard,
  policies: readonly Policy[],
  now: Date | number | string,
): RiskSignals {
  const thresholds = riskThresholdsFrom(policies);
  return riskSignalsWith(card, thresholds, nowDayOf(now));
}

export function riskSignalsWith(
  card: CustomerCard,
  thresholds: RiskThresholds,
  nowDay: number,
): RiskSignals {
  const handSet = returnAbuse(card, nowDay);
  const returns = thresholds.returnAbuseWeights
    ? fittedReturnAbuse(handSet, card, nowDay, thresholds.returnAbuseWeights)
    : handSet;
  const returnsHigh = returns.score >= thresholds.returnAbuseThreshold;
  const handSetClaim = claimRisk(card, nowDay, {
    highValueClaimJpy: thresholds.highValueClaimJpy,
    returnAbuseHigh: returnsHigh,
  });
  const claim = thresholds.claimRiskWeights
    ? fittedClaimRisk(handSetClaim, card, nowDay, thresholds, thresholds.claimRiskWeights)
    : handSetClaim;
  return {
    thresholds,
    claim: { ...claim, high: claim.score >= thresholds.claimRiskThreshold },
    returns: { ...returns, high: returnsHigh },
    vip: { eligible: card.customer.tier === thresholds.vipTier, tier: card.customer.tier },
  };
}

/**
 * The claim risk with the retailer's fitted weights: the probability the logistic regression
 * gives the same readable factors (risk-model.ts), and as reasons only the factors the fit
 * weighs toward fraud, so the words the agent reads still say why.
 */
function fittedClaimRisk(
  handSet: ClaimRisk,
  card: CustomerCard,
  nowDay: number,
  thresholds: RiskThresholds,
  weights: ClaimRiskWeights,
): ClaimRisk {
  const row = claimRiskFeatures(card, nowDay, thresholds);
  const score = Math.round(scoreWithWeights(CLAIM_RISK_FEATURES, weights, row) * 100) / 100;
  const raises = (f: (typeof CLAIM_RISK_FEATURES)[number]) => weights.weights[f] > 0;
  const factorFeature = {
    claim_value_high: 'claim_value_high',
    delivery_evidence: 'delivery_evidence',
    address_changed: 'address_changed',
    return_abuse: 'return_abuse_high',
  } as const;
  return {
    score,
    flagged: handSet.flagged && raises('claim_risk_flag'),
    notReceivedClaims: raises('prior_not_received_claims') ? handSet.notReceivedClaims : 0,
    factors: handSet.factors.filter((f) => raises(factorFeature[f.kind])),
  };
}

/** The return-abuse signal with the retailer's fitted weights (see fittedClaimRisk). */
function fittedReturnAbuse(
  handSet: ReturnAbuse,
  card: CustomerCard,
  nowDay: number,
  weights: ReturnAbuseWeights,
): ReturnAbuse {
  const row = returnAbuseFeatures(card, nowDay);
  const score = Math.round(scoreWithWeights(RETURN_ABUSE_FEATURES, weights, row) * 100) / 100;
  return {
    ...handSet,
    score,
    flagged: handSet.flagged && weights.weights.return_abuse_flag > 0,
  };
}

/** A reason of a signal, as data: the renderer and the VoC record word it with `describeRiskReason`. */
export type RiskReason =
  | ClaimRiskFactor
  | { kind: 'claim_risk_flag' }
  | { kind: 'repeated_not_received_claims'; count: number }
  | { kind: 'return_abuse_flag' }
  | { kind: 'return_rate'; returns: number; orders: number };

export function claimRiskReasons(claim: ClaimRisk): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (claim.flagged) reasons.push({ kind: 'claim_risk_flag' });
  if (claim.notReceivedClaims >= 2)
    reasons.push({ kind: 'repeated_not_received_claims', count: claim.notReceivedClaims });
  return [...reasons, ...claim.factors];
}

export function returnAbuseReasons(returns: ReturnAbuse): RiskReason[] {
  return returns.flagged
    ? [{ kind: 'return_abuse_flag' }]
    : [{ kind: 'return_rate', returns: returns.returns, orders: returns.orders }];
}

/** The plain words for one reason, in the agent's language. */
export function describeRiskReason(reason: RiskReason, locale: Language): string {
  const t = catalogs[locale].outreach;
  const ja = locale === 'ja';
  switch (reason.kind) {
    case 'claim_value_high':
      return fill(t.reason.claim_value_high, {
        amount: formatMoney(reason.amount, 'JPY', locale),
        limit: formatMoney(reason.limit, 'JPY', locale),
      });
    case 'delivery_evidence':
      return fill(t.reason.delivery_evidence, {
        evidence: reason.evidence.map((e) => t.evidence[e]).join(ja ? '・' : ', '),
      });
    case 'address_changed':
      return t.reason.address_changed;
    case 'return_abuse':
      return t.reason.return_abuse_flag;
    case 'claim_risk_flag':
      return t.reason.claim_risk_flag;
    case 'repeated_not_received_claims':
      return fill(
        reason.count === 1
          ? t.reason.repeated_not_received_claims_one
          : t.reason.repeated_not_received_claims_other,
        { count: reason.count },
      );
    case 'return_abuse_flag':
      return t.reason.return_abuse_flag;
    case 'return_rate':
      return fill(t.reason.return_rate, { returns: reason.returns, orders: reason.orders });
  }
}

/**
 * The signals that shaped this call's actions, as the VoC record keeps them: each with its
 * score, threshold, what it required, and its reasons in both languages (the retailer reads
 * the export in either). Signals below their threshold are left out.
 */
export function recordedRiskSignals(signals: RiskSignals): RecordedRiskSignal[] {
  const words = (reasons: RiskReason[]) =>
    reasons.map((r) => ({
      code: r.kind,
      ja: describeRiskReason(r, 'ja'),
      en: describeRiskReason(r, 'en'),
    }));
  const out: RecordedRiskSignal[] = [];
  if (signals.claim.high) {
    out.push({
      signal: 'claim_risk',
      score: signals.claim.score,
      threshold: signals.thresholds.claimRiskThreshold,
      action: 'verification_required',
      reasons: words(claimRiskReasons(signals.claim)),
    });
  }
  if (signals.returns.high) {
    out.push({
      signal: 'return_abuse',
      score: signals.returns.score,
      threshold: signals.thresholds.returnAbuseThreshold,
      action: signals.vip.eligible ? 'instant_exchange_withheld' : null,
      reasons: words(returnAbuseReasons(signals.returns)),
    });
  }
  if (signals.vip.eligible) {
    out.push({
      signal: 'vip',
      score: null,
      threshold: null,
      action: signals.returns.high ? null : 'instant_exchange',
      reasons: [
        {
          code: 'tier',
          ja: catalogs.ja.outreach.signals.vip,
          en: catalogs.en.outreach.signals.vip,
        },
      ],
    });
  }
  return out;
}
