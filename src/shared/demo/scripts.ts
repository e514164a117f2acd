import type { ScriptStep, ScriptVersion } from '../domain';
import { isoInstant } from './time';

/**
 * Starter call scripts, version 1, in Japanese and English (one script id per language, since a
 * version is keyed by script id). Steps use these variables, which the script engine fills from
 * the customer card: customer.name, agent.name, retailer.name, order.number, order.placedAt,
 * shipment.carrier, shipment.trackingNumber, shipment.promisedDate, shipment.estimatedDate,
 * shipment.deliveredAt, shipment.daysLate, return.status, return.refundStatus, return.amount,
 * claim.type; filters `| date` and `| yen`. Identity verification (本人確認) is the compliance
 * step every script passes before discussing an order.
 */
type StepRow = readonly [
  id: string,
  text: string,
  branches?: readonly (readonly [string, string])[],
];

interface ScriptSource {
  id: string;
  title: string;
  reasons: string[];
  steps: readonly StepRow[];
}

const VERIFY_JA = 'verify';

function steps(rows: readonly StepRow[]): ScriptStep[] {
  return rows.map(([id, text, branches = []]) => ({
    id,
    text,
    compliance: id === VERIFY_JA,
    branches: branches.map(([label, next]) => ({ label, next })),
  }));
}

const JA: readonly ScriptSource[] = [
  {
    id: 'script-greeting-ja',
    title: '基本の応対（受付）',
    reasons: [],
    steps: [
      [
        'greet',
        'お電話ありがとうございます。{{retailer.name}}カスタマーセンター、担当の{{agent.name}}でございます。',
      ],
      [
        'verify',
        '**本人確認**：ご登録のお名前、お電話番号、ご住所（郵便番号）を確認してください。確認できるまで注文内容はお伝えしないでください。',
        [
          ['確認できた', 'ask'],
          ['確認できない', 'unverified'],
        ],
      ],
      [
        'ask',
        '{{customer.name}}様、本日はどのようなご用件でしょうか。お客さまのお言葉をメモしてください。',
      ],
      [
        'unverified',
        '申し訳ございません。ご本人様確認ができないため、ご注文の詳細はお伝えできかねます。ご登録のメールアドレスからお問い合わせいただけますでしょうか。',
      ],
    ],
  },
  {
    id: 'script-wismo-late-ja',
    title: '配送状況の確認・配送遅延',
    reasons: ['delivery.wismo', 'delivery.late'],
    steps: [
      [
        'greet',
        'お電話ありがとうございます。{{retailer.name}}カスタマーセンター、担当の{{agent.name}}でございます。',
      ],
      [
        'verify',
        '**本人確認**：お名前、お電話番号、ご注文番号 {{order.number}} を確認してください。',
        [
          ['確認できた', 'status'],
          ['確認できない', 'unverified'],
        ],
      ],
      [
        'status',
        '{{customer.name}}様、ご注文 {{order.number}} は {{shipment.carrier}} でお届け中です（伝票番号 {{shipment.trackingNumber}}）。',
        [
          ['お約束の日より遅れている', 'late'],
          ['予定どおり', 'on_time'],
        ],
      ],
      [
        'late',
        'お約束していた {{shipment.promisedDate | date}} より {{shipment.daysLate}} 日遅れており、大変申し訳ございません。現在のお届け予定は {{shipment.estimatedDate | date}} です。',
        [
          ['お詫びクーポンを案内する', 'coupon'],
          ['受取方法の変更を希望', 'pickup'],
          ['案内のみ', 'close'],
        ],
      ],
      [
        'coupon',
        'お詫びとして、次回のお買い物でご利用いただける500円クーポンをお送りいたします。ご登録のメールアドレスに本日中にお届けします。',
        [['次へ', 'close']],
      ],
      [
        'pickup',
        'コンビニ・営業所での受け取りに変更できます。{{shipment.carrier}} に変更を依頼しますので、ご希望の受取場所をお伺いします。',
        [['次へ', 'close']],
      ],
      [
        'on_time',
        'お届け予定日は {{shipment.estimatedDate | date}} です。配達日時の変更は {{shipment.carrier}} のサイトからも承れます。',
        [['次へ', 'close']],
      ],
      [
        'close',
        'ほかにご不明な点はございますか。本日は{{agent.name}}が承りました。お電話ありがとうございました。',
      ],
      [
        'unverified',
        '申し訳ございません。ご本人様確認ができないため、配送状況の詳細はお伝えできかねます。',
      ],
    ],
  },
  {
    id: 'script-not-received-ja',
    title: '配達済みだが届いていない',
    reasons: ['delivery.not_received'],
    steps: [
      [
        'greet',
        'お電話ありがとうございます。{{retailer.name}}カスタマーセンター、担当の{{agent.name}}でございます。',
      ],
      [
        'verify',
        '**本人確認**：お名前、ご住所、ご注文番号 {{order.number}} を確認してください。',
        [
          ['確認できた', 'confirm'],
          ['確認できない', 'unverified'],
        ],
      ],
      [
        'confirm',
        '{{shipment.carrier}} の記録では {{shipment.deliveredAt | date}} に配達完了となっております。宅配ボックス、玄関先（置き配）、ご家族の方の受け取りをご確認いただけますか。',
        [
          ['見つかった', 'found'],
          ['見つからない', 'claim'],
        ],
      ],
      ['found', 'お手元に届いていて安心いたしました。ほかにご不明な点はございますか。'],
      [
        'claim',
        '大変ご心配をおかけしております。{{shipment.carrier}} に調査を依頼し、未着の申告をお受けします。調査結果は3営業日以内にご連絡いたします。高リスクの申告は確認手順に従ってください。',
        [['次へ', 'close']],
      ],
      ['close', '本日は{{agent.name}}が承りました。お電話ありがとうございました。'],
      ['unverified', '申し訳ございません。ご本人様確認ができないため、申告をお受けできかねます。'],
    ],
  },
  {
    id: 'script-return-refund-ja',
    title: '返品・返金状況の確認',
    reasons: ['returns.status', 'returns.refund'],
    steps: [
      [
        'greet',
        'お電話ありがとうございます。{{retailer.name}}カスタマーセンター、担当の{{agent.name}}でございます。',
      ],
      [
        'verify',
        '**本人確認**：お名前、お電話番号、ご注文番号 {{order.number}} を確認してください。',
        [
          ['確認できた', 'status'],
          ['確認できない', 'unverified'],
        ],
      ],
      [
        'status',
        'ご返品の状況は「{{return.status}}」、ご返金は「{{return.refundStatus}}」です。返金予定額は {{return.amount | yen}} です。',
        [
          ['返金待ち・処理中', 'pending'],
          ['返金済み', 'refunded'],
        ],
      ],
      [
        'pending',
        '返品商品の確認後、3〜5営業日で返金手続きが完了します。クレジットカードの場合、明細への反映は翌月以降になることがあります。',
        [['次へ', 'close']],
      ],
      [
        'refunded',
        '返金手続きは完了しております。カード会社の明細または銀行口座をご確認ください。',
        [['次へ', 'close']],
      ],
      [
        'close',
        'ほかにご不明な点はございますか。本日は{{agent.name}}が承りました。お電話ありがとうございました。',
      ],
      [
        'unverified',
        '申し訳ございません。ご本人様確認ができないため、返金の詳細はお伝えできかねます。',
      ],
    ],
  },
  // Outbound: the agent calls from the outreach list about a delay the customer was not told of.
  {
    id: 'script-proactive-delay-ja',
    title: '先回り連絡：配送遅延のお知らせ（発信）',
    reasons: ['outreach.delay'],
    steps: [
      [
        'greet',
        'お世話になっております。{{retailer.name}}カスタマーセンターの{{agent.name}}と申します。{{customer.name}}様のお電話でよろしいでしょうか。',
        [
          ['ご本人が出た', 'verify'],
          ['留守番電話', 'voicemail'],
          ['応答なし・別の方', 'no_answer'],
        ],
      ],
      [
        'verify',
        '**本人確認**：お名前とご注文番号 {{order.number}} のご注文者様であることを確認してください。確認できるまで注文内容はお伝えしないでください。',
        [
          ['確認できた', 'explain'],
          ['確認できない', 'no_answer'],
        ],
      ],
      [
        'explain',
        'ご注文 {{order.number}} のお届けが、お約束の {{shipment.promisedDate | date}} より遅れております。大変申し訳ございません。{{shipment.carrier}} の現在のお届け予定は {{shipment.estimatedDate | date}} です。',
        [
          ['お詫びクーポンを案内する', 'coupon'],
          ['受取方法の変更を希望', 'pickup'],
          ['案内のみ', 'close'],
        ],
      ],
      [
        'coupon',
        'お詫びとして、次回のお買い物でご利用いただける500円クーポンをお送りいたします。',
        [['次へ', 'close']],
      ],
      [
        'pickup',
        'コンビニ・営業所での受け取りに変更できます。ご希望の受取場所をお伺いします。',
        [['次へ', 'close']],
      ],
      [
        'close',
        'ご不便をおかけして申し訳ございません。お届けまで引き続き確認いたします。{{agent.name}}がご案内しました。',
      ],
      [
        'voicemail',
        '（留守番電話）{{retailer.name}}カスタマーセンターです。ご注文のお届けについてご連絡いたしました。詳しくはご登録のメールをご確認ください。',
      ],
      [
        'no_answer',
        '応答がない場合は、お客さまの情報を伝えずに終話し、結果を「応答なし」で記録してください。',
      ],
    ],
  },
];

const EN: readonly ScriptSource[] = [
  {
    id: 'script-greeting-en',
    title: 'Greeting and reason for calling',
    reasons: [],
    steps: [
      [
        'greet',
        'Thank you for calling {{retailer.name}} customer service. My name is {{agent.name}}.',
      ],
      [
        'verify',
        '**Identity verification**: confirm the registered name, phone number and address (postal code). Do not discuss orders until verified.',
        [
          ['Verified', 'ask'],
          ['Cannot verify', 'unverified'],
        ],
      ],
      ['ask', 'How can I help you today, {{customer.name}}? Note the customer’s own words.'],
      [
        'unverified',
        'I’m sorry, I can’t share order details without verifying your identity. Could you contact us from your registered e-mail address?',
      ],
    ],
  },
  {
    id: 'script-wismo-late-en',
    title: 'Where is my order / late delivery',
    reasons: ['delivery.wismo', 'delivery.late'],
    steps: [
      [
        'greet',
        'Thank you for calling {{retailer.name}} customer service. My name is {{agent.name}}.',
      ],
      [
        'verify',
        '**Identity verification**: confirm the name, phone number and order number {{order.number}}.',
        [
          ['Verified', 'status'],
          ['Cannot verify', 'unverified'],
        ],
      ],
      [
        'status',
        '{{customer.name}}, your order {{order.number}} is on its way with {{shipment.carrier}} (tracking {{shipment.trackingNumber}}).',
        [
          ['Later than promised', 'late'],
          ['On time', 'on_time'],
        ],
      ],
      [
        'late',
        'I’m very sorry: it is {{shipment.daysLate}} days past the promised date of {{shipment.promisedDate | date}}. The current estimate is {{shipment.estimatedDate | date}}.',
        [
          ['Offer the apology coupon', 'coupon'],
          ['Customer wants to pick it up', 'pickup'],
          ['Inform only', 'close'],
        ],
      ],
      [
        'coupon',
        'As an apology, we’ll send you a ¥500 coupon for your next purchase to your registered e-mail today.',
        [['Next', 'close']],
      ],
      [
        'pickup',
        'We can redirect it to a convenience store or a {{shipment.carrier}} depot. Which location would suit you?',
        [['Next', 'close']],
      ],
      [
        'on_time',
        'It is expected on {{shipment.estimatedDate | date}}. You can also change the delivery time on the {{shipment.carrier}} website.',
        [['Next', 'close']],
      ],
      ['close', 'Is there anything else I can help you with? Thank you for calling.'],
      ['unverified', 'I’m sorry, I can’t share delivery details without verifying your identity.'],
    ],
  },
  {
    id: 'script-not-received-en',
    title: 'Delivered but not received',
    reasons: ['delivery.not_received'],
    steps: [
      [
        'greet',
        'Thank you for calling {{retailer.name}} customer service. My name is {{agent.name}}.',
      ],
      [
        'verify',
        '**Identity verification**: confirm the name, address and order number {{order.number}}.',
        [
          ['Verified', 'confirm'],
          ['Cannot verify', 'unverified'],
        ],
      ],
      [
        'confirm',
        '{{shipment.carrier}} shows it as delivered on {{shipment.deliveredAt | date}}. Could you check your parcel locker, your door, and with anyone in your household?',
        [
          ['Found it', 'found'],
          ['Not found', 'claim'],
        ],
      ],
      ['found', 'I’m glad it arrived. Is there anything else I can help with?'],
      [
        'claim',
        'I’m sorry for the worry. I’ll open a not-received claim and ask {{shipment.carrier}} to investigate; we’ll update you within 3 business days. Follow the verification steps for high-risk claims.',
        [['Next', 'close']],
      ],
      ['close', 'Thank you for calling.'],
      ['unverified', 'I’m sorry, I can’t open a claim without verifying your identity.'],
    ],
  },
  {
    id: 'script-return-refund-en',
    title: 'Return and refund status',
    reasons: ['returns.status', 'returns.refund'],
    steps: [
      [
        'greet',
        'Thank you for calling {{retailer.name}} customer service. My name is {{agent.name}}.',
      ],
      [
        'verify',
        '**Identity verification**: confirm the name, phone number and order number {{order.number}}.',
        [
          ['Verified', 'status'],
          ['Cannot verify', 'unverified'],
        ],
      ],
      [
        'status',
        'Your return is “{{return.status}}” and the refund is “{{return.refundStatus}}”, for {{return.amount | yen}}.',
        [
          ['Refund pending or processing', 'pending'],
          ['Refunded', 'refunded'],
        ],
      ],
      [
        'pending',
        'Once the item is checked, the refund completes within 3–5 business days. Card statements can take until the next billing cycle.',
        [['Next', 'close']],
      ],
      [
        'refunded',
        'The refund has been issued. Please check your card statement or bank account.',
        [['Next', 'close']],
      ],
      ['close', 'Is there anything else I can help you with? Thank you for calling.'],
      ['unverified', 'I’m sorry, I can’t share refund details without verifying your identity.'],
    ],
  },
  // Outbound: the agent calls from the outreach list about a delay the customer was not told of.
  {
    id: 'script-proactive-delay-en',
    title: 'Proactive call: delivery delay (outbound)',
    reasons: ['outreach.delay'],
    steps: [
      [
        'greet',
        'Hello, this is {{agent.name}} from {{retailer.name}} customer service. May I speak with {{customer.name}}?',
        [
          ['The customer answered', 'verify'],
          ['Voicemail', 'voicemail'],
          ['No answer / someone else', 'no_answer'],
        ],
      ],
      [
        'verify',
        '**Identity verification**: confirm the name and that they placed order {{order.number}}. Do not discuss the order until verified.',
        [
          ['Verified', 'explain'],
          ['Cannot verify', 'no_answer'],
        ],
      ],
      [
        'explain',
        'I’m calling because order {{order.number}} is running late: it was promised for {{shipment.promisedDate | date}}. I’m very sorry. {{shipment.carrier}} now expects to deliver it on {{shipment.estimatedDate | date}}.',
        [
          ['Offer the apology coupon', 'coupon'],
          ['Wants to pick it up', 'pickup'],
          ['Information only', 'close'],
        ],
      ],
      [
        'coupon',
        'As an apology, we’ll send you a ¥500 coupon for your next purchase.',
        [['Next', 'close']],
      ],
      [
        'pickup',
        'We can redirect it for pickup at a convenience store or a depot. Which location would suit you?',
        [['Next', 'close']],
      ],
      [
        'close',
        'I’m sorry for the inconvenience; we’ll keep an eye on it until it arrives. Thank you for your time.',
      ],
      [
        'voicemail',
        '(Voicemail) This is {{retailer.name}} customer service, calling about the delivery of your order. Please check the e-mail we sent for details.',
      ],
      [
        'no_answer',
        'If nobody answers, hang up without leaving personal details and record “No answer”.',
      ],
    ],
  },
];

export function demoScriptVersions(publishedMs: number): ScriptVersion[] {
  const publishedAt = isoInstant(publishedMs);
  return [
    ...JA.map((s) => version(s, 'ja', publishedAt)),
    ...EN.map((s) => version(s, 'en', publishedAt)),
  ];
}

function version(source: ScriptSource, language: 'ja' | 'en', publishedAt: string): ScriptVersion {
  return {
    scriptId: source.id,
    version: 1,
    language,
    title: source.title,
    triggers: { reasons: source.reasons, tiers: [] },
    steps: steps(source.steps),
    releaseNotes: language === 'ja' ? '初版' : 'First version',
    publishedAt,
  };
}
