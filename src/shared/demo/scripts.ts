import type { ScriptStep, ScriptVersion } from '../domain';
import { isoInstant } from './time';

/**
 * Starter call scripts, version 1, in Japanese and English (one script id per language, since a
 * version is keyed by script id: `<id>-ja`, `<id>-en`). Both languages of a script have the same
 * steps and branches, so each is written once with its text in both. Steps use these variables,
 * which the script engine fills from the customer card: customer.name, agent.name,
 * retailer.name, order.number, order.placedAt, shipment.carrier, shipment.trackingNumber,
 * shipment.promisedDate, shipment.estimatedDate, shipment.deliveredAt, shipment.daysLate,
 * return.status, return.refundStatus, return.amount, claim.type; filters `| date` and `| yen`.
 * Identity verification (本人確認) is the compliance step every script passes before discussing
 * an order.
 */
type Language = 'ja' | 'en';
type Text = Readonly<Record<Language, string>>;

type StepRow = readonly [
  id: string,
  text: Text,
  branches?: readonly (readonly [label: Text, next: string])[],
];

interface ScriptSource {
  id: string;
  title: Text;
  reasons: string[];
  steps: readonly StepRow[];
}

const VERIFY = 'verify';

/** The inbound scripts' greeting. */
const GREET: Text = {
  ja: 'お電話ありがとうございます。{{retailer.name}}カスタマーセンター、担当の{{agent.name}}でございます。',
  en: 'Thank you for calling {{retailer.name}} customer service. My name is {{agent.name}}.',
};
const NEXT: Text = { ja: '次へ', en: 'Next' };

/** The identity check: verified goes on to `next`, not verified to `otherwise`. */
function verify(text: Text, next: string, otherwise = 'unverified'): StepRow {
  return [
    VERIFY,
    text,
    [
      [{ ja: '確認できた', en: 'Verified' }, next],
      [{ ja: '確認できない', en: 'Cannot verify' }, otherwise],
    ],
  ];
}

/**
 * An inbound call's script: the greeting, the identity check (verified goes on to the first step
 * of `body`), `body`, the closing words when the script has its own, and what to say to a caller
 * who cannot be verified.
 */
function inboundScript(source: {
  id: string;
  title: Text;
  reasons: string[];
  check: Text;
  body: readonly [StepRow, ...StepRow[]];
  close?: Text;
  unverified: Text;
}): ScriptSource {
  const { id, title, reasons, check, body, close, unverified } = source;
  const ending: StepRow[] = close ? [['close', close]] : [];
  return {
    id,
    title,
    reasons,
    steps: [
      ['greet', GREET],
      verify(check, body[0][0]),
      ...body,
      ...ending,
      ['unverified', unverified],
    ],
  };
}

const SCRIPTS: readonly ScriptSource[] = [
  inboundScript({
    id: 'script-greeting',
    title: { ja: '基本の応対（受付）', en: 'Greeting and reason for calling' },
    reasons: [],
    check: {
      ja: '**本人確認**：ご登録のお名前、お電話番号、ご住所（郵便番号）を確認してください。確認できるまで注文内容はお伝えしないでください。',
      en: '**Identity verification**: confirm the registered name, phone number and address (postal code). Do not discuss orders until verified.',
    },
    body: [
      [
        'ask',
        {
          ja: '{{customer.name}}様、本日はどのようなご用件でしょうか。お客さまのお言葉をメモしてください。',
          en: 'How can I help you today, {{customer.name}}? Note the customer’s own words.',
        },
      ],
    ],
    unverified: {
      ja: '申し訳ございません。ご本人様確認ができないため、ご注文の詳細はお伝えできかねます。ご登録のメールアドレスからお問い合わせいただけますでしょうか。',
      en: 'I’m sorry, I can’t share order details without verifying your identity. Could you contact us from your registered e-mail address?',
    },
  }),
  inboundScript({
    id: 'script-wismo-late',
    title: { ja: '配送状況の確認・配送遅延', en: 'Where is my order / late delivery' },
    reasons: ['delivery.wismo', 'delivery.late'],
    check: {
      ja: '**本人確認**：お名前、お電話番号、ご注文番号 {{order.number}} を確認してください。',
      en: '**Identity verification**: confirm the name, phone number and order number {{order.number}}.',
    },
    body: [
      [
        'status',
        {
          ja: '{{customer.name}}様、ご注文 {{order.number}} は {{shipment.carrier}} でお届け中です（伝票番号 {{shipment.trackingNumber}}）。',
          en: '{{customer.name}}, your order {{order.number}} is on its way with {{shipment.carrier}} (tracking {{shipment.trackingNumber}}).',
        },
        [
          [{ ja: 'お約束の日より遅れている', en: 'Later than promised' }, 'late'],
          [{ ja: '予定どおり', en: 'On time' }, 'on_time'],
        ],
      ],
      [
        'late',
        {
          ja: 'お約束していた {{shipment.promisedDate | date}} より {{shipment.daysLate}} 日遅れており、大変申し訳ございません。現在のお届け予定は {{shipment.estimatedDate | date}} です。',
          en: 'I’m very sorry: it is {{shipment.daysLate}} days past the promised date of {{shipment.promisedDate | date}}. The current estimate is {{shipment.estimatedDate | date}}.',
        },
        [
          [{ ja: 'お詫びクーポンを案内する', en: 'Offer the apology coupon' }, 'coupon'],
          [{ ja: '受取方法の変更を希望', en: 'Customer wants to pick it up' }, 'pickup'],
          [{ ja: '案内のみ', en: 'Inform only' }, 'close'],
        ],
      ],
      [
        'coupon',
        {
          ja: 'お詫びとして、次回のお買い物でご利用いただける500円クーポンをお送りいたします。ご登録のメールアドレスに本日中にお届けします。',
          en: 'As an apology, we’ll send you a ¥500 coupon for your next purchase to your registered e-mail today.',
        },
        [[NEXT, 'close']],
      ],
      [
        'pickup',
        {
          ja: 'コンビニ・営業所での受け取りに変更できます。{{shipment.carrier}} に変更を依頼しますので、ご希望の受取場所をお伺いします。',
          en: 'We can redirect it to a convenience store or a {{shipment.carrier}} depot. Which location would suit you?',
        },
        [[NEXT, 'close']],
      ],
      [
        'on_time',
        {
          ja: 'お届け予定日は {{shipment.estimatedDate | date}} です。配達日時の変更は {{shipment.carrier}} のサイトからも承れます。',
          en: 'It is expected on {{shipment.estimatedDate | date}}. You can also change the delivery time on the {{shipment.carrier}} website.',
        },
        [[NEXT, 'close']],
      ],
    ],
    close: {
      ja: 'ほかにご不明な点はございますか。本日は{{agent.name}}が承りました。お電話ありがとうございました。',
      en: 'Is there anything else I can help you with? Thank you for calling.',
    },
    unverified: {
      ja: '申し訳ございません。ご本人様確認ができないため、配送状況の詳細はお伝えできかねます。',
      en: 'I’m sorry, I can’t share delivery details without verifying your identity.',
    },
  }),
  inboundScript({
    id: 'script-not-received',
    title: { ja: '配達済みだが届いていない', en: 'Delivered but not received' },
    reasons: ['delivery.not_received'],
    check: {
      ja: '**本人確認**：お名前、ご住所、ご注文番号 {{order.number}} を確認してください。',
      en: '**Identity verification**: confirm the name, address and order number {{order.number}}.',
    },
    body: [
      [
        'confirm',
        {
          ja: '{{shipment.carrier}} の記録では {{shipment.deliveredAt | date}} に配達完了となっております。宅配ボックス、玄関先（置き配）、ご家族の方の受け取りをご確認いただけますか。',
          en: '{{shipment.carrier}} shows it as delivered on {{shipment.deliveredAt | date}}. Could you check your parcel locker, your door, and with anyone in your household?',
        },
        [
          [{ ja: '見つかった', en: 'Found it' }, 'found'],
          [{ ja: '見つからない', en: 'Not found' }, 'claim'],
        ],
      ],
      [
        'found',
        {
          ja: 'お手元に届いていて安心いたしました。ほかにご不明な点はございますか。',
          en: 'I’m glad it arrived. Is there anything else I can help with?',
        },
      ],
      [
        'claim',
        {
          ja: '大変ご心配をおかけしております。{{shipment.carrier}} に調査を依頼し、未着の申告をお受けします。調査結果は3営業日以内にご連絡いたします。高リスクの申告は確認手順に従ってください。',
          en: 'I’m sorry for the worry. I’ll open a not-received claim and ask {{shipment.carrier}} to investigate; we’ll update you within 3 business days. Follow the verification steps for high-risk claims.',
        },
        [[NEXT, 'close']],
      ],
    ],
    close: {
      ja: '本日は{{agent.name}}が承りました。お電話ありがとうございました。',
      en: 'Thank you for calling.',
    },
    unverified: {
      ja: '申し訳ございません。ご本人様確認ができないため、申告をお受けできかねます。',
      en: 'I’m sorry, I can’t open a claim without verifying your identity.',
    },
  }),
  inboundScript({
    id: 'script-return-refund',
    title: { ja: '返品・返金状況の確認', en: 'Return and refund status' },
    reasons: ['returns.status', 'returns.refund'],
    check: {
      ja: '**本人確認**：お名前、お電話番号、ご注文番号 {{order.number}} を確認してください。',
      en: '**Identity verification**: confirm the name, phone number and order number {{order.number}}.',
    },
    body: [
      [
        'status',
        {
          ja: 'ご返品の状況は「{{return.status}}」、ご返金は「{{return.refundStatus}}」です。返金予定額は {{return.amount | yen}} です。',
          en: 'Your return is “{{return.status}}” and the refund is “{{return.refundStatus}}”, for {{return.amount | yen}}.',
        },
        [
          [{ ja: '返金待ち・処理中', en: 'Refund pending or processing' }, 'pending'],
          [{ ja: '返金済み', en: 'Refunded' }, 'refunded'],
        ],
      ],
      [
        'pending',
        {
          ja: '返品商品の確認後、3〜5営業日で返金手続きが完了します。クレジットカードの場合、明細への反映は翌月以降になることがあります。',
          en: 'Once the item is checked, the refund completes within 3–5 business days. Card statements can take until the next billing cycle.',
        },
        [[NEXT, 'close']],
      ],
      [
        'refunded',
        {
          ja: '返金手続きは完了しております。カード会社の明細または銀行口座をご確認ください。',
          en: 'The refund has been issued. Please check your card statement or bank account.',
        },
        [[NEXT, 'close']],
      ],
    ],
    close: {
      ja: 'ほかにご不明な点はございますか。本日は{{agent.name}}が承りました。お電話ありがとうございました。',
      en: 'Is there anything else I can help you with? Thank you for calling.',
    },
    unverified: {
      ja: '申し訳ございません。ご本人様確認ができないため、返金の詳細はお伝えできかねます。',
      en: 'I’m sorry, I can’t share refund details without verifying your identity.',
    },
  }),
  // Outbound: the agent calls from the outreach list about a delay the customer was not told of.
  {
    id: 'script-proactive-delay',
    title: {
      ja: '先回り連絡：配送遅延のお知らせ（発信）',
      en: 'Proactive call: delivery delay (outbound)',
    },
    reasons: ['outreach.delay'],
    steps: [
      [
        'greet',
        {
          ja: 'お世話になっております。{{retailer.name}}カスタマーセンターの{{agent.name}}と申します。{{customer.name}}様のお電話でよろしいでしょうか。',
          en: 'Hello, this is {{agent.name}} from {{retailer.name}} customer service. May I speak with {{customer.name}}?',
        },
        [
          [{ ja: 'ご本人が出た', en: 'The customer answered' }, 'verify'],
          [{ ja: '留守番電話', en: 'Voicemail' }, 'voicemail'],
          [{ ja: '応答なし・別の方', en: 'No answer / someone else' }, 'no_answer'],
        ],
      ],
      verify(
        {
          ja: '**本人確認**：お名前とご注文番号 {{order.number}} のご注文者様であることを確認してください。確認できるまで注文内容はお伝えしないでください。',
          en: '**Identity verification**: confirm the name and that they placed order {{order.number}}. Do not discuss the order until verified.',
        },
        'explain',
        'no_answer',
      ),
      [
        'explain',
        {
          ja: 'ご注文 {{order.number}} のお届けが、お約束の {{shipment.promisedDate | date}} より遅れております。大変申し訳ございません。{{shipment.carrier}} の現在のお届け予定は {{shipment.estimatedDate | date}} です。',
          en: 'I’m calling because order {{order.number}} is running late: it was promised for {{shipment.promisedDate | date}}. I’m very sorry. {{shipment.carrier}} now expects to deliver it on {{shipment.estimatedDate | date}}.',
        },
        [
          [{ ja: 'お詫びクーポンを案内する', en: 'Offer the apology coupon' }, 'coupon'],
          [{ ja: '受取方法の変更を希望', en: 'Wants to pick it up' }, 'pickup'],
          [{ ja: '案内のみ', en: 'Information only' }, 'close'],
        ],
      ],
      [
        'coupon',
        {
          ja: 'お詫びとして、次回のお買い物でご利用いただける500円クーポンをお送りいたします。',
          en: 'As an apology, we’ll send you a ¥500 coupon for your next purchase.',
        },
        [[NEXT, 'close']],
      ],
      [
        'pickup',
        {
          ja: 'コンビニ・営業所での受け取りに変更できます。ご希望の受取場所をお伺いします。',
          en: 'We can redirect it for pickup at a convenience store or a depot. Which location would suit you?',
        },
        [[NEXT, 'close']],
      ],
      [
        'close',
        {
          ja: 'ご不便をおかけして申し訳ございません。お届けまで引き続き確認いたします。{{agent.name}}がご案内しました。',
          en: 'I’m sorry for the inconvenience; we’ll keep an eye on it until it arrives. Thank you for your time.',
        },
      ],
      [
        'voicemail',
        {
          ja: '（留守番電話）{{retailer.name}}カスタマーセンターです。ご注文のお届けについてご連絡いたしました。詳しくはご登録のメールをご確認ください。',
          en: '(Voicemail) This is {{retailer.name}} customer service, calling about the delivery of your order. Please check the e-mail we sent for details.',
        },
      ],
      [
        'no_answer',
        {
          ja: '応答がない場合は、お客さまの情報を伝えずに終話し、結果を「応答なし」で記録してください。',
          en: 'If nobody answers, hang up without leaving personal details and record “No answer”.',
        },
      ],
    ],
  },
];

export function demoScriptVersions(publishedMs: number): ScriptVersion[] {
  const publishedAt = isoInstant(publishedMs);
  return [
    ...SCRIPTS.map((s) => version(s, 'ja', publishedAt)),
    ...SCRIPTS.map((s) => version(s, 'en', publishedAt)),
  ];
}

function steps(rows: readonly StepRow[], language: Language): ScriptStep[] {
  return rows.map(([id, text, branches = []]) => ({
    id,
    text: text[language],
    compliance: id === VERIFY,
    branches: branches.map(([label, next]) => ({ label: label[language], next })),
  }));
}

function version(source: ScriptSource, language: Language, publishedAt: string): ScriptVersion {
  return {
    scriptId: `${source.id}-${language}`,
    version: 1,
    language,
    title: source.title[language],
    triggers: { reasons: source.reasons, tiers: [] },
    steps: steps(source.steps, language),
    releaseNotes: language === 'ja' ? '初版' : 'First version',
    publishedAt,
  };
}
