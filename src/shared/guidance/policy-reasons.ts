import type { CustomerTier } from '../domain/customer';
import type { Carrier } from '../domain/order';
import type { Currency, Language } from '../domain/primitives';
import { catalogs } from '../i18n';
import { formatMoney } from './money';
import { describeRiskReason, type RiskReason } from './risk-signals';

/** Why a next-best action is allowed or not: structured, so the renderer can translate it. */
export type PolicyReason =
  | { kind: 'tier_eligible'; tier: CustomerTier }
  | { kind: 'tier_not_eligible'; tier: CustomerTier; requiredTier: string }
  | { kind: 'days_late'; orderNumber: string; daysLate: number; minDaysLate: number }
  | { kind: 'not_late_enough'; orderNumber: string; daysLate: number; minDaysLate: number }
  | { kind: 'no_late_shipment' }
  | { kind: 'reship_needed'; orderNumber: string; cause: 'lost' | 'claim' | 'reason' }
  | { kind: 'nothing_to_reship' }
  | {
      kind: 'order_value_within';
      orderNumber: string;
      total: number;
      currency: Currency;
      max: number;
    }
  | {
      kind: 'order_value_above';
      orderNumber: string;
      total: number;
      currency: Currency;
      max: number;
    }
  | { kind: 'verification_required'; score: number; threshold: number }
  | { kind: 'verification_done' }
  | { kind: 'claim_risk_flag' }
  | { kind: 'repeated_not_received_claims'; count: number }
  | { kind: 'no_claim_risk' }
  | { kind: 'shipment_in_transit'; orderNumber: string; carrier: Carrier }
  | { kind: 'no_shipment_in_transit' }
  | { kind: 'refund_within_limit'; amount: number; currency: Currency; limit: number }
  | { kind: 'refund_above_limit'; amount: number; currency: Currency; limit: number }
  | { kind: 'no_refund_due'; limit: number }
  | { kind: 'harassment_history' }
  | { kind: 'protocol_available'; warningsBeforeTermination: number }
  /** A fraud signal's reason (claim value, delivery evidence, address change, returns). */
  | { kind: 'risk_reason'; reason: RiskReason }
  | { kind: 'instant_exchange' }
  | { kind: 'instant_exchange_withheld'; returns: number; orders: number; score: number };

/** The brief's name for the structured, translatable reasons. */
export type ReasonItem = PolicyReason;

/** The words for one policy reason. */
export function describePolicyReason(item: PolicyReason, locale: Language): string {
  const ja = locale === 'ja';
  const t = catalogs[locale];
  const yen = (amount: number, currency: Currency = 'JPY'): string =>
    formatMoney(amount, currency, locale);
  switch (item.kind) {
    case 'tier_eligible':
      return ja
        ? `会員ランク ${t.tier[item.tier]} は対象です。`
        : `${t.tier[item.tier]} members are eligible.`;
    case 'tier_not_eligible':
      return ja
        ? `対象は ${item.requiredTier.toUpperCase()} 会員のみです（このお客さまは ${t.tier[item.tier]}）。`
        : `Only for ${item.requiredTier.toUpperCase()} members (this customer is ${t.tier[item.tier]}).`;
    case 'days_late':
      return ja
        ? `ご注文 ${item.orderNumber} は${item.daysLate}日遅れています（${item.minDaysLate}日以上で対象）。`
        : `Order #${item.orderNumber} is ${item.daysLate} day${item.daysLate === 1 ? '' : 's'} late (eligible from ${item.minDaysLate}).`;
    case 'not_late_enough':
      return ja
        ? `ご注文 ${item.orderNumber} の遅れは${item.daysLate}日で、対象（${item.minDaysLate}日以上）に達していません。`
        : `Order #${item.orderNumber} is ${item.daysLate} day${item.daysLate === 1 ? '' : 's'} late; the coupon needs ${item.minDaysLate}.`;
    case 'no_late_shipment':
      return ja ? '遅れている配送はありません。' : 'No shipment is late.';
    case 'reship_needed':
      return ja
        ? `ご注文 ${item.orderNumber}：${item.cause === 'lost' ? '配送業者が紛失' : item.cause === 'claim' ? '未解決の配送クレームあり' : '未着・破損のお問い合わせ'}。`
        : `Order #${item.orderNumber}: ${item.cause === 'lost' ? 'lost by the carrier' : item.cause === 'claim' ? 'an open delivery claim' : 'reported not received or damaged'}.`;
    case 'nothing_to_reship':
      return ja ? '再発送の対象となる注文はありません。' : 'No order needs reshipping.';
    case 'order_value_within':
      return ja
        ? `ご注文金額 ${yen(item.total, item.currency)} は上限 ${yen(item.max)} 以内です。`
        : `Order value ${yen(item.total, item.currency)} is within the ${yen(item.max)} limit.`;
    case 'order_value_above':
      return ja
        ? `ご注文金額 ${yen(item.total, item.currency)} が上限 ${yen(item.max)} を超えるため、責任者の承認が必要です。`
        : `Order value ${yen(item.total, item.currency)} exceeds the ${yen(item.max)} limit: needs a supervisor.`;
    case 'verification_required':
      return ja
        ? '高リスクの申告のため、再発送・返金の前に確認手順が必要です。'
        : 'High-risk claim: complete the verification steps before any reship or refund.';
    case 'verification_done':
      return ja ? '確認手順は完了しています。' : 'Verification completed.';
    case 'claim_risk_flag':
      return ja
        ? '請求リスクのフラグが付いたお客さまです。'
        : 'The account is flagged as a claim risk.';
    case 'repeated_not_received_claims':
      return ja
        ? `過去1年に未着の申告が${item.count}件あります。`
        : `${item.count} not-received claims in the past year.`;
    case 'no_claim_risk':
      return ja ? 'リスクの兆候はありません。' : 'No risk signals.';
    case 'shipment_in_transit':
      return ja
        ? `ご注文 ${item.orderNumber} は${t.carrier[item.carrier]}で配送中です。`
        : `Order #${item.orderNumber} is in transit with ${t.carrier[item.carrier]}.`;
    case 'no_shipment_in_transit':
      return ja ? '配送中の荷物はありません。' : 'No parcel is in transit.';
    case 'refund_within_limit':
      return ja
        ? `返金額 ${yen(item.amount, item.currency)} はオペレーター上限 ${yen(item.limit)} 以内です。`
        : `Refund of ${yen(item.amount, item.currency)} is within the agent limit of ${yen(item.limit)}.`;
    case 'refund_above_limit':
      return ja
        ? `返金額 ${yen(item.amount, item.currency)} がオペレーター上限 ${yen(item.limit)} を超えるため、エスカレーションが必要です。`
        : `Refund of ${yen(item.amount, item.currency)} exceeds the agent limit of ${yen(item.limit)}: escalate.`;
    case 'no_refund_due':
      return ja
        ? `返金待ちはありません（上限 ${yen(item.limit)}）。`
        : `No refund is due (agent limit ${yen(item.limit)}).`;
    case 'harassment_history':
      return ja ? '過去にカスタマーハラスメントの記録があります。' : 'Past harassment on record.';
    case 'protocol_available':
      return ja
        ? `暴言・不当な要求には、警告（${item.warningsBeforeTermination}回）のうえ終話できます。`
        : `On abuse: warn (${item.warningsBeforeTermination}×), then you may end the call.`;
    case 'risk_reason':
      return describeRiskReason(item.reason, locale);
    case 'instant_exchange':
      return t.outreach.reason.instant_exchange;
    case 'instant_exchange_withheld':
      return `${t.outreach.reason.instant_exchange_withheld} ${describeRiskReason({ kind: 'return_rate', returns: item.returns, orders: item.orders }, locale)}`;
  }
}
