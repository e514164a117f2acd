import type { CustomerCard } from '../domain/customer-card';
import { jstDayOf } from './calendar';

/**
 * How risky a delivery claim from this customer is: the retailer's `claim_risk` flag, or
 * repeated not-received claims in the last year. The claim-verification policy compares the
 * score with its `riskThreshold` (0–1).
 */
export interface ClaimRisk {
  score: number;
  flagged: boolean;
  /** Not-received claims opened in the last 365 days. */
  notReceivedClaims: number;
}

export const CLAIM_RISK_WINDOW_DAYS = 365;
/** The threshold when a policy does not give one; two not-received claims reach it. */
export const DEFAULT_RISK_THRESHOLD = 0.7;

export function claimRisk(card: CustomerCard, nowDay: number): ClaimRisk {
  const flagged = card.customer.flags.includes('claim_risk');
  const notReceivedClaims = card.claims.filter((c) => {
    if (c.type !== 'not_received') return false;
    const opened = jstDayOf(c.openedAt);
    return opened !== null && nowDay - opened <= CLAIM_RISK_WINDOW_DAYS;
  }).length;
  const base =
    notReceivedClaims >= 3 ? 0.9 : notReceivedClaims === 2 ? 0.7 : notReceivedClaims * 0.3;
  const abuse = card.customer.flags.includes('return_abuse_risk') ? 0.1 : 0;
  const score = flagged ? 1 : Math.min(1, Math.round((base + abuse) * 100) / 100);
  return { score, flagged, notReceivedClaims };
}
