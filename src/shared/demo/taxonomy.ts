import type { ReasonNode } from '../domain';

/**
 * The demo retailer's call-reason taxonomy: two levels, bilingual. `avoidableDefault` says
 * whether the retailer could have prevented the call (a late parcel, a missing refund) —
 * the figure the retailer works down by fixing causes.
 */
type Row = readonly [code: string, labelJa: string, labelEn: string, avoidable: boolean];

// prettier-ignore
const TREE: readonly (readonly [Row, readonly Row[]])[] = [
  [['delivery', '配送', 'Delivery', true], [
    ['delivery.wismo', '配送状況の確認', 'Where is my order', true],
    ['delivery.late', '配送遅延', 'Late delivery', true],
    ['delivery.wrong_address', '住所誤り', 'Wrong address', true],
    ['delivery.not_received', '配達済みだが未着', 'Delivered but not received', true],
    ['delivery.damaged', '破損', 'Damaged in transit', true],
    ['delivery.wrong_item', '商品違い・不足', 'Wrong or missing item', true],
    ['delivery.change', '配達日時の変更', 'Change delivery date or time', true],
  ]],
  [['returns', '返品・交換', 'Returns and exchanges', true], [
    ['returns.request', '返品の依頼', 'Return request', false],
    ['returns.status', '返品状況の確認', 'Return status', true],
    ['returns.refund', '返金の確認', 'Refund status', true],
    ['returns.exchange', '交換の依頼', 'Exchange request', false],
  ]],
  [['order', '注文', 'Order', false], [
    ['order.cancel', '注文のキャンセル', 'Cancel an order', false],
    ['order.change', '注文内容の変更', 'Change an order', false],
  ]],
  [['product', '商品', 'Product', false], [
    ['product.question', '商品についての質問', 'Product question', false],
    ['product.defect', '商品の不具合', 'Product defect', true],
    ['product.stock', '在庫・入荷', 'Stock and restock', false],
  ]],
  [['billing', '請求・支払い', 'Billing and payment', false], [
    ['billing.payment', '支払い方法', 'Payment', false],
    ['billing.invoice', '領収書・請求書', 'Receipt and invoice', true],
    ['billing.double_charge', '二重請求', 'Double charge', true],
  ]],
  [['account', 'アカウント', 'Account', false], [
    ['account.update', '登録情報の変更', 'Update account details', false],
    ['account.login', 'ログインできない', 'Cannot sign in', true],
  ]],
  [['conduct', '対応上の問題', 'Conduct', false], [
    ['conduct.harassment', 'カスタマーハラスメント（カスハラ）', 'Customer harassment', false],
  ]],
  // Calls Koe places from the outreach list: why we called, not why the customer did.
  [['outreach', '先回り連絡（発信）', 'Proactive contact (outbound)', false], [
    ['outreach.delay', 'お届け遅れのご連絡', 'Delay notice call', false],
  ]],
  [['other', 'その他', 'Other', false], []],
];

export function reasonTaxonomy(): ReasonNode[] {
  const nodes: ReasonNode[] = [];
  let sortOrder = 0;
  for (const [[code, labelJa, labelEn, avoidable], children] of TREE) {
    nodes.push(node(code, null, labelJa, labelEn, avoidable, (sortOrder += 10)));
    for (const [childCode, childJa, childEn, childAvoidable] of children) {
      nodes.push(node(childCode, code, childJa, childEn, childAvoidable, (sortOrder += 10)));
    }
  }
  return nodes;
}

function node(
  code: string,
  parentCode: string | null,
  labelJa: string,
  labelEn: string,
  avoidableDefault: boolean,
  sortOrder: number,
): ReasonNode {
  return { code, parentCode, labelJa, labelEn, avoidableDefault, sortOrder, active: true };
}

/** Every code, for tests and for picking the reasons of generated contacts. */
export const REASON_CODES: readonly string[] = reasonTaxonomy().map((n) => n.code);
