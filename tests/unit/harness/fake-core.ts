import type { Customer, CustomerCard, CustomerSummary } from '../../../src/shared/domain';
import { createEventBus } from '../../../src/main/core/platform/event-bus';
import { createIpcRouter, type IpcServices } from '../../../src/main/core/platform/router';
import { AppError } from '../../../src/main/core/platform/errors';
import { initialSyncStatus } from '../../../src/shared/sync-status';
import { toE164 } from '../../../src/shared/phone';
import type { Language } from '../../../src/shared/domain';

/**
 * A core with the real router and event bus over hand-written services and one hand-written
 * customer: enough to test the harness's HTTP bridge without a database or a sync worker.
 */
export const hanako: Customer = {
  id: 'cus_hanako',
  familyName: '佐藤',
  givenName: '花子',
  familyNameKana: 'サトウ',
  givenNameKana: 'ハナコ',
  language: 'ja',
  tier: 'gold',
  lifetimeValue: 248_600,
  currency: 'JPY',
  prefecture: '東京都',
  postalCode: '154-0015',
  addressLine: '世田谷区桜新町1-2-3 サクラハイツ101',
  phones: [{ e164: '+819012345678', kind: 'mobile' }],
  emails: ['hanako.sato@gmail.com'],
  flags: ['address_changed_recently'],
  createdAt: '2021-04-02T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

export const hanakoCard: CustomerCard = {
  customer: hanako,
  orders: [
    {
      id: 'ord_1',
      customerId: hanako.id,
      orderNumber: 'KO-2611-000123',
      placedAt: '2026-11-15T03:12:00.000Z',
      status: 'shipped',
      total: 12_800,
      currency: 'JPY',
      lines: [
        {
          lineNo: 1,
          sku: 'TEA-001',
          productName: '有田焼 マグカップ 藍',
          quantity: 2,
          unitPrice: 3_200,
        },
        {
          lineNo: 2,
          sku: 'TEA-014',
          productName: '静岡 深蒸し煎茶 100g',
          quantity: 4,
          unitPrice: 1_600,
        },
      ],
      updatedAt: '2026-11-21T01:00:00.000Z',
    },
  ],
  shipments: [
    {
      id: 'shp_1',
      orderId: 'ord_1',
      carrier: 'yamato',
      trackingNumber: '4912-3456-7890',
      status: 'delayed',
      shippedAt: '2026-11-16T08:00:00.000Z',
      promisedDate: '2026-11-18',
      estimatedDate: '2026-11-21',
      deliveredAt: null,
      originPrefecture: '大阪府',
      destinationPrefecture: '東京都',
      events: [
        {
          occurredAt: '2026-11-16T08:00:00.000Z',
          status: 'label_created',
          location: '大阪',
          description: '荷物を受け付けました',
        },
        {
          occurredAt: '2026-11-17T02:00:00.000Z',
          status: 'in_transit',
          location: '厚木ゲートウェイ',
          description: '輸送中です',
        },
        {
          occurredAt: '2026-11-18T01:00:00.000Z',
          status: 'delayed',
          location: '厚木ゲートウェイ',
          description: '悪天候のため遅れています',
        },
      ],
      updatedAt: '2026-11-18T01:00:00.000Z',
    },
  ],
  returns: [],
  claims: [],
  contacts: [
    {
      id: 'con_1',
      customerId: hanako.id,
      orderId: 'ord_1',
      channel: 'email',
      direction: 'inbound',
      occurredAt: '2026-11-19T05:00:00.000Z',
      reasonCode: 'delivery.late',
      summary: '荷物がまだ届かないとのお問い合わせ',
      updatedAt: '2026-11-19T05:00:00.000Z',
    },
  ],
  notices: [
    {
      id: 'ntc_1',
      customerId: hanako.id,
      orderId: 'ord_1',
      channel: 'email',
      kind: 'delay',
      language: 'ja',
      sentAt: '2026-11-20T00:30:00.000Z',
      message: 'ご注文の商品は悪天候の影響で11月21日のお届けとなる見込みです。',
      updatedAt: '2026-11-20T00:30:00.000Z',
    },
  ],
};

const hanakoSummary: CustomerSummary = {
  id: hanako.id,
  familyName: hanako.familyName,
  givenName: hanako.givenName,
  familyNameKana: hanako.familyNameKana,
  givenNameKana: hanako.givenNameKana,
  tier: hanako.tier,
  language: hanako.language,
  prefecture: hanako.prefecture,
  phone: '+819012345678',
  email: 'hanako.sato@gmail.com',
  lastOrderNumber: 'KO-2611-000123',
};

function unavailable(): never {
  throw new AppError('unavailable', 'Not in the fake core.');
}

export function startFakeCore() {
  const events = createEventBus();
  let locale: Language = 'ja';
  const services: IpcServices = {
    'app:info': () => ({
      version: '0.0.0-test',
      locale,
      dataSource: 'demo',
      retailerUrl: null,
      customerCount: 1,
    }),
    'updates:notice': () => ({ notice: null }),
    'app:setLocale': (input) => {
      locale = input.locale;
      events.emit('app:localeChanged', { locale });
      return { locale };
    },
    'customers:search': ({ query }) => {
      const phone = toE164(query);
      const match = phone === '+819012345678' || /佐藤|sato|サトウ/i.test(query);
      return {
        queryClass: phone ? 'phone' : 'name',
        customers: match ? [hanakoSummary] : [],
        truncated: false,
      };
    },
    'customers:screenPop': ({ phone }) => {
      const e164 = toE164(phone);
      const match = e164 === '+819012345678';
      return { e164, matches: match ? [hanakoSummary] : [], card: match ? hanakoCard : null };
    },
    'customers:card': ({ customerId }) => {
      if (customerId !== hanako.id) throw new AppError('not_found', `No customer ${customerId}.`);
      return hanakoCard;
    },
    'sync:status': () => initialSyncStatus,
    'sync:now': () => initialSyncStatus,
    'retailer:connect': ({ retailerUrl }) => ({ retailerUrl }),
    'retailer:signOut': ({ wipe }) => ({ wiped: wipe, scrubbed: wipe }),
    // The harness tests exercise the transport; the call channels are tested on the real core.
    'customers:revealPii': () => ({ loggedAt: '2026-11-23T00:00:00.000Z', values: [] }),
    'calls:state': () => ({ current: null, today: [], agent: null, waiting: [], drafts: {} }),
    'calls:saveDraft': () => unavailable(),
    'calls:start': () => unavailable(),
    'outreach:list': () => ({
      entries: [],
      truncated: false,
      generatedAt: '2026-11-23T00:00:00.000Z',
    }),
    'calls:end': () => unavailable(),
    'calls:alertSupervisor': () => unavailable(),
    'wrapUp:save': () => unavailable(),
    'wrapUp:get': () => null,
    'guidance:reference': () => ({ taxonomy: [], scripts: [], policies: [] }),
    'knowledge:search': () => [],
    'cti:info': () => null,
    'scripts:list': () => unavailable(),
    'scripts:get': () => unavailable(),
    'scripts:version': () => unavailable(),
    'scripts:saveDraft': () => unavailable(),
    'scripts:publish': () => unavailable(),
    'scripts:rollback': () => unavailable(),
    'answers:list': () => unavailable(),
    'answers:get': () => unavailable(),
    'answers:version': () => unavailable(),
    'answers:saveDraft': () => unavailable(),
    'answers:publish': () => unavailable(),
    'answers:rollback': () => unavailable(),
    'insights:query': () => unavailable(),
    'insights:words': () => unavailable(),
    'admin:webhooks': () => unavailable(),
    'admin:createWebhook': () => unavailable(),
    'admin:updateWebhook': () => unavailable(),
    'admin:rotateWebhookSecret': () => unavailable(),
    'admin:deleteWebhook': () => unavailable(),
    'admin:webhookDeliveries': () => unavailable(),
    'admin:riskThresholds': () => unavailable(),
    'admin:saveRiskThresholds': () => unavailable(),
    'admin:fitRisk': () => unavailable(),
    'admin:deskUpdates': () => unavailable(),
    'admin:saveCenterUpdates': () => unavailable(),
    'admin:haltRelease': () => unavailable(),
    'admin:devices': () => unavailable(),
    'admin:revokeDevice': () => unavailable(),
    'admin:lockedAccounts': () => unavailable(),
    'admin:unlockAccount': () => unavailable(),
    'admin:users': () => unavailable(),
    'admin:disableUser': () => unavailable(),
    'admin:enableUser': () => unavailable(),
    'admin:bulkAccessPolicies': () => unavailable(),
    'admin:saveBulkAccessPolicy': () => unavailable(),
    'agentState:get': unavailable,
    'agentState:choose': unavailable,
    'lock:state': unavailable,
    'lock:wrapUps': unavailable,
    'lock:activity': unavailable,
    'lock:lockNow': unavailable,
    'lock:unlock': unavailable,
    'lock:setPin': unavailable,
    'alerts:raiseHand': unavailable,
    'alerts:mine': () => ({ alerts: [] }),
    'floor:summary': unavailable,
    'floor:alerts': unavailable,
    'floor:acknowledge': unavailable,
    'audit:list': unavailable,
  };
  return { router: createIpcRouter(services, () => {}), events };
}
