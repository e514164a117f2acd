import type { KnowledgeAnswer } from '../domain';
import { isoInstant } from './time';

/** Approved answers agents may read out as written, in Japanese and English. */
type Row = readonly [key: string, title: string, body: string, tags: string];

// prettier-ignore
const JA: readonly Row[] = [
  ['return-deadline', '返品期限', '商品到着後8日以内にマイページの「返品・交換」からお申し込みください。未使用・タグ付きの商品に限ります。食品・開封済みの化粧品は返品できません。', '返品,期限,返品・交換'],
  ['shipping-fee', '送料', '3,980円（税込）以上のご注文で送料無料です。それ未満は全国一律550円、沖縄・離島は別途1,100円かかります。', '送料,配送'],
  ['change-delivery', '配達日時の変更', '発送後は配送業者（ヤマト運輸・佐川急便・日本郵便）のサイトで伝票番号を入力し、日時や受取場所を変更できます。発送前はカスタマーセンターで承ります。', '配送,日時指定,変更'],
  ['receipt', '領収書', '領収書はマイページの注文履歴からPDFでダウンロードできます。宛名は一度だけ変更できます。代金引換の場合は配送業者の受領証が領収書になります。', '領収書,請求書,支払い'],
  ['payment-methods', 'お支払い方法', 'クレジットカード、コンビニ払い、代金引換（手数料330円）、PayPay、後払いがご利用いただけます。', '支払い,決済'],
  ['exchange', 'サイズ・色の交換', '衣料品・靴は到着後8日以内であれば1回まで交換できます。交換の送料は当社が負担します（VIP会員は何度でも無料）。', '交換,サイズ,返品・交換'],
  ['defect', '不良品・初期不良', '到着後30日以内の不良品は送料当社負担で交換または返金します。写真を添えてお問い合わせください。', '不良品,交換,返金'],
  ['delay-coupon', '配送遅延のお詫び', 'お約束の日から2日以上遅れた場合、次回使える500円クーポンをお送りしています。', '配送遅延,クーポン,お詫び'],
  ['cancel', '注文のキャンセル', '発送準備に入る前（ご注文から約1時間以内）であればマイページからキャンセルできます。発送後は受け取り後の返品をご案内します。', 'キャンセル,注文'],
  ['address-change', 'お届け先の変更', '発送前であればカスタマーセンターで変更できます。発送後は配送業者への転送依頼となり、1〜2日余分にかかることがあります。', '住所変更,配送'],
  ['gift-wrapping', 'ギフト包装・のし', 'ギフト包装（220円）とのし（無料）を承ります。金額の入らない納品書に差し替えます。', 'ギフト,包装,のし'],
  ['okihai', '置き配', '置き配は玄関前・宅配ボックス・車庫などを指定できます。置き配後の盗難・破損は配送業者の補償対象外となる場合があります。', '置き配,配送'],
  ['not-received', '配達完了なのに届かない', '宅配ボックス、置き配の場所、ご家族の受け取りをご確認ください。見つからない場合は配送業者に調査を依頼し、3営業日以内にご連絡します。', '未着,配送,調査'],
  ['refund-timing', '返金のタイミング', '返品商品の確認後3〜5営業日で返金します。クレジットカードは翌月以降の明細に反映される場合があります。', '返金,返品・交換'],
  ['member-tiers', '会員ランク', 'ランクは累計ご購入金額で決まります（シルバー5万円、ゴールド15万円、VIP50万円以上）。', '会員,ランク,VIP'],
];

// prettier-ignore
const EN: readonly Row[] = [
  ['return-deadline', 'Return deadline', 'Request a return within 8 days of delivery from “Returns & exchanges” in your account. Items must be unused with tags. Food and opened cosmetics cannot be returned.', 'returns,deadline'],
  ['shipping-fee', 'Shipping fees', 'Shipping is free on orders of ¥3,980 or more (tax included). Otherwise it is ¥550 anywhere in Japan; Okinawa and remote islands add ¥1,100.', 'shipping,delivery'],
  ['change-delivery', 'Changing the delivery date or time', 'After shipping, enter the tracking number on the carrier’s site (Yamato, Sagawa, Japan Post) to change the date, time or pickup point. Before shipping, we can change it for you.', 'delivery,change'],
  ['receipt', 'Receipts', 'Download a PDF receipt from your order history. You may change the addressee once. For cash on delivery, the carrier’s slip is your receipt.', 'receipt,invoice,billing'],
  ['payment-methods', 'Payment methods', 'We accept credit cards, convenience-store payment, cash on delivery (¥330 fee), PayPay and pay-later.', 'payment,billing'],
  ['exchange', 'Size or colour exchange', 'Clothing and shoes can be exchanged once within 8 days of delivery; we pay the shipping (VIP members: every time).', 'exchange,returns'],
  ['defect', 'Defective items', 'Items found defective within 30 days are replaced or refunded with shipping on us. Please send a photo.', 'defect,exchange,refund'],
  ['delay-coupon', 'Apology for late delivery', 'If your order arrives 2 or more days after the promised date, we send a ¥500 coupon for your next order.', 'late delivery,coupon'],
  ['cancel', 'Cancelling an order', 'You can cancel from your account until we start preparing it (about 1 hour after ordering). After shipping, please return it once received.', 'cancel,order'],
  ['address-change', 'Changing the delivery address', 'Before shipping we can change it for you. After shipping it becomes a carrier redirect and may take 1–2 extra days.', 'address,delivery'],
  ['gift-wrapping', 'Gift wrapping', 'Gift wrapping is ¥220 and noshi paper is free. We replace the packing slip with one without prices.', 'gift,wrapping'],
  ['okihai', 'Leave at door (okihai)', 'You can choose the front door, a parcel locker or a garage. Theft or damage after an okihai delivery may not be covered by the carrier.', 'okihai,delivery'],
  ['not-received', 'Shown as delivered but not received', 'Please check your parcel locker, the okihai spot and with your household. If it is not found, we ask the carrier to investigate and reply within 3 business days.', 'not received,delivery,claim'],
  ['refund-timing', 'When refunds arrive', 'Refunds are issued 3–5 business days after we check the returned item. Card refunds may appear on the next statement.', 'refund,returns'],
  ['member-tiers', 'Membership tiers', 'Your tier follows your total purchases with us: Silver from ¥50,000, Gold from ¥150,000, VIP from ¥500,000.', 'membership,tier,VIP'],
];

export function demoKnowledgeAnswers(publishedMs: number): KnowledgeAnswer[] {
  const publishedAt = isoInstant(publishedMs);
  const answers = (rows: readonly Row[], language: 'ja' | 'en'): KnowledgeAnswer[] =>
    rows.map(([key, title, body, tags]) => ({
      id: `kb-${key}-${language}`,
      version: 1,
      language,
      title,
      body,
      tags: tags.split(','),
      publishedAt,
    }));
  return [...answers(JA, 'ja'), ...answers(EN, 'en')];
}
