import type { Policy } from '../domain';
import { isoInstant } from './time';

/** One rule of each kind the next-best-action engine understands, with the demo's thresholds. */
export function demoPolicies(updatedMs: number): Policy[] {
  const updatedAt = isoInstant(updatedMs);
  const policy = (
    id: string,
    kind: Policy['kind'],
    labelJa: string,
    labelEn: string,
    params: Policy['params'],
  ): Policy => ({ id, kind, labelJa, labelEn, params, active: true, updatedAt });
  return [
    policy(
      'policy-vip-free-exchange',
      'vip_free_exchange',
      'VIP会員は交換送料無料',
      'Free exchange for VIP members',
      { tier: 'vip' },
    ),
    policy(
      'policy-delay-coupon',
      'delay_coupon',
      '配送遅延のお詫びクーポン（500円）',
      'Late-delivery apology coupon (¥500)',
      { amountJpy: 500, minDaysLate: 2 },
    ),
    policy('policy-reship', 'reship', '未着・破損時の再発送', 'Reship a lost or damaged order', {
      maxOrderValueJpy: 30_000,
    }),
    policy(
      'policy-store-pickup',
      'store_pickup',
      'コンビニ・店舗受取への変更',
      'Switch to convenience-store pickup',
      {},
    ),
    policy(
      'policy-refund-limit',
      'refund_limit',
      'オペレーター判断での返金上限',
      'Agent refund limit',
      { maxJpy: 20_000 },
    ),
    policy(
      'policy-claim-verification',
      'claim_verification',
      '高リスク申告の本人確認・調査',
      'Verify claims from high-risk accounts',
      { riskThreshold: 0.7 },
    ),
    policy(
      'policy-harassment-protocol',
      'harassment_protocol',
      'カスハラ対応手順（警告後に終話）',
      'Harassment protocol (warn, then end the call)',
      { warningsBeforeTermination: 1 },
    ),
  ];
}
