import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { readCustomerCard } from '../../../src/main/core/customers/customer-card';
import { getShipmentsForOrders } from '../../../src/main/core/customers/order.repository';
import { getRecentContacts } from '../../../src/main/core/customers/interaction.repository';
import { readCustomerHistories } from '../../../src/main/core/predictions/prediction-data';
import { refreshModels } from '../../../src/main/core/predictions/prediction-fit';
import { loadModels } from '../../../src/main/core/predictions/prediction-store';
import {
  startPredictionService,
  withPredictions,
} from '../../../src/main/core/predictions/prediction-service';
import {
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
  type PredictionWorkerHandle,
} from '../../../src/main/core/predictions/prediction-worker-host';
import {
  DEFAULT_DEMO_NOW,
  DEMO_FEATURED_CUSTOMERS,
  generateDemoRecords,
} from '../../../src/shared/demo/generate-demo-records';

/**
 * Fitting off the core's thread, on a real cache file: the set-based history read returns what
 * the card's own reads return, a refresh reuses the stored fit until deliveries or contacts
 * arrive, and the worker thread fits on its own connection while the core only scores.
 */
const NOW = DEFAULT_DEMO_NOW.getTime() + 10 * 3_600_000;
const LATE = DEMO_FEATURED_CUSTOMERS.lateDelivery.customerId;
let dir: string;
let file: string;
let database: LocalDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-prediction-'));
  file = join(dir, 'koe.sqlite');
  database = await openDatabase({ filename: file });
  const writer = createRecordWriter(database.sqlite);
  for (const batch of generateDemoRecords({ size: 'demo' })) writer.apply(batch);
}, 120_000);

afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the set-based history read', () => {
  it('returns the same shipments, tracking events and contacts as the per-customer reads', async () => {
    const [history] = readCustomerHistories(database.sqlite, [LATE]);
    expect(history?.customer.id).toBe(LATE);
    const orderIds = history!.orders.map((o) => o.id);
    const byId = <T extends { id: string }>(xs: T[]) =>
      [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(history!.shipments)).toEqual(
      byId(await getShipmentsForOrders(database.db, orderIds)),
    );
    expect(byId(history!.contacts)).toEqual(
      byId(await getRecentContacts(database.db, LATE, 1_000)),
    );
  });
});

describe('refreshing the models', () => {
  it('fits and stores, then reuses the stored fit until a contact or a delivery arrives', () => {
    const first = refreshModels(database.sqlite, { now: NOW });
    expect(first.fitted).toBe(true);
    expect(first.models?.reasons?.trainingCalls).toBeGreaterThan(1000);
    expect(first.models?.delivery?.samples).toBeGreaterThan(1000);
    expect(loadModels(database.sqlite)?.fittedAt).toBe(first.models?.fittedAt);

    const again = refreshModels(database.sqlite, { now: NOW });
    expect(again.fitted).toBe(false);
    expect(again.models?.reasons).toEqual(first.models?.reasons);

    // The sync cursor moved but nothing the models learn from changed: still reused.
    database.sqlite
      .prepare(`insert or replace into sync_state (key, value) values ('cursor', '999')`)
      .run();
    expect(refreshModels(database.sqlite, { now: NOW }).fitted).toBe(false);
    expect(loadModels(database.sqlite)?.watermark.cursor).toBe('999');

    // A parcel delivered: refit.
    database.sqlite
      .prepare(
        `update shipments set status = 'delivered', delivered_at = ? where rowid =
           (select rowid from shipments where delivered_at is null and shipped_at is not null limit 1)`,
      )
      .run(new Date(NOW).toISOString());
    database.sqlite.prepare(`update sync_state set value = '1000' where key = 'cursor'`).run();
    expect(refreshModels(database.sqlite, { now: NOW }).fitted).toBe(true);
  }, 60_000);
});

describe('the prediction worker', () => {
  let worker: PredictionWorkerHandle | null = null;
  afterAll(async () => {
    await worker?.stop();
  });

  it('fits on its own thread and connection; the core only scores the models it sends', async () => {
    worker = startPredictionWorker(typescriptPredictionWorkerEntry, { dbFile: file });
    const fitter = worker.refresh.bind(worker);
    const service = startPredictionService({ db: database.db, fitter, now: () => NOW });
    try {
      const forced = await service.refresh({ force: true });
      expect(forced?.fitted).toBe(true);
      const card = withPredictions(service, (await readCustomerCard(database.db, LATE))!);
      // A late parcel's caller: late and "where is it" lead (their order is a near tie for her).
      expect(
        card?.predictions?.reasons
          .slice(0, 2)
          .map((r) => r.reasonCode)
          .sort(),
      ).toEqual(['delivery.late', 'delivery.wismo']);
      expect(card?.predictions?.deliveryEstimates.length).toBeGreaterThan(0);
      // A restart: the worker finds the stored fit current and sends it back without fitting.
      expect((await service.refresh())?.fitted).toBe(false);
    } finally {
      service.close();
    }
    // The cache's own read carries no predictions: they come from the service, by name.
    expect((await readCustomerCard(database.db, LATE))?.predictions).toBeUndefined();
  }, 120_000);
});
