import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FEATURED_CUSTOMERS,
  DEMO_SIZES,
  generateDemoRecords,
  planDemoCounts,
  referenceRecords,
} from '../../../../src/shared/demo/generate-demo-records';
import { REASON_CODES } from '../../../../src/shared/demo/taxonomy';
import { tierFor } from '../../../../src/shared/demo/generate-customer';
import { toE164 } from '../../../../src/shared/phone';
import { retailerRecord, type RetailerRecord } from '../../../../src/shared/protocol/records';

type Of<T extends RetailerRecord['type']> = Extract<RetailerRecord, { type: T }>['data'];

let batches: RetailerRecord[][];
let records: RetailerRecord[];
const of = <T extends RetailerRecord['type']>(type: T): Of<T>[] =>
  records.filter((r) => r.type === type).map((r) => r.data as Of<T>);

function digest(size: 'demo', seed?: number): string {
  const hash = createHash('sha256');
  for (const batch of generateDemoRecords({ size, seed })) hash.update(JSON.stringify(batch));
  return hash.digest('hex');
}

// Generating the demo size takes a second or two; allow for a busy CI machine.
const SLOW = 120_000;

beforeAll(() => {
  batches = [...generateDemoRecords({ size: 'demo' })];
  records = batches.flat();
}, SLOW);

describe('generateDemoRecords (demo size)', () => {
  it(
    'is deterministic: the same seed gives byte-identical output, another seed differs',
    () => {
      const first = digest('demo');
      expect(digest('demo')).toBe(first);
      expect(
        createHash('sha256')
          .update(batches.map((b) => JSON.stringify(b)).join(''))
          .digest('hex'),
      ).toBe(first);
      expect(digest('demo', 7)).not.toBe(first);
    },
    SLOW,
  );

  it('yields batches of about 5,000 records, reference data first', () => {
    expect(batches.slice(0, -1).every((b) => b.length >= 5_000 && b.length < 5_400)).toBe(true);
    const firstCustomer = records.findIndex((r) => r.type === 'customer');
    const reference = new Set([
      'reason',
      'policy',
      'script_version',
      'knowledge_answer',
      'region_closure',
    ]);
    expect(records.slice(0, firstCustomer).every((r) => reference.has(r.type))).toBe(true);
    expect(records.slice(firstCustomer).some((r) => reference.has(r.type))).toBe(false);
  });

  it('produces only records the protocol accepts', () => {
    for (const record of records) {
      const parsed = retailerRecord.safeParse(record);
      if (!parsed.success) throw new Error(`${record.type}: ${parsed.error.message}`);
    }
  });

  it('never refers to something not yet yielded', () => {
    const customers = new Set<string>();
    const orders = new Map<string, Of<'order'>>();
    const shipments = new Set<string>();
    const ids = new Set<string>();
    const orderNumbers = new Set<string>();
    for (const record of records) {
      if ('id' in record.data) {
        expect(ids.has(record.data.id), `duplicate id ${record.data.id}`).toBe(false);
        ids.add(record.data.id);
      }
      switch (record.type) {
        case 'customer':
          customers.add(record.data.id);
          break;
        case 'order':
          expect(customers.has(record.data.customerId)).toBe(true);
          expect(orderNumbers.has(record.data.orderNumber)).toBe(false);
          orderNumbers.add(record.data.orderNumber);
          orders.set(record.data.id, record.data);
          break;
        case 'shipment':
          expect(orders.has(record.data.orderId)).toBe(true);
          shipments.add(record.data.id);
          break;
        case 'return':
        case 'claim':
          expect(orders.get(record.data.orderId)?.customerId).toBe(record.data.customerId);
          if (record.type === 'claim' && record.data.shipmentId) {
            expect(shipments.has(record.data.shipmentId)).toBe(true);
          }
          break;
        case 'contact':
        case 'notice':
          expect(customers.has(record.data.customerId)).toBe(true);
          if (record.data.orderId) {
            expect(orders.get(record.data.orderId)?.customerId).toBe(record.data.customerId);
          }
          break;
      }
    }
  });

  it('writes every phone number so that it normalizes to E.164', () => {
    const phones = of('customer').flatMap((c) => c.phones);
    const unparsable = phones.filter((p) => toE164(p.number) === null);
    expect(unparsable).toEqual([]);
    // Written many ways: full-width, with and without +81, with parentheses.
    const shapes = new Set(
      phones.map((p) => p.number.replace(/\d/g, '9').replace(/[０-９]/g, '９')),
    );
    expect(shapes.size).toBeGreaterThan(15);
    expect(phones.some((p) => /[０-９]/.test(p.number))).toBe(true);
    expect(phones.some((p) => p.number.startsWith('+1'))).toBe(true);
  });

  it('gives each generated customer a mobile no one else has', () => {
    const owners = new Map<string, string[]>();
    for (const c of of('customer')) {
      for (const p of c.phones) {
        const e164 = toE164(p.number) as string;
        owners.set(e164, [...(owners.get(e164) ?? []), c.id]);
      }
    }
    const shared = [...owners].filter(([, ids]) => ids.length > 1).map(([e164]) => e164);
    // Only the featured household shares its line (landlines may rarely collide by chance).
    expect(shared).toContain(DEMO_FEATURED_CUSTOMERS.household.e164);
    expect(shared.filter((e164) => /^\+81[789]0/.test(e164))).toEqual([]);
    for (const featured of [
      DEMO_FEATURED_CUSTOMERS.lateDelivery,
      DEMO_FEATURED_CUSTOMERS.notReceivedClaim,
      DEMO_FEATURED_CUSTOMERS.refundPending,
    ]) {
      expect(owners.get(featured.e164)).toEqual([featured.customerId]);
    }
  });

  it('matches the planned counts and the size', () => {
    const plan = planDemoCounts('demo');
    expect(of('customer')).toHaveLength(DEMO_SIZES.demo.customers);
    expect(of('order')).toHaveLength(plan.orders);
    const orders = plan.orders;
    expect(orders / plan.customers).toBeGreaterThan(2.8);
    expect(orders / plan.customers).toBeLessThan(4);
    expect(of('return').length / orders).toBeGreaterThan(0.04);
    expect(of('return').length / orders).toBeLessThan(0.09);
    expect(of('claim').length / orders).toBeGreaterThan(0.01);
    expect(of('claim').length / orders).toBeLessThan(0.035);
    const english = of('customer').filter((c) => c.language === 'en').length / plan.customers;
    expect(english).toBeGreaterThan(0.05);
    expect(english).toBeLessThan(0.11);
  });

  it('plans the bench size at one million customers and three million orders', () => {
    const plan = planDemoCounts('bench');
    expect(plan.customers).toBeGreaterThanOrEqual(1_000_000);
    expect(plan.orders).toBeGreaterThanOrEqual(3_000_000);
  });

  it('keeps money and dates consistent', () => {
    const nowIso = new Date('2026-11-23T00:00:00+09:00').toISOString();
    for (const o of of('order')) {
      expect(o.total).toBe(o.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0));
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(4);
      expect(o.placedAt <= o.updatedAt && o.updatedAt <= nowIso).toBe(true);
    }
    for (const c of of('customer')) {
      expect(tierFor(c.lifetimeValue)).toBe(c.tier);
      expect(c.createdAt <= c.updatedAt && c.updatedAt <= nowIso).toBe(true);
    }
    for (const s of of('shipment')) {
      expect(s.events.length).toBeGreaterThanOrEqual(2);
      expect(s.events.length).toBeLessThanOrEqual(6);
      const times = s.events.map((e) => e.occurredAt);
      expect([...times].sort()).toEqual(times);
      expect(s.updatedAt <= nowIso).toBe(true);
      expect(s.deliveredAt !== null).toBe(s.status === 'delivered');
      if (s.status === 'delayed') expect(s.estimatedDate! > s.promisedDate).toBe(true);
      if (s.status === 'in_transit' || s.status === 'out_for_delivery') {
        expect(s.estimatedDate! <= s.promisedDate).toBe(true);
      }
      if (s.status === 'lost' || s.status === 'returned_to_sender')
        expect(s.estimatedDate).toBeNull();
    }
    for (const r of of('return')) {
      if (r.kind === 'exchange' || r.status === 'rejected')
        expect(r.refundStatus).toBe('not_applicable');
      if (r.status === 'completed' && r.kind === 'return') expect(r.refundStatus).toBe('refunded');
      expect(r.requestedAt <= r.updatedAt).toBe(true);
    }
    for (const c of of('claim')) {
      const closed = c.status === 'resolved' || c.status === 'rejected';
      expect(c.resolvedAt !== null).toBe(closed);
      expect(c.outcome !== null).toBe(closed);
    }
    for (const n of of('notice')) expect(n.sentAt <= nowIso).toBe(true);
  });

  it('uses only taxonomy codes for contacts, and notices in the customer’s language', () => {
    const codes = new Set(REASON_CODES);
    expect(of('contact').every((c) => c.reasonCode === null || codes.has(c.reasonCode))).toBe(true);
    const language = new Map(of('customer').map((c) => [c.id, c.language]));
    expect(of('notice').every((n) => n.language === language.get(n.customerId))).toBe(true);
    const reasons = new Set(of('contact').map((c) => c.reasonCode));
    for (const code of [
      'delivery.late',
      'delivery.not_received',
      'returns.refund',
      'conduct.harassment',
    ]) {
      expect(reasons.has(code)).toBe(true);
    }
  });

  it('has a believable status mix: mostly delivered on time, 8–30 % late', () => {
    const shipments = of('shipment');
    const statuses = new Set(shipments.map((s) => s.status));
    for (const status of [
      'delivered',
      'in_transit',
      'delayed',
      'out_for_delivery',
      'lost',
      'returned_to_sender',
    ]) {
      expect(statuses.has(status as never), status).toBe(true);
    }
    const deliveredDay = (iso: string) =>
      new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);
    const late = shipments.filter(
      (s) =>
        s.status === 'delayed' ||
        s.status === 'lost' ||
        (s.deliveredAt !== null && deliveredDay(s.deliveredAt) > s.promisedDate),
    ).length;
    expect(late / shipments.length).toBeGreaterThan(0.08);
    expect(late / shipments.length).toBeLessThan(0.3);
    const delivered = shipments.filter((s) => s.status === 'delivered').length;
    expect(delivered / shipments.length).toBeGreaterThan(0.8);
    const carriers = new Set(shipments.map((s) => s.carrier));
    expect(carriers).toEqual(new Set(['yamato', 'sagawa', 'japan_post', 'ups', 'fedex']));
    const tiers = of('customer').map((c) => c.tier);
    const share = (tier: string) => tiers.filter((t) => t === tier).length / tiers.length;
    expect(share('standard')).toBeGreaterThan(share('silver'));
    expect(share('silver')).toBeGreaterThan(share('gold'));
    expect(share('gold')).toBeGreaterThan(share('vip'));
    expect(share('vip')).toBeGreaterThan(0);
  });

  it('makes transit depend on distance: far-away prefectures take longer', () => {
    const days = (s: Of<'shipment'>) =>
      (Date.parse(s.deliveredAt!) - Date.parse(s.shippedAt!)) / 86_400_000;
    const delivered = of('shipment').filter(
      (s) => s.status === 'delivered' && s.carrier === 'yamato',
    );
    const mean = (list: Of<'shipment'>[]) =>
      list.reduce((sum, s) => sum + days(s), 0) / list.length;
    const local = delivered.filter(
      (s) => s.originPrefecture === '千葉県' && s.destinationPrefecture === '東京都',
    );
    const far = delivered.filter(
      (s) =>
        s.originPrefecture === '千葉県' &&
        ['北海道', '沖縄県', '鹿児島県'].includes(s.destinationPrefecture),
    );
    expect(local.length).toBeGreaterThan(10);
    expect(far.length).toBeGreaterThan(5);
    expect(mean(far)).toBeGreaterThan(mean(local) + 0.8);
  });
});

describe('featured customers', () => {
  const F = DEMO_FEATURED_CUSTOMERS;
  const customer = (id: string) => of('customer').find((c) => c.id === id)!;
  const nowDay = '2026-11-23';
  const addDays = (date: string, n: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it('come first', () => {
    expect(
      of('customer')
        .slice(0, 5)
        .map((c) => c.id),
    ).toEqual([
      F.lateDelivery.customerId,
      F.notReceivedClaim.customerId,
      F.refundPending.customerId,
      ...F.household.customerIds,
    ]);
  });

  it('佐藤 花子: gold, a Yamato parcel 3 days late, told by e-mail', () => {
    const sato = customer(F.lateDelivery.customerId);
    expect(sato).toMatchObject({
      familyName: '佐藤',
      givenName: '花子',
      familyNameKana: 'サトウ',
      givenNameKana: 'ハナコ',
      tier: 'gold',
      phones: [{ number: '090-1234-5678', kind: 'mobile' }],
    });
    const shipment = of('shipment').find((s) => s.id === F.lateDelivery.shipmentId)!;
    expect(shipment).toMatchObject({
      carrier: 'yamato',
      status: 'delayed',
      orderId: F.lateDelivery.orderId,
    });
    expect(shipment.promisedDate).toBe(addDays(nowDay, -F.lateDelivery.daysLate));
    expect(shipment.estimatedDate! > nowDay).toBe(true);
    const delay = of('notice').find(
      (n) => n.orderId === F.lateDelivery.orderId && n.kind === 'delay',
    );
    expect(delay).toMatchObject({ channel: 'email', language: 'ja', customerId: sato.id });
  });

  it('鈴木 一郎: house phone, delivered order, open not-received claim', () => {
    const suzuki = customer(F.notReceivedClaim.customerId);
    expect(suzuki).toMatchObject({ familyNameKana: 'スズキ', givenNameKana: 'イチロウ' });
    expect(suzuki.phones).toEqual([{ number: '03-5555-0123', kind: 'home' }]);
    expect(of('order').find((o) => o.id === F.notReceivedClaim.orderId)?.status).toBe('delivered');
    expect(of('claim').find((c) => c.id === F.notReceivedClaim.claimId)).toMatchObject({
      type: 'not_received',
      status: 'open',
      shipmentId: F.notReceivedClaim.shipmentId,
    });
  });

  it('Emily Carter: English, US number, refund pending', () => {
    const carter = customer(F.refundPending.customerId);
    expect(carter).toMatchObject({
      language: 'en',
      familyNameKana: 'カーター',
      givenNameKana: 'エミリー',
    });
    expect(toE164(carter.phones[0]!.number)).toBe('+14155550142');
    expect(of('return').find((r) => r.id === F.refundPending.returnId)).toMatchObject({
      refundStatus: 'pending',
      kind: 'return',
    });
  });

  it('田中 household: two customers on one landline', () => {
    const owners = of('customer').filter((c) =>
      c.phones.some((p) => toE164(p.number) === F.household.e164),
    );
    expect(owners.map((c) => c.id).sort()).toEqual([...F.household.customerIds].sort());
  });
});

describe('reference data', () => {
  const now = Date.parse('2026-11-23T00:00:00+09:00');
  const reference = referenceRecords(now);
  const ofType = <T extends RetailerRecord['type']>(type: T) =>
    reference.filter((r) => r.type === type).map((r) => r.data as Of<T>);

  it('has a two-level bilingual taxonomy whose children point at existing parents', () => {
    const nodes = ofType('reason');
    const codes = new Set(nodes.map((n) => n.code));
    for (const n of nodes) {
      if (n.parentCode) {
        expect(codes.has(n.parentCode)).toBe(true);
        expect(n.code.startsWith(`${n.parentCode}.`)).toBe(true);
      }
    }
    expect(codes).toContain('delivery.wismo');
    expect(codes).toContain('conduct.harassment');
  });

  it('has one policy of each kind and scripts in both languages with a compliance step', () => {
    expect(new Set(ofType('policy').map((p) => p.kind)).size).toBe(7);
    const scripts = ofType('script_version');
    expect(new Set(scripts.map((s) => s.scriptId)).size).toBe(scripts.length);
    for (const language of ['ja', 'en'] as const) {
      const own = scripts.filter((s) => s.language === language);
      // Four inbound scripts and the proactive (outbound) delay call.
      expect(own.length).toBe(5);
      expect(own.every((s) => s.steps.some((step) => step.compliance))).toBe(true);
    }
    for (const s of scripts) {
      const ids = new Set(s.steps.map((step) => step.id));
      for (const step of s.steps) for (const b of step.branches) expect(ids.has(b.next)).toBe(true);
    }
    const answers = ofType('knowledge_answer');
    expect(answers.filter((a) => a.language === 'ja').length).toBeGreaterThanOrEqual(15);
    expect(answers.filter((a) => a.language === 'en').length).toBeGreaterThanOrEqual(15);
  });

  it("announces the season's closure: today and tomorrow, since last evening, every carrier", () => {
    expect(ofType('region_closure')).toEqual([
      {
        id: 'rcl-demo-hokkaido-2026-11-23',
        region: 'hokkaido',
        carrier: null,
        startsOn: '2026-11-23',
        endsOn: '2026-11-24',
        reason: '大雪のため、北海道内への配達を見合わせています',
        announcedAt: '2026-11-22T09:00:00.000Z',
        updatedAt: '2026-11-22T09:00:00.000Z',
      },
    ]);
    const inJuly = referenceRecords(Date.parse('2026-07-10T00:00:00+09:00'));
    expect(inJuly.find((r) => r.type === 'region_closure')?.data).toMatchObject({
      region: 'kyushu',
      reason: '大雨のため、九州地方への配達を見合わせています',
    });
    const inSeptember = referenceRecords(Date.parse('2026-09-10T00:00:00+09:00'));
    expect(inSeptember.find((r) => r.type === 'region_closure')?.data).toMatchObject({
      region: 'okinawa',
    });
  });
});
