import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { readCustomerCard } from '../../../src/main/core/customers/customer-card';
import { regionClosureReader } from '../../../src/main/core/predictions/region-closures';
import {
  inProcessFitter,
  startPredictionService,
  withPredictions,
  type PredictionService,
} from '../../../src/main/core/predictions/prediction-service';
import { createReaderMethods } from '../../../src/main/core/reader/reader-methods';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import { PREFECTURE_BY_NAME } from '../../../src/shared/demo/prefectures';
import {
  DEMO_FEATURED_CUSTOMERS,
  featuredCustomerRecords,
} from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';
import type { RetailerRecord } from '../../../src/shared/protocol/records';
import { regionClosureData } from '../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { signedInApi } from '../../fixtures/sync-client';

/**
 * A region event the retailer pushes reaches every desk and moves the estimate of the parcels it
 * holds: 高橋 誠's open parcel, on a real server and a real pull. The closure runs past the day
 * the card gave, so the estimate must move to after it, and says why; deleted, it goes back.
 */
const NOW = DEFAULT_DEMO_NOW.getTime() + 10 * 3_600_000;
const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;
const AGENT = 'agent@retailer-a-center-x.example';

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a region closure the retailer pushes moves the estimate on every desk', () => {
  let server: TestServer;
  let local: LocalDatabase;
  let admin: string;
  let service: PredictionService;

  beforeEach(async () => {
    server = await startTestServer();
    local = await openDatabase({ filename: ':memory:' });
    admin = await signIn(server.url, 'admin@retailer-a.example');
    const records = featuredCustomerRecords(NOW, newSequences());
    for (let i = 0; i < records.length; i += 5_000) {
      await call(server.url, admin, 'POST', '/v1/data/batch', {
        records: records.slice(i, i + 5_000),
      });
    }
    service = startPredictionService({
      db: local.db,
      fitter: inProcessFitter(local.sqlite),
      now: () => NOW,
      closuresFor: regionClosureReader(local.sqlite),
    });
  });
  afterEach(async () => {
    service.close();
    await local.close();
    await server.close();
  });

  const estimateOnCard = async () => {
    const card = withPredictions(
      service,
      (await readCustomerCard(local.db, TAKAHASHI.customerId))!,
    );
    const shipment = card.shipments.find((s) => s.id === TAKAHASHI.shipmentId)!;
    const estimate = card.predictions?.deliveryEstimates.find((e) => e.shipmentId === shipment.id);
    expect(estimate).toBeDefined();
    return { shipment, estimate: estimate! };
  };

  it('pushed: the card gives a day after the closure and names it; deleted: the day comes back', async () => {
    const { api } = await signedInApi(server.url, AGENT, PASSWORD);
    await pullChanges(local.sqlite, api);
    await service.refresh({ force: true });
    const before = await estimateOnCard();
    expect(before.estimate.basis.lateSignal).not.toBe('weather_closure');

    const region = PREFECTURE_BY_NAME.get(before.shipment.destinationPrefecture)!.region;
    const today = new Date(NOW + 9 * 3_600_000).toISOString().slice(0, 10);
    const endsOn = addDays(before.estimate.date, 2);
    const closure: RetailerRecord = {
      type: 'region_closure',
      data: {
        id: 'closure-1',
        region,
        carrier: before.shipment.carrier,
        startsOn: today,
        endsOn,
        reason: '大雪のため配達を停止しています',
        announcedAt: new Date(NOW - 3_600_000).toISOString(),
        updatedAt: new Date(NOW - 3_600_000).toISOString(),
      },
    };
    await call(server.url, admin, 'POST', '/v1/data/batch', { records: [closure] });
    await pullChanges(local.sqlite, api);
    const closed = await estimateOnCard();
    // Nothing is delivered into a closed region: the earliest day is the one after the closure.
    expect(closed.estimate.date > endsOn).toBe(true);
    expect(closed.estimate.basis.lateSignal).toBe('weather_closure');
    // The outreach list (built on the reader worker's connection) gives the card's day.
    const list = await createReaderMethods(local.db, local.sqlite).outreachList({
      limit: 100,
      now: NOW,
      delivery: service.models().delivery,
      estimateAt: NOW,
    });
    const entry = list.entries.find((e) => e.shipmentId === TAKAHASHI.shipmentId);
    expect(entry?.estimatedDate).toBe(closed.estimate.date);

    await call(server.url, admin, 'POST', '/v1/data/batch', {
      deletions: [{ type: 'region_closure', id: 'closure-1' }],
    });
    await pullChanges(local.sqlite, api);
    const reopened = await estimateOnCard();
    expect(reopened.estimate).toEqual(before.estimate);
  });

  it("a closure for another carrier, or another region, leaves the parcel's day alone", async () => {
    const { api } = await signedInApi(server.url, AGENT, PASSWORD);
    await pullChanges(local.sqlite, api);
    await service.refresh({ force: true });
    const before = await estimateOnCard();
    const region = PREFECTURE_BY_NAME.get(before.shipment.destinationPrefecture)!.region;
    const otherCarrier = before.shipment.carrier === 'sagawa' ? 'yamato' : 'sagawa';
    const today = new Date(NOW + 9 * 3_600_000).toISOString().slice(0, 10);
    const base = {
      startsOn: today,
      endsOn: addDays(before.estimate.date, 2),
      reason: '台風',
      announcedAt: new Date(NOW - 3_600_000).toISOString(),
      updatedAt: new Date(NOW - 3_600_000).toISOString(),
    };
    await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [
        {
          type: 'region_closure',
          data: { ...base, id: 'c-other-carrier', region, carrier: otherCarrier },
        },
        {
          type: 'region_closure',
          data: {
            ...base,
            id: 'c-other-region',
            region: region === 'okinawa' ? 'kanto' : 'okinawa',
            carrier: null,
          },
        },
      ],
    });
    await pullChanges(local.sqlite, api);
    expect(local.sqlite.prepare('select count(*) as n from region_closures').get()).toEqual({
      n: 2,
    });
    expect((await estimateOnCard()).estimate).toEqual(before.estimate);
  });

  it('refuses a malformed closure with a clear error and stores none of its batch', async () => {
    const good = regionClosureData({ id: 'c-good' });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ region: 'atlantis' }, /region/],
      [{ carrier: 'pigeon' }, /carrier/],
      [{ reason: 'x'.repeat(501) }, /reason/],
      [{ startsOn: '2026-12-07T00:00:00Z' }, /startsOn/],
      [{ announcedAt: 'yesterday' }, /announcedAt/],
      [{ endsOn: '2026-12-06' }, /endsOn/],
    ];
    for (const [change, field] of cases) {
      const response = await call(server.url, admin, 'POST', '/v1/data/batch', {
        records: [
          { type: 'region_closure', data: good },
          { type: 'region_closure', data: { ...good, id: 'c-bad', ...change } },
        ],
      });
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(JSON.stringify(response.json)).toMatch(field);
    }
    const { api } = await signedInApi(server.url, AGENT, PASSWORD);
    await pullChanges(local.sqlite, api);
    expect(local.sqlite.prepare('select count(*) as n from region_closures').get()).toEqual({
      n: 0,
    });
  });
});
