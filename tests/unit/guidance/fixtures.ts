import type {
  Contact,
  Customer,
  CustomerCard,
  DeliveryClaim,
  Notice,
  Order,
  ReturnRequest,
  Shipment,
} from '../../../src/shared/domain';
import { featuredCustomerRecords } from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';

/** The fixed "now" of the guidance tests: 2026-11-23 09:00 in Tokyo. */
export const NOW = '2026-11-23T09:00:00+09:00';

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cus-1',
    familyName: '山田',
    givenName: '太郎',
    familyNameKana: 'ヤマダ',
    givenNameKana: 'タロウ',
    language: 'ja',
    tier: 'standard',
    lifetimeValue: 50_000,
    currency: 'JPY',
    prefecture: '東京都',
    postalCode: '100-0001',
    addressLine: '千代田区千代田1-1',
    phones: [{ e164: '+819011112222', kind: 'mobile' }],
    emails: ['taro@example.jp'],
    flags: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord-1',
    customerId: 'cus-1',
    orderNumber: 'KO-2611-0000001',
    placedAt: '2026-11-15T10:00:00+09:00',
    status: 'shipped',
    total: 12_800,
    currency: 'JPY',
    lines: [{ lineNo: 1, sku: 'RICE-5', productName: '新米 5kg', quantity: 1, unitPrice: 12_800 }],
    updatedAt: '2026-11-15T10:00:00+09:00',
    ...overrides,
  };
}

export function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: 'shp-1',
    orderId: 'ord-1',
    carrier: 'yamato',
    trackingNumber: '123456789012',
    status: 'in_transit',
    shippedAt: '2026-11-16T10:00:00+09:00',
    promisedDate: '2026-11-25',
    estimatedDate: '2026-11-25',
    deliveredAt: null,
    originPrefecture: '福岡県',
    destinationPrefecture: '東京都',
    events: [],
    updatedAt: '2026-11-16T10:00:00+09:00',
    ...overrides,
  };
}

export function returnRequest(overrides: Partial<ReturnRequest> = {}): ReturnRequest {
  return {
    id: 'ret-1',
    orderId: 'ord-1',
    customerId: 'cus-1',
    kind: 'return',
    status: 'received',
    refundStatus: 'pending',
    reason: 'size',
    amount: 9_800,
    currency: 'JPY',
    requestedAt: '2026-11-10T10:00:00+09:00',
    updatedAt: '2026-11-14T10:00:00+09:00',
    ...overrides,
  };
}

export function claim(overrides: Partial<DeliveryClaim> = {}): DeliveryClaim {
  return {
    id: 'clm-1',
    orderId: 'ord-1',
    shipmentId: 'shp-1',
    customerId: 'cus-1',
    type: 'not_received',
    status: 'open',
    outcome: null,
    amount: 12_800,
    currency: 'JPY',
    openedAt: '2026-11-21T10:00:00+09:00',
    resolvedAt: null,
    updatedAt: '2026-11-21T10:00:00+09:00',
    ...overrides,
  };
}

export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'ctc-1',
    customerId: 'cus-1',
    orderId: 'ord-1',
    channel: 'call',
    direction: 'inbound',
    occurredAt: '2026-11-21T10:00:00+09:00',
    reasonCode: 'delivery.late',
    summary: '',
    updatedAt: '2026-11-21T10:10:00+09:00',
    ...overrides,
  };
}

export function notice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 'ntc-1',
    customerId: 'cus-1',
    orderId: 'ord-1',
    channel: 'email',
    kind: 'delay',
    language: 'ja',
    sentAt: '2026-11-21T11:00:00+09:00',
    message: '',
    updatedAt: '2026-11-21T11:00:00+09:00',
    ...overrides,
  };
}

export function card(overrides: Partial<CustomerCard> = {}): CustomerCard {
  return {
    customer: customer(),
    orders: [],
    shipments: [],
    returns: [],
    claims: [],
    contacts: [],
    notices: [],
    ...overrides,
  };
}

/** The hand-written demo customers as screen-pop cards, generated for the demo's fixed now. */
export function featuredCards(): Map<string, CustomerCard> {
  const records = featuredCustomerRecords(DEFAULT_DEMO_NOW.getTime(), newSequences());
  const cards = new Map<string, CustomerCard>();
  for (const r of records) {
    if (r.type === 'customer') {
      const { phones, ...rest } = r.data;
      cards.set(r.data.id, {
        customer: { ...rest, phones: phones.map((p) => ({ e164: p.number, kind: p.kind })) },
        orders: [],
        shipments: [],
        returns: [],
        claims: [],
        contacts: [],
        notices: [],
      });
    }
  }
  const orderOwner = new Map<string, string>();
  for (const r of records) {
    if (r.type === 'order') {
      orderOwner.set(r.data.id, r.data.customerId);
      cards.get(r.data.customerId)?.orders.unshift(r.data);
    }
  }
  for (const r of records) {
    if (r.type === 'shipment') {
      cards.get(orderOwner.get(r.data.orderId) ?? '')?.shipments.push(r.data);
    } else if (r.type === 'return') cards.get(r.data.customerId)?.returns.push(r.data);
    else if (r.type === 'claim') cards.get(r.data.customerId)?.claims.push(r.data);
    else if (r.type === 'contact') cards.get(r.data.customerId)?.contacts.push(r.data);
    else if (r.type === 'notice') cards.get(r.data.customerId)?.notices.push(r.data);
  }
  return cards;
}
