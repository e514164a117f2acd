/**
 * UI strings of the outreach feature (the proactive call list, outbound calls) and of the fraud
 * and VIP signals: their plain-word reasons are read by shared code (`describeRiskReason`)
 * through `fill`, so `{{name}}` placeholders work the same there as in i18next.
 */
export const outreachJa = {
  nav: '先回り連絡',
  navHint: '遅延を知らないお客さまへの発信リスト',
  title: '先回り連絡リスト',
  description:
    '配送が遅れている（または遅れる見込みの）お客さまのうち、まだお知らせしていない方です。会員ランク・累計購入額・遅れの大きさの順に並んでいます。',
  empty: 'いまお知らせが必要なお客さまはいません。',
  loading: 'リストを作成しています…',
  count_one: '{{count}}名',
  count_other: '{{count}}名',
  columns: {
    customer: 'お客さま',
    tier: 'ランク',
    lifetimeValue: '累計購入額',
    order: 'ご注文',
    delay: '遅れ',
  },
  daysLate_one: '{{count}}日遅れ',
  daysLate_other: '{{count}}日遅れ',
  expectedLate_one: '{{count}}日遅れる見込み',
  expectedLate_other: '{{count}}日遅れる見込み',
  carrierDelayed: '配送業者が遅延を報告',
  promised: 'お約束日 {{date}}',
  estimated: '配達予定 {{date}}',
  koeEstimate: 'Koeの予測 {{date}}',
  call: '発信',
  calling: '発信中…',
  callTitle: '{{name}}様に発信する',
  callRefused: '発信できませんでした：{{message}}',
  noPhone: '電話番号なし',
  notToldHint: 'まだお知らせしていません',
  direction: {
    proactive: '発信・先回り連絡',
  },
  outcome: {
    label: '連絡の結果',
    required: '連絡の結果を選んでください。',
    reached: 'お客さまと話した',
    voicemail: '留守番電話に残した',
    no_answer: '応答なし',
  },
  outcomeHint:
    'つながった・留守電の場合は「お知らせ済み」として記録され、次の着信で担当者に表示されます。',
  // Plain words for the fraud and VIP signals, shown to the agent and recorded on the VoC record.
  signals: {
    title: 'リスク・VIPシグナル',
    claimRisk: '配送クレームのリスク {{score}}（基準 {{threshold}}）',
    returnAbuse: '返品濫用のシグナル {{score}}（基準 {{threshold}}）',
    vip: 'VIP会員',
  },
  reason: {
    claim_risk_flag: '請求リスクのフラグが付いたお客さまです。',
    repeated_not_received_claims_one: '過去1年に未着の申告が{{count}}件あります。',
    repeated_not_received_claims_other: '過去1年に未着の申告が{{count}}件あります。',
    claim_value_high: '申告金額 {{amount}} は高額（{{limit}} 以上）です。',
    delivery_evidence: '配送業者の記録に配達の証拠があります（{{evidence}}）。',
    address_changed: '最近ご住所が変更されています。',
    return_rate: '過去1年の返品は{{returns}}件、ご注文は{{orders}}件です。',
    return_abuse_flag: '返品濫用リスクのフラグが付いたお客さまです。',
    instant_exchange: 'VIP会員は返送を待たずに交換品を先にお送りできます。',
    instant_exchange_withheld: '返品が多いため、交換品は返品の到着後にお送りします。',
  },
  evidence: {
    signature: '受領サイン',
    photo: '配達写真',
    gps: 'GPS位置記録',
    handed: '対面でお渡し',
  },
  notice: {
    reached: 'ご注文 {{order}} の配送遅延について、お電話でご説明しました。',
    voicemail: 'ご注文 {{order}} の配送遅延について、留守番電話にメッセージを残しました。',
  },
};

export const outreachEn: typeof outreachJa = {
  nav: 'Outreach',
  navHint: 'Customers to call about a delay they do not know of',
  title: 'Proactive outreach',
  description:
    'Customers whose parcel is late (or expected late) and who have not been told yet, ranked by tier, lifetime value and how late it is.',
  empty: 'Nobody needs a call right now.',
  loading: 'Building the list…',
  count_one: '{{count}} customer',
  count_other: '{{count}} customers',
  columns: {
    customer: 'Customer',
    tier: 'Tier',
    lifetimeValue: 'Lifetime value',
    order: 'Order',
    delay: 'Delay',
  },
  daysLate_one: '{{count}} day late',
  daysLate_other: '{{count}} days late',
  expectedLate_one: 'expected {{count}} day late',
  expectedLate_other: 'expected {{count}} days late',
  carrierDelayed: 'carrier reports a delay',
  promised: 'promised {{date}}',
  estimated: 'estimated {{date}}',
  koeEstimate: 'Koe estimate {{date}}',
  call: 'Call',
  calling: 'Calling…',
  callTitle: 'Call {{name}}',
  callRefused: 'The call did not start: {{message}}',
  noPhone: 'No phone number',
  notToldHint: 'Not told yet',
  direction: {
    proactive: 'Outbound · proactive',
  },
  outcome: {
    label: 'Outcome',
    required: 'Choose the outcome of the call.',
    reached: 'Reached the customer',
    voicemail: 'Left a voicemail',
    no_answer: 'No answer',
  },
  outcomeHint:
    'Reached or voicemail records the customer as told: the next agent who takes their call sees it.',
  signals: {
    title: 'Risk and VIP signals',
    claimRisk: 'Delivery-claim risk {{score}} (threshold {{threshold}})',
    returnAbuse: 'Return-abuse signal {{score}} (threshold {{threshold}})',
    vip: 'VIP member',
  },
  reason: {
    claim_risk_flag: 'The account is flagged as a claim risk.',
    repeated_not_received_claims_one: '{{count}} not-received claim in the past year.',
    repeated_not_received_claims_other: '{{count}} not-received claims in the past year.',
    claim_value_high: 'The claim is for {{amount}}, a high value ({{limit}} or more).',
    delivery_evidence: 'The carrier recorded proof of delivery ({{evidence}}).',
    address_changed: 'The delivery address changed recently.',
    return_rate: '{{returns}} returns for {{orders}} orders in the past year.',
    return_abuse_flag: 'The account is flagged for return abuse.',
    instant_exchange: 'VIP: the replacement ships now, without waiting for the return.',
    instant_exchange_withheld:
      'Frequent returns: the replacement ships once the return has arrived.',
  },
  evidence: {
    signature: 'signature',
    photo: 'photo',
    gps: 'GPS location',
    handed: 'handed over in person',
  },
  notice: {
    reached: 'We called about the delay of order #{{order}} and explained it.',
    voicemail: 'We called about the delay of order #{{order}} and left a voicemail.',
  },
};

/** `{{name}}` placeholders filled from `values` (what i18next does in the renderer). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
