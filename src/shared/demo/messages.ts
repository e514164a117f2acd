import type { Random } from './random';

/**
 * The one-line summaries past contacts carry and the texts of proactive notices, in the
 * customer's language. `{o}` is the order number, `{c}` the carrier, `{d}` a date, `{n}` a
 * number of days, `{a}` an amount, `{t}` a tracking number.
 */
export interface MessageFacts {
  o?: string;
  c?: string;
  d?: string;
  n?: number;
  a?: string;
  t?: string;
}

type Variants = readonly string[];

// prettier-ignore
const CONTACT_SUMMARIES: Record<string, { ja: Variants; en: Variants }> = {
  'delivery.wismo': {
    ja: ['注文{o}の配送状況の問い合わせ。{c}の追跡状況を案内。', '{o}はいつ届くかとの問い合わせ。お届け予定日{d}を案内。'],
    en: ['Asked where order {o} is; gave {c} tracking status.', 'Asked when {o} will arrive; gave the estimate of {d}.'],
  },
  'delivery.late': {
    ja: ['注文{o}が約束日から{n}日遅れているとの問い合わせ。お詫びし、新しい予定日{d}を案内。', '{o}の遅延に強い不満。{c}に確認し折り返しを約束。', '遅延のお詫びとして500円クーポンを案内（{o}）。'],
    en: ['Order {o} is {n} days late; apologized and gave the new estimate of {d}.', 'Upset about the delay of {o}; checked with {c} and promised a call back.', 'Offered the ¥500 apology coupon for the late order {o}.'],
  },
  'delivery.wrong_address': {
    ja: ['{o}が宛所不明で返送。住所を確認し再発送を手配。', '引っ越し後の住所に{o}を届けたいとの相談。'],
    en: ['{o} returned as address unknown; confirmed the address and arranged a reship.', 'Wants {o} delivered to the new address after moving.'],
  },
  'delivery.not_received': {
    ja: ['{o}が配達完了になっているが届いていないとの申告。{c}に調査依頼。', '{o}未着の件で再度問い合わせ。調査中と案内。'],
    en: ['{o} shows delivered but was not received; asked {c} to investigate.', 'Followed up on the missing {o}; told the investigation is ongoing.'],
  },
  'delivery.damaged': {
    ja: ['{o}の商品が破損して届いたとの連絡。写真を依頼。', '{o}の箱がつぶれて中身が割れていたとの申告。'],
    en: ['{o} arrived damaged; asked for photos.', 'Box of {o} was crushed and the contents broken.'],
  },
  'delivery.wrong_item': {
    ja: ['{o}で注文と違う商品が届いたとの連絡。', '{o}の商品が一部入っていなかったとの申告。'],
    en: ['Received a different item than ordered in {o}.', 'Part of {o} was missing from the parcel.'],
  },
  'delivery.change': {
    ja: ['{o}の配達日時を変更したいとの依頼。{c}のサイトを案内。'],
    en: ['Wanted to change the delivery time of {o}; pointed to the {c} site.'],
  },
  'returns.request': {
    ja: ['{o}の返品を希望。返品手続きを案内。'],
    en: ['Wants to return {o}; explained the return steps.'],
  },
  'returns.status': {
    ja: ['{o}の返品が届いたか確認したいとの問い合わせ。', '返品した{o}の処理状況の確認。'],
    en: ['Asked whether the return of {o} has arrived.', 'Checked the status of the return for {o}.'],
  },
  'returns.refund': {
    ja: ['{o}の返金がまだ反映されていないとの問い合わせ。返金予定を案内。', '{o}の返金額{a}について確認。'],
    en: ['Refund for {o} not yet received; explained the timing.', 'Asked about the refund of {a} for {o}.'],
  },
  'returns.exchange': {
    ja: ['{o}のサイズ交換を希望。交換手続きを案内。'],
    en: ['Wants a size exchange for {o}; explained the exchange.'],
  },
  'order.cancel': {
    ja: ['{o}をキャンセルしたいとの依頼。'],
    en: ['Asked to cancel {o}.'],
  },
  'order.change': {
    ja: ['{o}の数量を変更したいとの依頼。'],
    en: ['Wanted to change the quantity in {o}.'],
  },
  'product.question': {
    ja: ['商品のサイズ感について質問。', '商品の使い方について質問。', '贈答用の包装について質問。'],
    en: ['Asked about sizing.', 'Asked how to use a product.', 'Asked about gift wrapping.'],
  },
  'product.defect': {
    ja: ['{o}の商品が動かないとの連絡。交換を案内。', '{o}の商品に初期不良。'],
    en: ['Product from {o} does not work; offered an exchange.', 'Defect found in an item from {o}.'],
  },
  'product.stock': {
    ja: ['品切れ商品の再入荷予定の問い合わせ。'],
    en: ['Asked when a sold-out item will be back.'],
  },
  'billing.payment': {
    ja: ['コンビニ払いの期限について質問。', '使えるお支払い方法の確認。'],
    en: ['Asked about the convenience-store payment deadline.', 'Asked which payment methods are accepted.'],
  },
  'billing.invoice': {
    ja: ['{o}の領収書の発行方法の問い合わせ。', '領収書の宛名を会社名にしたいとの依頼。'],
    en: ['Asked how to get a receipt for {o}.', 'Wanted the company name on the receipt.'],
  },
  'billing.double_charge': {
    ja: ['{o}がカードに二重で請求されているとの申告。'],
    en: ['Says {o} was charged twice on the card.'],
  },
  'account.update': {
    ja: ['登録住所の変更依頼。', 'メールアドレスの変更依頼。'],
    en: ['Asked to update the registered address.', 'Asked to change the e-mail address.'],
  },
  'account.login': {
    ja: ['パスワードを忘れてログインできないとの問い合わせ。'],
    en: ['Forgot the password and cannot sign in.'],
  },
  'conduct.harassment': {
    ja: ['遅延に激高し大声で威圧的な発言。警告後に終話（カスハラ）。', '長時間にわたり担当者を罵倒。上長に引き継ぎ。'],
    en: ['Shouted and threatened over a delay; warned, then the call was ended (harassment).', 'Abused the agent at length; escalated to a supervisor.'],
  },
  other: {
    ja: ['その他の問い合わせ。'],
    en: ['Other enquiry.'],
  },
};

export function contactSummary(
  random: Random,
  reasonCode: string,
  language: 'ja' | 'en',
  facts: MessageFacts,
): string {
  const variants = (CONTACT_SUMMARIES[reasonCode] ?? CONTACT_SUMMARIES.other)?.[language] ?? [];
  return fill(random.pick(variants), facts);
}

export type NoticeKindText =
  'delay' | 'shipped' | 'out_for_delivery' | 'delivered' | 'refund_issued' | 'return_received';

// prettier-ignore
const NOTICES: Record<NoticeKindText, { ja: string; en: string }> = {
  delay: {
    ja: '【配送遅延のお知らせ】ご注文{o}の商品は、{c}の輸送遅延によりお届けが{d}頃になる見込みです。ご迷惑をおかけし申し訳ございません。',
    en: 'Delivery update: your order {o} is delayed with {c}. New estimated delivery: {d}. We apologize for the inconvenience.',
  },
  shipped: {
    ja: '【発送のお知らせ】ご注文{o}を発送しました。{c} 伝票番号 {t}、お届け予定日は{d}です。',
    en: 'Your order {o} has shipped with {c} (tracking {t}). Estimated delivery: {d}.',
  },
  out_for_delivery: {
    ja: 'ご注文{o}は本日お届け予定です（{c}）。',
    en: 'Your order {o} is out for delivery today ({c}).',
  },
  delivered: {
    ja: 'ご注文{o}のお届けが完了しました（{d}）。ご利用ありがとうございました。',
    en: 'Your order {o} was delivered on {d}. Thank you for shopping with us.',
  },
  refund_issued: {
    ja: '【返金完了】ご注文{o}の返金{a}の手続きが完了しました。',
    en: 'Refund issued: {a} for order {o}.',
  },
  return_received: {
    ja: 'ご注文{o}の返品商品を受け取りました。内容を確認のうえ手続きいたします。',
    en: 'We received the return for order {o} and will process it shortly.',
  },
};

export function noticeMessage(
  kind: NoticeKindText,
  language: 'ja' | 'en',
  facts: MessageFacts,
): string {
  return fill(NOTICES[kind][language], facts);
}

/** `¥12,800` / `12,800円`. */
export function formatYen(amount: number, language: 'ja' | 'en'): string {
  // Not toLocaleString: ICU formatting is slow at bench size and varies with the Node build.
  const digits = String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return language === 'ja' ? `${digits}円` : `¥${digits}`;
}

// Templates are split once into literal text and fact keys; filling runs for every contact
// and notice, millions of times at bench size.
const compiled = new Map<string, readonly string[]>();

function fill(template: string, facts: MessageFacts): string {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{([ocdnat])\}/)));
  let text = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    text += String(facts[parts[i] as keyof MessageFacts] ?? '') + (parts[i + 1] as string);
  }
  return text;
}
