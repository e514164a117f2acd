import type { DeliveryClaim, ReturnRequest } from '../domain/after-sales';
import type { ReasonNode } from '../domain/guidance';
import type { Contact, Notice } from '../domain/interaction';
import type { Carrier, Order } from '../domain/order';
import type { Currency, Language } from '../domain/primitives';
import { catalogs } from '../i18n';
import { formatDate } from './calendar';
import { formatMoney } from './money';

/**
 * Why Koe thinks the customer is calling, as data: the renderer translates it with
 * `describeEvidence`, the tests assert on fields, and nothing is pre-baked in one language.
 */
export type EvidenceItem =
  | {
      kind: 'shipment_late';
      orderId: string;
      orderNumber: string;
      daysLate: number;
      promisedDate: string;
      estimatedDate: string | null;
      carrier: Carrier;
    }
  | {
      kind: 'shipment_expected_late';
      orderId: string;
      orderNumber: string;
      /** 0 when the carrier reports a delay without a later estimate. */
      expectedDaysLate: number;
      promisedDate: string;
      estimatedDate: string | null;
      carrier: Carrier;
    }
  | {
      kind: 'shipment_lost';
      orderId: string;
      orderNumber: string;
      promisedDate: string;
      carrier: Carrier;
    }
  | {
      kind: 'delivered_recently';
      orderId: string;
      orderNumber: string;
      deliveredAt: string;
      daysAgo: number;
      carrier: Carrier;
    }
  | {
      kind: 'claim_open';
      orderId: string;
      orderNumber: string | null;
      claimType: DeliveryClaim['type'];
      openedAt: string;
      daysAgo: number;
    }
  | {
      kind: 'return_in_progress';
      orderId: string;
      orderNumber: string | null;
      returnKind: ReturnRequest['kind'];
      status: ReturnRequest['status'];
      requestedAt: string;
    }
  | {
      kind: 'refund_pending';
      orderId: string;
      orderNumber: string | null;
      refundStatus: ReturnRequest['refundStatus'];
      amount: number;
      currency: Currency;
    }
  | {
      kind: 'recent_order';
      orderId: string;
      orderNumber: string;
      placedAt: string;
      status: Order['status'];
      hoursAgo: number;
    }
  | {
      kind: 'repeat_contact';
      contactId: string;
      channel: Contact['channel'];
      occurredAt: string;
      daysAgo: number;
      reasonCode: string;
    }
  | {
      kind: 'notice_sent';
      orderId: string | null;
      orderNumber: string | null;
      noticeKind: Notice['kind'];
      channel: Notice['channel'];
      sentAt: string;
      daysAgo: number;
    }
  | { kind: 'harassment_history' }
  | { kind: 'claim_risk'; flagged: boolean; notReceivedClaims: number };

export interface DescribeOptions {
  /** To name reason codes (`repeat_contact`); codes are shown as they are without it. */
  taxonomy?: readonly ReasonNode[];
  /** JST day number of now: dates in another year then show their year. */
  nowDay?: number;
}

export function reasonLabel(
  code: string,
  locale: Language,
  taxonomy: readonly ReasonNode[] | undefined,
): string {
  const node = taxonomy?.find((n) => n.code === code);
  if (!node) return code;
  return locale === 'ja' ? node.labelJa : node.labelEn;
}

// Japanese says a notice kind or a channel mid-sentence as the card labels it (the catalogs);
// English wants it in lower case, with an article.
const NOTICE_KIND = {
  ja: catalogs.ja.notices.kind,
  en: {
    delay: 'a delay notice',
    shipped: 'a shipping notice',
    out_for_delivery: 'an out-for-delivery notice',
    delivered: 'a delivery notice',
    refund_issued: 'a refund notice',
    return_received: 'a return-received notice',
  },
} satisfies Record<Language, Record<Notice['kind'], string>>;

const CHANNEL = {
  ja: { ...catalogs.ja.contacts.channel, ...catalogs.ja.notices.channel },
  en: { call: 'call', email: 'e-mail', chat: 'chat', social: 'social', sms: 'SMS', push: 'push' },
} satisfies Record<Language, Record<Contact['channel'] | Notice['channel'], string>>;

function days(n: number, locale: Language): string {
  if (locale === 'ja') return `${n}日`;
  return n === 1 ? '1 day' : `${n} days`;
}

function ago(n: number, locale: Language): string {
  if (locale === 'ja') return n <= 0 ? '本日' : `${n}日前`;
  return n <= 0 ? 'today' : n === 1 ? 'yesterday' : `${n} days ago`;
}

function orderRef(orderNumber: string | null, locale: Language): string {
  if (locale === 'ja') return orderNumber ? `ご注文 ${orderNumber}` : 'ご注文';
  return orderNumber ? `Order #${orderNumber}` : 'An order';
}

/** The words for one evidence item: 「ご注文 KO-… はお約束日を3日過ぎています」. */
export function describeEvidence(
  item: EvidenceItem,
  locale: Language,
  options: DescribeOptions = {},
): string {
  const t = catalogs[locale];
  const date = (value: string): string => formatDate(value, locale, options.nowDay) ?? value;
  const ja = locale === 'ja';
  switch (item.kind) {
    case 'shipment_late': {
      const carrier = t.carrier[item.carrier];
      const head = ja
        ? `${orderRef(item.orderNumber, locale)} はお約束日（${date(item.promisedDate)}）を${days(item.daysLate, locale)}過ぎています。`
        : `${orderRef(item.orderNumber, locale)} is ${days(item.daysLate, locale)} past its promised date (${date(item.promisedDate)}).`;
      if (!item.estimatedDate) return head;
      return ja
        ? `${head}${carrier}の現在の配達予定は${date(item.estimatedDate)}です。`
        : `${head} ${carrier} now estimates ${date(item.estimatedDate)}.`;
    }
    case 'shipment_expected_late':
      if (item.estimatedDate === null || item.expectedDaysLate === 0) {
        return ja
          ? `${orderRef(item.orderNumber, locale)} は${t.carrier[item.carrier]}が遅延を報告しています（お約束日 ${date(item.promisedDate)}）。`
          : `${t.carrier[item.carrier]} reports a delay on ${orderRef(item.orderNumber, locale).replace(/^Order/, 'order')} (promised ${date(item.promisedDate)}).`;
      }
      return ja
        ? `${orderRef(item.orderNumber, locale)} は${t.carrier[item.carrier]}の配達予定（${date(item.estimatedDate)}）がお約束日（${date(item.promisedDate)}）より${days(item.expectedDaysLate, locale)}遅れる見込みです。`
        : `${orderRef(item.orderNumber, locale)} is expected ${days(item.expectedDaysLate, locale)} late: ${t.carrier[item.carrier]} estimates ${date(item.estimatedDate)}, promised ${date(item.promisedDate)}.`;
    case 'shipment_lost':
      return ja
        ? `${orderRef(item.orderNumber, locale)} は${t.carrier[item.carrier]}で紛失扱いになっています（お約束日 ${date(item.promisedDate)}）。`
        : `${orderRef(item.orderNumber, locale)} is marked lost by ${t.carrier[item.carrier]} (promised ${date(item.promisedDate)}).`;
    case 'delivered_recently':
      return ja
        ? `${orderRef(item.orderNumber, locale)} は${date(item.deliveredAt)}（${ago(item.daysAgo, locale)}）に${t.carrier[item.carrier]}が配達完了としています。`
        : `${orderRef(item.orderNumber, locale)} was marked delivered by ${t.carrier[item.carrier]} on ${date(item.deliveredAt)} (${ago(item.daysAgo, locale)}).`;
    case 'claim_open':
      return ja
        ? `${orderRef(item.orderNumber, locale)} に未解決の配送クレーム（${t.claims.type[item.claimType]}）があります（${date(item.openedAt)}受付）。`
        : `${orderRef(item.orderNumber, locale)} has an open delivery claim (${t.claims.type[item.claimType].toLowerCase()}) since ${date(item.openedAt)}.`;
    case 'return_in_progress':
      return ja
        ? `${orderRef(item.orderNumber, locale)} の${t.returns.kind[item.returnKind]}は「${t.returns.status[item.status]}」です（${date(item.requestedAt)}申請）。`
        : `${orderRef(item.orderNumber, locale)} has a ${t.returns.kind[item.returnKind].toLowerCase()} in progress: “${t.returns.status[item.status]}” (requested ${date(item.requestedAt)}).`;
    case 'refund_pending':
      return ja
        ? `${orderRef(item.orderNumber, locale)} の返金（${formatMoney(item.amount, item.currency, locale)}）は「${t.returns.refundStatus[item.refundStatus]}」です。`
        : `The refund of ${formatMoney(item.amount, item.currency, locale)} for ${orderRef(item.orderNumber, locale).replace(/^Order/, 'order')} is “${t.returns.refundStatus[item.refundStatus]}”.`;
    case 'recent_order':
      return ja
        ? `${orderRef(item.orderNumber, locale)} は${item.hoursAgo < 24 ? `${item.hoursAgo}時間前` : ago(Math.floor(item.hoursAgo / 24), locale)}のご注文です（${t.orders.status[item.status]}）。`
        : `${orderRef(item.orderNumber, locale)} was placed ${item.hoursAgo < 24 ? `${item.hoursAgo} hours ago` : ago(Math.floor(item.hoursAgo / 24), locale)} (${t.orders.status[item.status].toLowerCase()}).`;
    case 'repeat_contact': {
      const reason = reasonLabel(item.reasonCode, locale, options.taxonomy);
      return ja
        ? `${ago(item.daysAgo, locale)}にも同じ用件（${reason}）で${CHANNEL.ja[item.channel]}のお問い合わせがありました。`
        : `Contacted about the same thing (${reason}) by ${CHANNEL.en[item.channel]} ${ago(item.daysAgo, locale)}.`;
    }
    case 'notice_sent':
      return ja
        ? `${ago(item.daysAgo, locale)}に${CHANNEL.ja[item.channel]}で${NOTICE_KIND.ja[item.noticeKind]}を送信済みです${item.orderNumber ? `（${item.orderNumber}）` : ''}。`
        : `We sent ${NOTICE_KIND.en[item.noticeKind]} by ${CHANNEL.en[item.channel]} ${ago(item.daysAgo, locale)}${item.orderNumber ? ` (#${item.orderNumber})` : ''}.`;
    case 'harassment_history':
      return ja
        ? 'このお客さまには過去にカスタマーハラスメントの記録があります。'
        : 'This customer has a recorded history of harassment.';
    case 'claim_risk':
      if (item.flagged) {
        return ja
          ? 'このお客さまには請求リスクのフラグが付いています。申告には確認手順が必要です。'
          : 'This account is flagged as a claim risk: claims need verification.';
      }
      return ja
        ? `未着の申告が${item.notReceivedClaims}件あります。申告には確認手順が必要です。`
        : `${item.notReceivedClaims} not-received claims on record: claims need verification.`;
  }
}
