import type { CustomerCard } from '../domain/customer-card';
import type { Policy } from '../domain/guidance';
import { catalogs } from '../i18n';
import type { ClaimRisk } from './claim-risk';
import { harassmentScriptText } from './harassment-protocol';
import { formatMoney } from './money';
import type { PolicyReason } from './policy-reasons';
import { callFocus, isOpenClaim, isRefundPending, nowDayOf, type CallFocus } from './order-signals';
import { riskSignalsWith, type RiskSignals } from './risk-signals';
import { riskThresholdsFrom } from './risk-thresholds';

/**
 * What the retailer's policies allow for this call. Every active policy yields one action:
 * `allowed` says whether the agent may do it now, `relevant` whether it fits this call (the UI
 * shows relevant actions first), `reasons` say why (structured, see `describePolicyReason`),
 * and `sayJa` / `sayEn` what to tell the customer — for a refused action, what to say instead.
 * For `claim_verification` and `harassment_protocol` (procedures, not offers) `allowed` is
 * always true and `relevant` says the procedure applies.
 */
export interface NextBestAction {
  policyId: string;
  kind: Policy['kind'];
  labelJa: string;
  labelEn: string;
  allowed: boolean;
  relevant: boolean;
  /** The agent must hand this to a supervisor (a refund above the agent's limit). */
  escalate: boolean;
  reasons: PolicyReason[];
  sayJa: string;
  sayEn: string;
}

export interface NextBestActionOptions {
  now: Date | number | string;
  likelyReason?: string | null;
  /** The order the call is about; by default the order that most likely matters. */
  orderId?: string | null;
  /** The agent completed the claim-verification steps on this call. */
  verified?: boolean;
}

const num = (params: Policy['params'], key: string, fallback: number): number => {
  const v = params[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};

const str = (params: Policy['params'], key: string, fallback: string): string => {
  const v = params[key];
  return typeof v === 'string' && v.length > 0 ? v : fallback;
};

const RESHIP_REASONS: ReadonlySet<string> = new Set([
  'delivery.not_received',
  'delivery.damaged',
  'delivery.wrong_item',
]);

/** The call: its customer, its order and what stands on it (callFocus), the risk signals. */
interface Situation extends CallFocus {
  card: CustomerCard;
  nowDay: number;
  likelyReason: string | null;
  risk: ClaimRisk;
  /** The fraud and VIP signals against the retailer's thresholds. */
  signals: RiskSignals;
  verified: boolean;
}

type Draft = Omit<NextBestAction, 'policyId' | 'kind' | 'labelJa' | 'labelEn'>;

function verificationGate(s: Situation, threshold: number): PolicyReason | null {
  if (s.risk.score < threshold) return null;
  return s.verified
    ? { kind: 'verification_done' }
    : { kind: 'verification_required', score: s.risk.score, threshold };
}

function claimVerificationThreshold(s: Situation, policies: readonly Policy[]): number | null {
  const p = policies.find((x) => x.active && x.kind === 'claim_verification');
  return p ? s.signals.thresholds.claimRiskThreshold : null;
}

/**
 * A VIP's exchange: free, and instant (the replacement ships before the return arrives) unless
 * the return-abuse signal is high; then it ships once the return is in.
 */
function vipExchange(policy: Policy, s: Situation): Draft {
  const required = str(policy.params, 'tier', 'vip');
  const tier = s.card.customer.tier;
  const allowed = tier === required;
  const instant = allowed && policy.params['instantExchange'] !== false;
  const withheld = instant && s.signals.returns.high;
  const reasons: PolicyReason[] = [
    allowed
      ? { kind: 'tier_eligible', tier }
      : { kind: 'tier_not_eligible', tier, requiredTier: required },
  ];
  if (withheld) {
    reasons.push({
      kind: 'instant_exchange_withheld',
      returns: s.signals.returns.returns,
      orders: s.signals.returns.orders,
      score: s.signals.returns.score,
    });
  } else if (instant) {
    reasons.push({ kind: 'instant_exchange' });
  }
  return {
    allowed,
    relevant: allowed,
    escalate: false,
    reasons,
    sayJa: !allowed
      ? '交換のご希望を承ります。送料は規定に沿ってご案内いたします。'
      : instant && !withheld
        ? 'VIP会員のお客さまは、交換品を先にお送りいたします。お手元の商品は、届いた箱でご返送ください。送料は無料です。'
        : 'VIP会員のお客さまは、交換時の送料を無料で承っております。ご返品の到着を確認しだい、交換品をお送りいたします。',
    sayEn: !allowed
      ? 'I can arrange the exchange; shipping is charged according to our standard terms.'
      : instant && !withheld
        ? 'As a VIP member, we’ll ship the replacement right away; please send the original back in the same box. Shipping is free of charge.'
        : 'As a VIP member, your exchange is shipped free of charge, as soon as your return arrives.',
  };
}

function delayCoupon(policy: Policy, s: Situation): Draft {
  const amount = num(policy.params, 'amountJpy', 500);
  const minDaysLate = num(policy.params, 'minDaysLate', 1);
  const { delay } = s;
  if (!s.order || !delay || !delay.late) {
    return {
      allowed: false,
      relevant: false,
      escalate: false,
      reasons: [{ kind: 'no_late_shipment' }],
      sayJa: '',
      sayEn: '',
    };
  }
  const allowed = delay.daysLate >= minDaysLate;
  const orderNumber = s.order.orderNumber;
  const coupon = { ja: formatMoney(amount, 'JPY', 'ja'), en: formatMoney(amount, 'JPY', 'en') };
  return {
    allowed,
    relevant: true,
    escalate: false,
    reasons: [
      {
        kind: allowed ? 'days_late' : 'not_late_enough',
        orderNumber,
        daysLate: delay.daysLate,
        minDaysLate,
      },
    ],
    sayJa: allowed
      ? `お届けが遅れ、大変申し訳ございません。お詫びとして、次回のお買い物でご利用いただける${coupon.ja}分のクーポンをお送りいたします。`
      : 'お届けが遅れ、大変申し訳ございません。最新のお届け予定をご案内いたします。',
    sayEn: allowed
      ? `We’re very sorry for the delay. As an apology, we’ll send you a ${coupon.en} coupon for your next purchase.`
      : 'I’m sorry for the wait. Let me give you the latest delivery estimate.',
  };
}

function reship(policy: Policy, s: Situation, threshold: number | null): Draft {
  const max = num(policy.params, 'maxOrderValueJpy', 0);
  const { order, shipment, claim } = s;
  let cause: 'lost' | 'claim' | 'reason' | null = null;
  if (order) {
    if (shipment?.status === 'lost') cause = 'lost';
    else if (claim && isOpenClaim(claim)) cause = 'claim';
    else if (s.likelyReason && RESHIP_REASONS.has(s.likelyReason)) cause = 'reason';
  }
  if (!order || cause === null) {
    return {
      allowed: false,
      relevant: false,
      escalate: false,
      reasons: [{ kind: 'nothing_to_reship' }],
      sayJa: '',
      sayEn: '',
    };
  }
  const reasons: PolicyReason[] = [
    { kind: 'reship_needed', orderNumber: order.orderNumber, cause },
  ];
  const withinValue = order.currency === 'JPY' && order.total <= max;
  reasons.push({
    kind: withinValue ? 'order_value_within' : 'order_value_above',
    orderNumber: order.orderNumber,
    total: order.total,
    currency: order.currency,
    max,
  });
  const gate = threshold === null ? null : verificationGate(s, threshold);
  if (gate) reasons.push(gate);
  const blockedByVerification = gate?.kind === 'verification_required';
  const allowed = withinValue && !blockedByVerification;
  return {
    allowed,
    relevant: true,
    escalate: !withinValue,
    reasons,
    sayJa: allowed
      ? '同じ商品を改めてお送りいたします。お届け予定が決まりましたらご連絡いたします。'
      : blockedByVerification
        ? '恐れ入りますが、確認のためいくつかご質問させていただけますでしょうか。'
        : '担当部署で確認のうえ、改めてご連絡いたします。',
    sayEn: allowed
      ? 'We’ll send the same items again and let you know when to expect them.'
      : blockedByVerification
        ? 'Before we go further, I need to ask you a few questions to verify the claim.'
        : 'I’ll pass this to the team that handles it, and we’ll get back to you.',
  };
}

function storePickup(_policy: Policy, s: Situation): Draft {
  const { shipment, delay } = s;
  const inTransit =
    shipment !== null &&
    delay !== null &&
    !delay.delivered &&
    !delay.lost &&
    shipment.status !== 'returned_to_sender';
  if (!s.order || !shipment || !inTransit) {
    return {
      allowed: false,
      relevant: false,
      escalate: false,
      reasons: [{ kind: 'no_shipment_in_transit' }],
      sayJa: '',
      sayEn: '',
    };
  }
  const ja = catalogs.ja.carrier[shipment.carrier];
  const en = catalogs.en.carrier[shipment.carrier];
  return {
    allowed: true,
    relevant: delay?.late === true || s.likelyReason === 'delivery.change',
    escalate: false,
    reasons: [
      { kind: 'shipment_in_transit', orderNumber: s.order.orderNumber, carrier: shipment.carrier },
    ],
    sayJa: `コンビニ・${ja}の営業所での受け取りに変更できます。ご希望の受取場所をお伺いしてもよろしいでしょうか。`,
    sayEn: `We can redirect it for pickup at a convenience store or a ${en} depot. Which location would suit you?`,
  };
}

function refundLimit(policy: Policy, s: Situation, threshold: number | null): Draft {
  const limit = num(policy.params, 'maxJpy', 0);
  const { ret, claim } = s;
  const due =
    ret && isRefundPending(ret)
      ? { amount: ret.amount, currency: ret.currency, fromClaim: false }
      : claim && isOpenClaim(claim)
        ? { amount: claim.amount, currency: claim.currency, fromClaim: true }
        : null;
  if (!due) {
    return {
      allowed: true,
      relevant: false,
      escalate: false,
      reasons: [{ kind: 'no_refund_due', limit }],
      sayJa: '',
      sayEn: '',
    };
  }
  const within = due.currency === 'JPY' && due.amount <= limit;
  const reasons: PolicyReason[] = [
    {
      kind: within ? 'refund_within_limit' : 'refund_above_limit',
      amount: due.amount,
      currency: due.currency,
      limit,
    },
  ];
  // Claims need verification before any refund; a received return does not.
  const gate = due.fromClaim && threshold !== null ? verificationGate(s, threshold) : null;
  if (gate) reasons.push(gate);
  const blockedByVerification = gate?.kind === 'verification_required';
  const allowed = within && !blockedByVerification;
  const money = {
    ja: formatMoney(due.amount, due.currency, 'ja'),
    en: formatMoney(due.amount, due.currency, 'en'),
  };
  return {
    allowed,
    relevant: true,
    escalate: !within,
    reasons,
    sayJa: allowed
      ? `${money.ja}のご返金を手続きいたします。`
      : blockedByVerification
        ? '恐れ入りますが、ご返金の前に確認のためいくつかご質問させていただけますでしょうか。'
        : `${money.ja}のご返金は責任者の確認が必要なため、確認のうえ改めてご連絡いたします。`,
    sayEn: allowed
      ? `I’ll process the refund of ${money.en} now.`
      : blockedByVerification
        ? 'Before the refund, I need to ask you a few questions to verify the claim.'
        : `A refund of ${money.en} needs a supervisor’s approval; we’ll get back to you once it is confirmed.`,
  };
}

function claimVerification(_policy: Policy, s: Situation): Draft {
  const threshold = s.signals.thresholds.claimRiskThreshold;
  const required = s.risk.score >= threshold;
  const reasons: PolicyReason[] = [];
  if (s.risk.flagged) reasons.push({ kind: 'claim_risk_flag' });
  if (s.risk.notReceivedClaims >= 2) {
    reasons.push({ kind: 'repeated_not_received_claims', count: s.risk.notReceivedClaims });
  }
  // What else raised the score, so the agent can say why the claim is being checked.
  if (required)
    for (const factor of s.risk.factors) reasons.push({ kind: 'risk_reason', reason: factor });
  if (required) {
    reasons.push(
      s.verified
        ? { kind: 'verification_done' }
        : { kind: 'verification_required', score: s.risk.score, threshold },
    );
  } else {
    reasons.push({ kind: 'no_claim_risk' });
  }
  return {
    allowed: true,
    relevant: required && !s.verified,
    escalate: false,
    reasons,
    sayJa:
      '確認のため、ご注文者様のお名前とご住所、お届け時の状況（宅配ボックス・置き配・ご家族の受け取り）をお伺いします。調査結果が出るまで再発送・返金は保留となります。',
    sayEn:
      'To verify the claim, I’ll confirm the name and address on the order and how the parcel was to be received (locker, left at the door, a family member). Reship or refund waits for the result.',
  };
}

function harassmentProtocol(policy: Policy, s: Situation): Draft {
  const warnings = num(policy.params, 'warningsBeforeTermination', 1);
  const history = s.card.customer.flags.includes('harassment_history');
  return {
    allowed: true,
    relevant: history,
    escalate: false,
    reasons: [
      history
        ? { kind: 'harassment_history' }
        : { kind: 'protocol_available', warningsBeforeTermination: warnings },
    ],
    sayJa: harassmentScriptText('warning', 'ja', policy),
    sayEn: harassmentScriptText('warning', 'en', policy),
  };
}

/** The policies that are offers or procedures on a call (not desk settings). */
type ActionPolicy = Policy & { kind: Exclude<Policy['kind'], SettingPolicyKind> };
/** Retailer settings kept as policies (desk lock, data protection, bulk access), not actions. */
type SettingPolicyKind = 'desk_lock' | 'data_protection' | 'bulk_access';
const isSetting = (kind: Policy['kind']): kind is SettingPolicyKind =>
  kind === 'desk_lock' || kind === 'data_protection' || kind === 'bulk_access';

export function nextBestActions(
  policies: readonly Policy[],
  card: CustomerCard,
  options: NextBestActionOptions,
): NextBestAction[] {
  const nowDay = nowDayOf(options.now);
  const focus = callFocus(card, options.orderId, nowDay);
  const signals = riskSignalsWith(card, riskThresholdsFrom(policies), nowDay);
  const s: Situation = {
    ...focus,
    card,
    nowDay,
    likelyReason: options.likelyReason ?? null,
    risk: signals.claim,
    signals,
    verified: options.verified === true,
  };
  const threshold = claimVerificationThreshold(s, policies);
  const actions = policies
    .filter((p): p is ActionPolicy => p.active && !isSetting(p.kind))
    .map((policy, index): [NextBestAction, number] => {
      const draft = ((): Draft => {
        switch (policy.kind) {
          case 'vip_free_exchange':
            return vipExchange(policy, s);
          case 'delay_coupon':
            return delayCoupon(policy, s);
          case 'reship':
            return reship(policy, s, threshold);
          case 'store_pickup':
            return storePickup(policy, s);
          case 'refund_limit':
            return refundLimit(policy, s, threshold);
          case 'claim_verification':
            return claimVerification(policy, s);
          case 'harassment_protocol':
            return harassmentProtocol(policy, s);
        }
      })();
      const action: NextBestAction = {
        policyId: policy.id,
        kind: policy.kind,
        labelJa: policy.labelJa,
        labelEn: policy.labelEn,
        ...draft,
      };
      return [action, index];
    });
  // Relevant first; within them procedures that gate others (verification) first, then allowed.
  const rank = (a: NextBestAction): number =>
    (a.relevant ? 0 : 4) +
    (a.kind === 'claim_verification' || a.kind === 'harassment_protocol' ? 0 : 1) +
    (a.allowed ? 0 : 2);
  return actions.sort(([a, ia], [b, ib]) => rank(a) - rank(b) || ia - ib).map(([a]) => a);
}
