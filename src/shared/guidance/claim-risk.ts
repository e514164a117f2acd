import type { DeliveryClaim } from '../domain/after-sales';
import type { CustomerCard } from '../domain/customer-card';
import type { Shipment } from '../domain/order';
import { jstDayOf } from './calendar';
import { isOpenClaim, newestFirst } from './order-signals';

/**
 * How risky a delivery claim from this customer is (0–1): the retailer's `claim_risk` flag, or
 * what the history says — repeated not-received claims in the last year, a high-value claim,
 * a carrier record that proves delivery, a recent address change, frequent returns. The
 * claim-verification policy compares the score with its `riskThreshold`.
 *
 * A plain weighted sum rather than a fitted model: the retailer must be able to read why a
 * claim was held for verification, and the demo history is too small to fit weights honestly.
 */
export interface ClaimRisk {
  score: number;
  flagged: boolean;
  /** Not-received claims opened in the last 365 days. */
  notReceivedClaims: number;
  /** What raised the score beyond the claim count, strongest evidence first. */
  factors: ClaimRiskFactor[];
}

export type DeliveryEvidence = 'signature' | 'photo' | 'gps' | 'handed';

export type ClaimRiskFactor =
  | { kind: 'claim_value_high'; amount: number; limit: number }
  | { kind: 'delivery_evidence'; evidence: DeliveryEvidence[] }
  | { kind: 'address_changed' }
  | { kind: 'return_abuse' };

export interface ClaimRiskOptions {
  /** An open claim at or above this amount (JPY) is high-value. */
  highValueClaimJpy?: number;
  /** The return-abuse signal is high (see `returnAbuse`); the flag counts as high too. */
  returnAbuseHigh?: boolean;
}

export const CLAIM_RISK_WINDOW_DAYS = 365;
/** The threshold when a policy does not give one; two not-received claims reach it. */
export const DEFAULT_RISK_THRESHOLD = 0.7;
export const DEFAULT_HIGH_VALUE_CLAIM_JPY = 30_000;

/** Weights of the factors; two not-received claims (0.7) alone reach the default threshold. */
export const CLAIM_RISK_WEIGHTS = {
  claimValueHigh: 0.15,
  deliveryEvidence: 0.2,
  addressChanged: 0.15,
  returnAbuse: 0.1,
} as const;

/** Words carriers use in tracking events for proof of delivery (ja and en). */
const EVIDENCE_PATTERNS: readonly [DeliveryEvidence, RegExp][] = [
  ['signature', /サイン|署名|受領印|signature|signed/i],
  ['photo', /写真|photo/i],
  ['gps', /GPS|位置情報/i],
  ['handed', /対面|手渡し|handed/i],
];

/** Proof of delivery in a shipment's tracking: signature, photo, GPS, handed over in person. */
export function deliveryEvidence(shipment: Shipment): DeliveryEvidence[] {
  const found = new Set<DeliveryEvidence>();
  for (const event of shipment.events) {
    if (event.status !== 'delivered') continue;
    for (const [kind, pattern] of EVIDENCE_PATTERNS) {
      if (pattern.test(event.description)) found.add(kind);
    }
  }
  return EVIDENCE_PATTERNS.map(([kind]) => kind).filter((kind) => found.has(kind));
}

/** The claim the call is about: the newest open one, else none. */
function openClaim(card: CustomerCard): DeliveryClaim | null {
  return (
    newestFirst(
      card.claims.filter((c) => isOpenClaim(c)),
      (c) => c.openedAt,
    )[0] ?? null
  );
}

export function claimRisk(
  card: CustomerCard,
  nowDay: number,
  options: ClaimRiskOptions = {},
): ClaimRisk {
  const flagged = card.customer.flags.includes('claim_risk');
  const notReceivedClaims = card.claims.filter((c) => {
    if (c.type !== 'not_received') return false;
    const opened = jstDayOf(c.openedAt);
    return opened !== null && nowDay - opened <= CLAIM_RISK_WINDOW_DAYS;
  }).length;
  const base =
    notReceivedClaims >= 3 ? 0.9 : notReceivedClaims === 2 ? 0.7 : notReceivedClaims * 0.3;

  const factors: ClaimRiskFactor[] = [];
  let extra = 0;
  const claim = openClaim(card);
  if (claim) {
    const shipment = card.shipments.find(
      (s) =>
        s.id === claim.shipmentId || (claim.shipmentId === null && s.orderId === claim.orderId),
    );
    const evidence = claim.type === 'not_received' && shipment ? deliveryEvidence(shipment) : [];
    if (evidence.length > 0) {
      factors.push({ kind: 'delivery_evidence', evidence });
      extra += CLAIM_RISK_WEIGHTS.deliveryEvidence;
    }
    const limit = options.highValueClaimJpy ?? DEFAULT_HIGH_VALUE_CLAIM_JPY;
    if (claim.currency === 'JPY' && claim.amount >= limit) {
      factors.push({ kind: 'claim_value_high', amount: claim.amount, limit });
      extra += CLAIM_RISK_WEIGHTS.claimValueHigh;
    }
  }
  if (card.customer.flags.includes('address_changed_recently')) {
    factors.push({ kind: 'address_changed' });
    extra += CLAIM_RISK_WEIGHTS.addressChanged;
  }
  if (options.returnAbuseHigh || card.customer.flags.includes('return_abuse_risk')) {
    factors.push({ kind: 'return_abuse' });
    extra += CLAIM_RISK_WEIGHTS.returnAbuse;
  }
  const score = flagged ? 1 : Math.min(1, Math.round((base + extra) * 100) / 100);
  return { score, flagged, notReceivedClaims, factors };
}
