import type {
  Carrier,
  Contact,
  DeliveryClaim,
  Language,
  Notice,
  Order,
  OrderLine,
  ReturnRequest,
  Shipment,
  ShipmentStatus,
  TrackingEvent,
} from '../domain';
import type { CustomerRecord, RetailerRecord } from '../protocol/records';
import { carrierName, trackingNumber } from './carriers';
import { orderNumber, type Sequences } from './ids';
import { noticeMessage } from './messages';
import { productBySku } from './products';
import { isoDateOfDay, isoInstant, jstDay, jstInstant, shortDate, yymmOf } from './time';

/**
 * The first customers of every data set, written by hand so the demo and the tests can rely on
 * them: a late parcel, a not-received claim, a pending refund in English, and a household
 * phone shared by two customers (a screen pop with several matches).
 */
export const DEMO_FEATURED_CUSTOMERS = {
  /** 佐藤 花子, gold: a Yamato parcel 3 days past its promised date; a delay e-mail was sent. */
  lateDelivery: {
    customerId: 'cus-demo-sato-hanako',
    phone: '090-1234-5678',
    e164: '+819012345678',
    orderId: 'ord-demo-sato-late',
    shipmentId: 'shp-demo-sato-late',
    daysLate: 3,
  },
  /** 鈴木 一郎, house phone: a delivered order and an open not-received claim. */
  notReceivedClaim: {
    customerId: 'cus-demo-suzuki-ichiro',
    phone: '03-5555-0123',
    e164: '+81355550123',
    orderId: 'ord-demo-suzuki-earbuds',
    shipmentId: 'shp-demo-suzuki-earbuds',
    claimId: 'clm-demo-suzuki-not-received',
  },
  /** Emily Carter, English, US mobile: a received return whose refund is still pending. */
  refundPending: {
    customerId: 'cus-demo-emily-carter',
    phone: '+1 415-555-0142',
    e164: '+14155550142',
    orderId: 'ord-demo-carter-shoes',
    returnId: 'ret-demo-carter-shoes',
  },
  /**
   * 高橋 誠, VIP: a Sagawa parcel 2 days past its promise, the carrier reports a delay, and only
   * the shipping e-mail went out — the first line of the proactive outreach list.
   */
  lateUntold: {
    customerId: 'cus-demo-takahashi-makoto',
    phone: '080-3141-5926',
    e164: '+818031415926',
    orderId: 'ord-demo-takahashi-kettle',
    shipmentId: 'shp-demo-takahashi-kettle',
    daysLate: 2,
  },
  /**
   * 伊藤 翔太: a second not-received claim in a year, for a ¥39,800 monitor the carrier
   * photographed and GPS-logged at the door, after a recent address change — a high-risk claim.
   */
  highRiskClaim: {
    customerId: 'cus-demo-ito-shota',
    phone: '080-2718-2818',
    e164: '+818027182818',
    orderId: 'ord-demo-ito-monitor',
    shipmentId: 'shp-demo-ito-monitor',
    claimId: 'clm-demo-ito-monitor',
  },
  /** 田中 健一 and 田中 美咲 share the house phone. */
  household: {
    customerIds: ['cus-demo-tanaka-kenichi', 'cus-demo-tanaka-misaki'],
    phone: '06-6123-4567',
    e164: '+81661234567',
  },
} as const;

/** Every number and address the featured customers use; generated customers avoid them. */
export const FEATURED_PHONES_E164: ReadonlySet<string> = new Set([
  '+819012345678',
  '+81355550123',
  '+14155550142',
  '+81661234567',
  '+818023456789',
  '+818031415926',
  '+818027182818',
]);

export const FEATURED_EMAILS: ReadonlySet<string> = new Set([
  'hanako.sato@gmail.com',
  'ichiro.suzuki@yahoo.co.jp',
  'emily.carter@gmail.com',
  'kenichi.tanaka@docomo.ne.jp',
  'misaki_tanaka1988@yahoo.co.jp',
  'makoto.takahashi@icloud.com',
  'shota.ito@gmail.com',
]);

export const FEATURED_CUSTOMER_COUNT = 7;

interface LineSpec {
  sku: string;
  quantity?: number;
}

interface EventSpec {
  day: number;
  hour: number;
  status: ShipmentStatus;
  location: string;
  description: string;
}

/** Builds the featured records; `day` offsets are JST days relative to `now`. */
class FeaturedBuilder {
  readonly records: RetailerRecord[] = [];
  private readonly nowDay: number;

  constructor(
    nowMs: number,
    private readonly seq: Sequences,
  ) {
    this.nowDay = jstDay(nowMs);
  }

  at(day: number, hour: number): string {
    return isoInstant(this.ms(day, hour));
  }

  ms(day: number, hour: number): number {
    return jstInstant(this.nowDay + day, hour);
  }

  date(day: number): string {
    return isoDateOfDay(this.nowDay + day);
  }

  short(day: number, language: Language): string {
    return shortDate(this.nowDay + day, language);
  }

  customer(data: Omit<CustomerRecord, 'currency'>): void {
    this.records.push({ type: 'customer', data: { ...data, currency: 'JPY' } });
  }

  order(
    id: string,
    customerId: string,
    language: Language,
    placed: [number, number],
    status: Order['status'],
    specs: LineSpec[],
    updatedAt: string,
  ): Order {
    const n = ++this.seq.order;
    const lines: OrderLine[] = specs.map((spec, i) => {
      const product = productBySku(spec.sku);
      return {
        lineNo: i + 1,
        sku: product.sku,
        productName: language === 'ja' ? product.nameJa : product.nameEn,
        quantity: spec.quantity ?? 1,
        unitPrice: product.price,
      };
    });
    const placedMs = this.ms(...placed);
    const order: Order = {
      id,
      customerId,
      orderNumber: orderNumber(yymmOf(placedMs), n),
      placedAt: isoInstant(placedMs),
      status,
      total: lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
      currency: 'JPY',
      lines,
      updatedAt,
    };
    this.records.push({ type: 'order', data: order });
    return order;
  }

  shipment(
    id: string,
    order: Order,
    carrier: Carrier,
    route: [origin: string, destination: string],
    dates: { promised: number; estimated: number | null; delivered: [number, number] | null },
    events: EventSpec[],
  ): Shipment {
    const trackingEvents: TrackingEvent[] = events.map((e) => ({
      occurredAt: this.at(e.day, e.hour),
      status: e.status,
      location: e.location,
      description: e.description,
    }));
    const last = trackingEvents[trackingEvents.length - 1] as TrackingEvent;
    const shipment: Shipment = {
      id,
      orderId: order.id,
      carrier,
      trackingNumber: trackingNumber(carrier, ++this.seq.shipment),
      status: last.status,
      shippedAt: (trackingEvents[1] ?? last).occurredAt,
      promisedDate: this.date(dates.promised),
      estimatedDate: dates.estimated === null ? null : this.date(dates.estimated),
      deliveredAt: dates.delivered ? this.at(...dates.delivered) : null,
      originPrefecture: route[0],
      destinationPrefecture: route[1],
      events: trackingEvents,
      updatedAt: last.occurredAt,
    };
    this.records.push({ type: 'shipment', data: shipment });
    return shipment;
  }

  push(record: RetailerRecord): void {
    this.records.push(record);
  }

  contact(data: Omit<Contact, 'updatedAt'>): void {
    const updatedAt = isoInstant(Date.parse(data.occurredAt) + 8 * 60_000);
    this.records.push({ type: 'contact', data: { ...data, updatedAt } });
  }

  notice(data: Omit<Notice, 'updatedAt'>): void {
    this.records.push({ type: 'notice', data: { ...data, updatedAt: data.sentAt } });
  }
}

const ev = (
  day: number,
  hour: number,
  status: ShipmentStatus,
  location: string,
  description: string,
): EventSpec => ({
  day,
  hour,
  status,
  location,
  description,
});

export function featuredCustomerRecords(nowMs: number, seq: Sequences): RetailerRecord[] {
  const b = new FeaturedBuilder(nowMs, seq);
  const F = DEMO_FEATURED_CUSTOMERS;

  // 1. 佐藤 花子 — gold; a Yamato parcel from the 粕屋 warehouse, promised 3 days ago.
  const sato = F.lateDelivery.customerId;
  b.customer({
    id: sato,
    familyName: '佐藤',
    givenName: '花子',
    familyNameKana: 'サトウ',
    givenNameKana: 'ハナコ',
    language: 'ja',
    tier: 'gold',
    lifetimeValue: 386_400,
    prefecture: '東京都',
    postalCode: '154-0017',
    addressLine: '世田谷区世田谷3丁目12-5 メゾン・ド・ソレイユ 302',
    phones: [{ number: F.lateDelivery.phone, kind: 'mobile' }],
    emails: ['hanako.sato@gmail.com'],
    flags: [],
    createdAt: b.at(-1200, 21.5),
    updatedAt: b.at(-6, 10.5),
  });
  const satoTowels = b.order(
    'ord-demo-sato-towels',
    sato,
    'ja',
    [-95, 20.25],
    'delivered',
    [{ sku: 'TWL-IMB-GFT', quantity: 2 }],
    b.at(-93, 14.2),
  );
  b.shipment(
    'shp-demo-sato-towels',
    satoTowels,
    'yamato',
    ['千葉県', '東京都'],
    { promised: -92, estimated: -93, delivered: [-93, 14.2] },
    [
      ev(-94, 13, 'label_created', '市川ベース', '伝票番号が登録されました'),
      ev(-94, 16.5, 'in_transit', '市川ベース', '荷物受付'),
      ev(-94, 20, 'in_transit', '千葉ベース', '発送済み'),
      ev(-93, 7.5, 'out_for_delivery', '東京センター', '配達中'),
      ev(-93, 14.2, 'delivered', '東京センター', '配達完了'),
    ],
  );
  const late = b.order(
    F.lateDelivery.orderId,
    sato,
    'ja',
    [-6, 10.5],
    'shipped',
    [{ sku: 'RICE-YPK-5' }, { sku: 'PLT-ARITA-5' }],
    b.at(-1, 6.2),
  );
  const lateShipment = b.shipment(
    F.lateDelivery.shipmentId,
    late,
    'yamato',
    ['福岡県', '東京都'],
    { promised: -3, estimated: 1, delivered: null },
    [
      ev(-6, 14, 'label_created', '粕屋ベース', '伝票番号が登録されました'),
      ev(-6, 17, 'in_transit', '粕屋ベース', '荷物受付'),
      ev(-6, 21.5, 'in_transit', '福岡ベース', '発送済み'),
      ev(-5, 6, 'in_transit', '大阪ベース', '輸送中'),
      ev(-4, 9, 'delayed', '大阪ベース', '遅延：悪天候の影響によりお届けが遅れております'),
      ev(-1, 6.2, 'delayed', '東京ベース', '遅延：荷物の集中によりお届けが遅れております'),
    ],
  );
  b.notice({
    id: 'ntc-demo-sato-shipped',
    customerId: sato,
    orderId: late.id,
    channel: 'email',
    kind: 'shipped',
    language: 'ja',
    sentAt: b.at(-6, 18),
    message: noticeMessage('shipped', 'ja', {
      o: late.orderNumber,
      c: carrierName('yamato', 'ja'),
      t: lateShipment.trackingNumber,
      d: b.short(-3, 'ja'),
    }),
  });
  b.notice({
    id: 'ntc-demo-sato-delay',
    customerId: sato,
    orderId: late.id,
    channel: 'email',
    kind: 'delay',
    language: 'ja',
    sentAt: b.at(-2, 11),
    message: noticeMessage('delay', 'ja', {
      o: late.orderNumber,
      c: carrierName('yamato', 'ja'),
      d: b.short(1, 'ja'),
    }),
  });
  b.contact({
    id: 'ctc-demo-sato-question',
    customerId: sato,
    orderId: null,
    channel: 'chat',
    direction: 'inbound',
    occurredAt: b.at(-60, 13.4),
    reasonCode: 'product.question',
    summary: '今治タオルのギフト包装について質問。',
  });

  // 2. 鈴木 一郎 — house phone; earbuds left at the door (置き配) 5 days ago, not found.
  const suzuki = F.notReceivedClaim.customerId;
  b.customer({
    id: suzuki,
    familyName: '鈴木',
    givenName: '一郎',
    familyNameKana: 'スズキ',
    givenNameKana: 'イチロウ',
    language: 'ja',
    tier: 'silver',
    lifetimeValue: 68_200,
    prefecture: '東京都',
    postalCode: '146-0082',
    addressLine: '大田区池上5丁目8-14',
    phones: [{ number: F.notReceivedClaim.phone, kind: 'home' }],
    emails: ['ichiro.suzuki@yahoo.co.jp'],
    flags: [],
    createdAt: b.at(-800, 10),
    updatedAt: b.at(-9, 19.75),
  });
  const earbuds = b.order(
    F.notReceivedClaim.orderId,
    suzuki,
    'ja',
    [-9, 19.75],
    'delivered',
    [{ sku: 'EAR-PRO2' }],
    b.at(-6, 14.2),
  );
  const earbudsShipment = b.shipment(
    F.notReceivedClaim.shipmentId,
    earbuds,
    'sagawa',
    ['千葉県', '東京都'],
    { promised: -6, estimated: -6, delivered: [-6, 14.2] },
    [
      ev(-8, 11, 'label_created', '市川営業所', '伝票番号が登録されました'),
      ev(-8, 16, 'in_transit', '市川営業所', '荷物受付'),
      ev(-7, 22, 'in_transit', '東京中継センター', '輸送中'),
      ev(-6, 8, 'out_for_delivery', '東京営業所', '配達中'),
      ev(-6, 14.2, 'delivered', '東京営業所', '配達完了（置き配）'),
    ],
  );
  b.push({
    type: 'claim',
    data: {
      id: F.notReceivedClaim.claimId,
      orderId: earbuds.id,
      shipmentId: earbudsShipment.id,
      customerId: suzuki,
      type: 'not_received',
      status: 'open',
      outcome: null,
      amount: earbuds.total,
      currency: 'JPY',
      openedAt: b.at(-2, 10.4),
      resolvedAt: null,
      updatedAt: b.at(-2, 10.4),
    } satisfies DeliveryClaim,
  });
  b.contact({
    id: 'ctc-demo-suzuki-not-received',
    customerId: suzuki,
    orderId: earbuds.id,
    channel: 'call',
    direction: 'inbound',
    occurredAt: b.at(-2, 10.1),
    reasonCode: 'delivery.not_received',
    summary: `${earbuds.orderNumber}が置き配で配達完了になっているが見当たらないとの申告。佐川急便に調査依頼。`,
  });
  b.notice({
    id: 'ntc-demo-suzuki-delivered',
    customerId: suzuki,
    orderId: earbuds.id,
    channel: 'email',
    kind: 'delivered',
    language: 'ja',
    sentAt: b.at(-6, 14.5),
    message: noticeMessage('delivered', 'ja', { o: earbuds.orderNumber, d: b.short(-6, 'ja') }),
  });

  // 3. Emily Carter — English; returned the shoes (wrong size), received, refund not yet paid.
  const carter = F.refundPending.customerId;
  b.customer({
    id: carter,
    familyName: 'Carter',
    givenName: 'Emily',
    familyNameKana: 'カーター',
    givenNameKana: 'エミリー',
    language: 'en',
    tier: 'silver',
    lifetimeValue: 92_300,
    prefecture: '東京都',
    postalCode: '106-0032',
    addressLine: '港区六本木6丁目10-1 パークハウス 1204',
    phones: [{ number: F.refundPending.phone, kind: 'mobile' }],
    emails: ['emily.carter@gmail.com'],
    flags: [],
    createdAt: b.at(-400, 9),
    updatedAt: b.at(-24, 21),
  });
  const shoes = b.order(
    F.refundPending.orderId,
    carter,
    'en',
    [-24, 21],
    'delivered',
    [{ sku: 'SHO-RUN-LT' }, { sku: 'JKT-DOWN-LT' }],
    b.at(-21, 11.5),
  );
  b.shipment(
    'shp-demo-carter-shoes',
    shoes,
    'yamato',
    ['千葉県', '東京都'],
    { promised: -21, estimated: -21, delivered: [-21, 11.5] },
    [
      ev(-23, 12, 'label_created', '市川ベース', '伝票番号が登録されました'),
      ev(-22, 16, 'in_transit', '市川ベース', '荷物受付'),
      ev(-22, 20, 'in_transit', '千葉ベース', '発送済み'),
      ev(-21, 7.5, 'out_for_delivery', '東京センター', '配達中'),
      ev(-21, 11.5, 'delivered', '東京センター', '配達完了（宅配ボックス）'),
    ],
  );
  b.push({
    type: 'return',
    data: {
      id: F.refundPending.returnId,
      orderId: shoes.id,
      customerId: carter,
      kind: 'return',
      status: 'received',
      refundStatus: 'pending',
      reason: 'Wrong size',
      amount: productBySku('SHO-RUN-LT').price,
      currency: 'JPY',
      requestedAt: b.at(-17, 20),
      updatedAt: b.at(-9, 15),
    } satisfies ReturnRequest,
  });
  b.notice({
    id: 'ntc-demo-carter-return-received',
    customerId: carter,
    orderId: shoes.id,
    channel: 'email',
    kind: 'return_received',
    language: 'en',
    sentAt: b.at(-9, 15.5),
    message: noticeMessage('return_received', 'en', { o: shoes.orderNumber }),
  });
  b.contact({
    id: 'ctc-demo-carter-refund',
    customerId: carter,
    orderId: shoes.id,
    channel: 'email',
    direction: 'inbound',
    occurredAt: b.at(-3, 22),
    reasonCode: 'returns.refund',
    summary: `Refund for ${shoes.orderNumber} not yet received; the return arrived over a week ago.`,
  });

  // 4. 田中 健一 and 田中 美咲 — one house phone, two customers.
  const [kenichi, misaki] = F.household.customerIds;
  const household = {
    familyName: '田中',
    familyNameKana: 'タナカ',
    language: 'ja' as const,
    prefecture: '大阪府',
    postalCode: '530-0041',
    addressLine: '大阪市北区天神橋4丁目8-21 グランドメゾン 803',
    flags: [],
  };
  b.customer({
    ...household,
    id: kenichi,
    givenName: '健一',
    givenNameKana: 'ケンイチ',
    tier: 'standard',
    lifetimeValue: 41_800,
    phones: [
      { number: F.household.phone, kind: 'home' },
      { number: '080-2345-6789', kind: 'mobile' },
    ],
    emails: ['kenichi.tanaka@docomo.ne.jp'],
    createdAt: b.at(-600, 12),
    updatedAt: b.at(-30, 20),
  });
  const cooker = b.order(
    'ord-demo-tanaka-cooker',
    kenichi,
    'ja',
    [-30, 20],
    'delivered',
    [{ sku: 'RCK-IH-55' }],
    b.at(-28, 18.5),
  );
  b.shipment(
    'shp-demo-tanaka-cooker',
    cooker,
    'sagawa',
    ['大阪府', '大阪府'],
    { promised: -27, estimated: -28, delivered: [-28, 18.5] },
    [
      ev(-29, 10, 'label_created', '茨木営業所', '伝票番号が登録されました'),
      ev(-29, 16, 'in_transit', '茨木営業所', '荷物受付'),
      ev(-28, 8, 'out_for_delivery', '大阪営業所', '配達中'),
      ev(-28, 18.5, 'delivered', '大阪営業所', '配達完了'),
    ],
  );
  b.customer({
    ...household,
    id: misaki,
    givenName: '美咲',
    givenNameKana: 'ミサキ',
    tier: 'silver',
    lifetimeValue: 57_300,
    phones: [{ number: F.household.phone, kind: 'home' }],
    emails: ['misaki_tanaka1988@yahoo.co.jp'],
    createdAt: b.at(-500, 15),
    updatedAt: b.at(-2, 13),
  });
  const diapers = b.order(
    'ord-demo-tanaka-diapers',
    misaki,
    'ja',
    [-2, 13],
    'shipped',
    [{ sku: 'DPR-M-64x2', quantity: 2 }, { sku: 'BBF-12' }],
    b.at(-1, 15.5),
  );
  b.shipment(
    'shp-demo-tanaka-diapers',
    diapers,
    'japan_post',
    ['千葉県', '大阪府'],
    { promised: 0, estimated: 0, delivered: null },
    [
      ev(-1, 11, 'label_created', '市川郵便局', '伝票番号が登録されました'),
      ev(-1, 15.5, 'in_transit', '市川郵便局', '荷物受付'),
    ],
  );

  outreachAndRiskCustomers(b);
  return b.records;
}

/** The outreach list's first customer and a high-risk claim (issue 6), added after the others. */
function outreachAndRiskCustomers(b: FeaturedBuilder): void {
  const F = DEMO_FEATURED_CUSTOMERS;

  // 5. 高橋 誠 — VIP; a Sagawa parcel from Osaka, 2 days late, told only that it shipped.
  const takahashi = F.lateUntold.customerId;
  b.customer({
    id: takahashi,
    familyName: '高橋',
    givenName: '誠',
    familyNameKana: 'タカハシ',
    givenNameKana: 'マコト',
    language: 'ja',
    tier: 'vip',
    lifetimeValue: 1_248_000,
    prefecture: '神奈川県',
    postalCode: '220-0012',
    addressLine: '横浜市西区みなとみらい4丁目7-1 ザ・タワー 2105',
    phones: [{ number: F.lateUntold.phone, kind: 'mobile' }],
    emails: ['makoto.takahashi@icloud.com'],
    flags: [],
    createdAt: b.at(-2000, 11),
    updatedAt: b.at(-7, 21),
  });
  const kettle = b.order(
    F.lateUntold.orderId,
    takahashi,
    'ja',
    [-7, 21],
    'shipped',
    [{ sku: 'RCK-IH-55' }, { sku: 'GLS-KIRIKO', quantity: 2 }],
    b.at(-2, 10),
  );
  const kettleShipment = b.shipment(
    F.lateUntold.shipmentId,
    kettle,
    'sagawa',
    ['大阪府', '神奈川県'],
    { promised: -2, estimated: 2, delivered: null },
    [
      ev(-6, 10, 'label_created', '茨木営業所', '伝票番号が登録されました'),
      ev(-6, 16, 'in_transit', '茨木営業所', '荷物受付'),
      ev(-5, 2, 'in_transit', '大阪中継センター', '輸送中'),
      ev(
        -2,
        10,
        'delayed',
        '厚木中継センター',
        '遅延：中継センターの混雑によりお届けが遅れております',
      ),
    ],
  );
  b.notice({
    id: 'ntc-demo-takahashi-shipped',
    customerId: takahashi,
    orderId: kettle.id,
    channel: 'email',
    kind: 'shipped',
    language: 'ja',
    sentAt: b.at(-6, 17),
    message: noticeMessage('shipped', 'ja', {
      o: kettle.orderNumber,
      c: carrierName('sagawa', 'ja'),
      t: kettleShipment.trackingNumber,
      d: b.short(-2, 'ja'),
    }),
  });

  // 6. 伊藤 翔太 — moved a month ago; a 4K monitor left at the door with photo and GPS, claimed
  // not received; a charger claimed not received in the summer was refunded.
  const ito = F.highRiskClaim.customerId;
  b.customer({
    id: ito,
    familyName: '伊藤',
    givenName: '翔太',
    familyNameKana: 'イトウ',
    givenNameKana: 'ショウタ',
    language: 'ja',
    tier: 'silver',
    lifetimeValue: 96_400,
    prefecture: '埼玉県',
    postalCode: '330-0854',
    addressLine: 'さいたま市大宮区桜木町2丁目3-9 コーポ桜木 201',
    phones: [{ number: F.highRiskClaim.phone, kind: 'mobile' }],
    emails: ['shota.ito@gmail.com'],
    flags: ['address_changed_recently'],
    createdAt: b.at(-700, 20),
    updatedAt: b.at(-30, 12),
  });
  const charger = b.order(
    'ord-demo-ito-charger',
    ito,
    'ja',
    [-130, 22],
    'delivered',
    [{ sku: 'CHG-USBC-65' }, { sku: 'BAT-10000' }],
    b.at(-127, 13),
  );
  const chargerShipment = b.shipment(
    'shp-demo-ito-charger',
    charger,
    'japan_post',
    ['千葉県', '東京都'],
    { promised: -127, estimated: -127, delivered: [-127, 13] },
    [
      ev(-129, 10, 'label_created', '市川郵便局', '伝票番号が登録されました'),
      ev(-129, 15, 'in_transit', '市川郵便局', '荷物受付'),
      ev(-127, 8, 'out_for_delivery', '世田谷郵便局', '配達中'),
      ev(-127, 13, 'delivered', '世田谷郵便局', '配達完了（郵便受け）'),
    ],
  );
  b.push({
    type: 'claim',
    data: {
      id: 'clm-demo-ito-charger',
      orderId: charger.id,
      shipmentId: chargerShipment.id,
      customerId: ito,
      type: 'not_received',
      status: 'resolved',
      outcome: 'refunded',
      amount: charger.total,
      currency: 'JPY',
      openedAt: b.at(-125, 19),
      resolvedAt: b.at(-118, 11),
      updatedAt: b.at(-118, 11),
    } satisfies DeliveryClaim,
  });
  const monitor = b.order(
    F.highRiskClaim.orderId,
    ito,
    'ja',
    [-6, 23],
    'delivered',
    [{ sku: 'MON-27-4K' }],
    b.at(-3, 15.4),
  );
  const monitorShipment = b.shipment(
    F.highRiskClaim.shipmentId,
    monitor,
    'yamato',
    ['千葉県', '埼玉県'],
    { promised: -3, estimated: -3, delivered: [-3, 15.4] },
    [
      ev(-5, 11, 'label_created', '市川ベース', '伝票番号が登録されました'),
      ev(-5, 16, 'in_transit', '市川ベース', '荷物受付'),
      ev(-4, 22, 'in_transit', '埼玉ベース', '輸送中'),
      ev(-3, 8, 'out_for_delivery', '大宮センター', '配達中'),
      ev(
        -3,
        15.4,
        'delivered',
        '大宮センター',
        '配達完了（置き配・写真撮影済み・GPS位置記録あり）',
      ),
    ],
  );
  b.push({
    type: 'claim',
    data: {
      id: F.highRiskClaim.claimId,
      orderId: monitor.id,
      shipmentId: monitorShipment.id,
      customerId: ito,
      type: 'not_received',
      status: 'open',
      outcome: null,
      amount: monitor.total,
      currency: 'JPY',
      openedAt: b.at(-1, 18.5),
      resolvedAt: null,
      updatedAt: b.at(-1, 18.5),
    } satisfies DeliveryClaim,
  });
  b.notice({
    id: 'ntc-demo-ito-delivered',
    customerId: ito,
    orderId: monitor.id,
    channel: 'email',
    kind: 'delivered',
    language: 'ja',
    sentAt: b.at(-3, 15.6),
    message: noticeMessage('delivered', 'ja', { o: monitor.orderNumber, d: b.short(-3, 'ja') }),
  });
  b.contact({
    id: 'ctc-demo-ito-charger',
    customerId: ito,
    orderId: charger.id,
    channel: 'call',
    direction: 'inbound',
    occurredAt: b.at(-125, 18.8),
    reasonCode: 'delivery.not_received',
    summary: `${charger.orderNumber}が郵便受けに届いていないとの申告。返金で対応。`,
  });
}
