import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { searchCustomers } from '../../../src/main/core/customers/customer-search';
import { fitDeliveryModel } from '../../../src/main/core/predictions/delivery-estimate';
import { readTransitSamples } from '../../../src/main/core/predictions/prediction-data';
import { regionClosureReader } from '../../../src/main/core/predictions/region-closures';
import {
  modelEstimateFor,
  type PredictionService,
} from '../../../src/main/core/predictions/prediction-service';
import { createOutreachService } from '../../../src/main/core/outreach/outreach-service';
import {
  startReaderWorker,
  typescriptReaderWorkerEntry,
  type ReaderWorker,
} from '../../../src/main/core/reader/reader-worker-host';
import {
  DEFAULT_DEMO_NOW,
  generateDemoRecords,
} from '../../../src/shared/demo/generate-demo-records';

const NOW = DEFAULT_DEMO_NOW.getTime();

/**
 * The reader worker answers what the services would have read on the core's thread: the same
 * outreach list, ranked with the model the core holds (so a parcel's date on the list is the
 * card's), the same search results and count.
 */
describe('the reader worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'koe-reader-'));
  let database: LocalDatabase;
  let reader: ReaderWorker;
  let predictions: PredictionService;

  beforeAll(async () => {
    database = await openDatabase({ filename: join(dir, 'cache.sqlite') });
    const writer = createRecordWriter(database.sqlite);
    for (const batch of generateDemoRecords({ size: 'demo', customers: 600 })) writer.apply(batch);
    const model = fitDeliveryModel(readTransitSamples(database.sqlite), new Date(NOW));
    // The core's prediction service, as far as the list reads it: its model, its clock and the
    // retailer's region closures (the demo announces one, which moves some estimates).
    predictions = {
      models: () => ({ delivery: model, reasons: null }),
      now: () => NOW,
      closuresFor: regionClosureReader(database.sqlite),
    } as PredictionService;
    reader = startReaderWorker(
      typescriptReaderWorkerEntry,
      { filename: join(dir, 'cache.sqlite') },
      { now: () => NOW, predictions },
    );
  }, 60_000);
  afterAll(async () => {
    await reader.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the outreach list the core would, with the core model', async () => {
    const inline = await createOutreachService({
      sqlite: database.sqlite,
      now: () => NOW,
      estimate: modelEstimateFor(predictions),
    }).list(200);
    const carrierOnly = await createOutreachService({
      sqlite: database.sqlite,
      now: () => NOW,
    }).list(200);
    const fromWorker = await reader.outreachList(200);
    expect(fromWorker.entries.length).toBeGreaterThan(0);
    expect(fromWorker).toEqual(inline);
    // The model was used: it ranks differently from the carrier's dates alone.
    expect(fromWorker.entries).not.toEqual(carrierOnly.entries);
  }, 60_000);

  it('searches and counts as the core would', async () => {
    for (const query of ['佐藤', 'たなか', '090', 'KO-']) {
      expect(await reader.searchCustomers(query, 20)).toEqual(
        await searchCustomers(database.db, query, 20),
      );
    }
    expect(await reader.countCustomers()).toBe(600);
  }, 60_000);
});
