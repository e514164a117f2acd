import type { Carrier } from '../domain';
import type { Prefecture } from './prefectures';
import { scatter } from './random';

/**
 * What differs between carriers: names, how far they reach overnight (their published
 * next-day / two-day zones), how often they run late, tracking-number formats, and the words
 * and places their tracking pages use. The domestic carriers report in Japanese; UPS and FedEx
 * (imported goods, handed to a domestic partner for the last mile) report in English.
 */
export interface CarrierProfile {
  nameJa: string;
  nameEn: string;
  /** Distance (km, by road) delivered the day after shipping; twice this takes two days. */
  nextDayReachKm: number;
  /** Chance a shipment runs late in a quiet month, before season and route effects. */
  baseDelayRate: number;
  /** Tracking pages in Japanese (domestic carriers) or English. */
  reportsInJapanese: boolean;
  /** Domestic share of the retailer's volume. */
  share: number;
}

export const CARRIERS: Record<Carrier, CarrierProfile> = {
  yamato: {
    nameJa: 'ヤマト運輸',
    nameEn: 'Yamato Transport',
    nextDayReachKm: 650,
    baseDelayRate: 0.045,
    reportsInJapanese: true,
    share: 45,
  },
  sagawa: {
    nameJa: '佐川急便',
    nameEn: 'Sagawa Express',
    nextDayReachKm: 600,
    baseDelayRate: 0.065,
    reportsInJapanese: true,
    share: 25,
  },
  japan_post: {
    nameJa: '日本郵便',
    nameEn: 'Japan Post',
    nextDayReachKm: 550,
    baseDelayRate: 0.06,
    reportsInJapanese: true,
    share: 20,
  },
  ups: {
    nameJa: 'UPS',
    nameEn: 'UPS',
    nextDayReachKm: 500,
    baseDelayRate: 0.08,
    reportsInJapanese: false,
    share: 5,
  },
  fedex: {
    nameJa: 'FedEx',
    nameEn: 'FedEx',
    nextDayReachKm: 520,
    baseDelayRate: 0.075,
    reportsInJapanese: false,
    share: 5,
  },
};

export const CARRIER_CODES = Object.keys(CARRIERS) as Carrier[];

export function carrierName(carrier: Carrier, language: 'ja' | 'en'): string {
  return language === 'ja' ? CARRIERS[carrier].nameJa : CARRIERS[carrier].nameEn;
}

/** 11 digits and a mod-7 check digit: the Yamato / Sagawa / Yu-Pack scheme. */
function withMod7Check(lead: number, index: number, multiplier: number): string {
  const serial = scatter(index, 10_000_000_000, multiplier, 1_234_567_891);
  return `${lead}${String(serial).padStart(10, '0')}${(lead * 10_000_000_000 + serial) % 7}`;
}

const UPS_SHIPPER = '4V82E9';

/** Tracking numbers unique per shipment index, in each carrier's format. */
export function trackingNumber(carrier: Carrier, index: number): string {
  switch (carrier) {
    case 'yamato': {
      const n = withMod7Check(4, index, 2_654_435_761);
      return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;
    }
    case 'sagawa':
      return withMod7Check(3, index, 2_246_822_519);
    case 'japan_post': {
      const n = withMod7Check(1, index, 3_266_489_917);
      return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;
    }
    case 'ups': {
      const serial = String(scatter(index, 10_000_000, 7_654_321, 12_345)).padStart(7, '0');
      const body = `${UPS_SHIPPER}03${serial}`;
      return `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'fedex':
      return withMod7Check(7, index, 668_265_263);
  }
}

/** UPS's check digit: letters map to digits, odd positions count double. */
function upsCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    let n = c >= 48 && c <= 57 ? c - 48 : (c - 63) % 10;
    if (i % 2 === 1) n *= 2;
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

export type Place = 'origin' | 'hub' | 'destination';

/** A city with a depot: a prefecture's capital or a fulfillment center's town. */
export type Site = Pick<Prefecture, 'city' | 'cityEn' | 'nameEn'>;

/** A depot name the way the carrier's tracking page writes it. */
export function locationName(carrier: Carrier, site: Site, place: Place): string {
  const prefecture = site;
  switch (carrier) {
    case 'yamato':
      return place === 'destination' ? `${prefecture.city}センター` : `${prefecture.city}ベース`;
    case 'sagawa':
      return place === 'hub' ? `${prefecture.city}中継センター` : `${prefecture.city}営業所`;
    case 'japan_post':
      return place === 'hub' ? `${prefecture.city}中央郵便局` : `${prefecture.city}郵便局`;
    case 'ups':
    case 'fedex':
      return place === 'hub'
        ? `${prefecture.cityEn} Gateway, JP`
        : `${prefecture.cityEn}, ${prefecture.nameEn}, JP`;
  }
}

export type EventKind =
  | 'registered'
  | 'accepted'
  | 'departed'
  | 'hub'
  | 'delayed'
  | 'address_problem'
  | 'remote_transfer'
  | 'out_for_delivery'
  | 'delivered'
  | 'lost'
  | 'returned';

const JA_EVENTS: Record<EventKind, string> = {
  registered: '伝票番号が登録されました',
  accepted: '荷物受付',
  departed: '発送済み',
  hub: '輸送中',
  delayed: '遅延',
  address_problem: '住所不明：お届け先の確認のため営業所で保管しております',
  remote_transfer: '離島・山間地域の配達営業所へ中継しました',
  out_for_delivery: '配達中',
  delivered: '配達完了',
  lost: '調査中',
  returned: '返品（ご依頼主様へ返送）',
};

const EN_EVENTS: Record<EventKind, string> = {
  registered: 'Shipment information received',
  accepted: 'Picked up',
  departed: 'Departed facility',
  hub: 'In transit',
  delayed: 'Delay',
  address_problem: 'Address problem: held at facility until the address is confirmed',
  remote_transfer: 'Transferred to the remote-area delivery service',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  lost: 'Under investigation',
  returned: 'Returned to shipper',
};

export const DELAY_CAUSES = ['congestion', 'weather', 'traffic', 'sorting'] as const;
export type DelayCause = (typeof DELAY_CAUSES)[number];

const JA_DELAY: Record<DelayCause, string> = {
  congestion: '荷物の集中によりお届けが遅れております',
  weather: '悪天候の影響によりお届けが遅れております',
  traffic: '交通事情によりお届けが遅れております',
  sorting: '仕分け作業の遅れによりお届けが遅れております',
};

const EN_DELAY: Record<DelayCause, string> = {
  congestion: 'high package volume',
  weather: 'severe weather',
  traffic: 'traffic conditions',
  sorting: 'a sorting delay at the facility',
};

/** The line the carrier shows for an event; `detail` refines delivered / delayed / lost. */
export function eventDescription(
  carrier: Carrier,
  kind: EventKind,
  detail?: { cause?: DelayCause; deliveredTo?: 'door' | 'box' | 'okihai' },
): string {
  const ja = CARRIERS[carrier].reportsInJapanese;
  if (kind === 'delayed' && detail?.cause) {
    return ja ? `遅延：${JA_DELAY[detail.cause]}` : `Delay: ${EN_DELAY[detail.cause]}`;
  }
  // Proof of delivery, as carriers record it: a handed-over parcel is signed for, a parcel left
  // at the door is photographed; a locker leaves no proof beyond the scan.
  if (kind === 'delivered' && detail?.deliveredTo) {
    if (detail.deliveredTo === 'door') {
      return ja ? '配達完了（対面・受領印あり）' : 'Delivered, handed over (signed)';
    }
    if (ja)
      return detail.deliveredTo === 'box'
        ? '配達完了（宅配ボックス）'
        : '配達完了（置き配・写真あり）';
    return detail.deliveredTo === 'box'
      ? 'Delivered (parcel locker)'
      : 'Delivered (left at door, photo)';
  }
  if (kind === 'lost')
    return ja ? '調査中：お荷物の所在を確認しております' : 'Under investigation: locating package';
  if (kind === 'returned')
    return ja
      ? '返品：宛所不明のためご依頼主様へ返送します'
      : 'Returned to shipper: address unknown';
  return (ja ? JA_EVENTS : EN_EVENTS)[kind];
}
