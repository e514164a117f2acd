import { createRecordWriter } from '../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../src/main/core/platform/connection';
import {
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_NOW,
  DEMO_SIZES,
  referenceRecords,
} from '../../src/shared/demo/generate-demo-records';
import { FEATURED_EMAILS, FEATURED_PHONES_E164 } from '../../src/shared/demo/featured-customers';
import { generateCustomerRecords } from '../../src/shared/demo/generate-customer';
import { newSequences } from '../../src/shared/demo/ids';
import type { RetailerRecord } from '../../src/shared/protocol/records';

/**
 * An even sample of the bench-size population in an in-memory cache: every n-th of its
 * 1,000,000 customers, each exactly as the bench-size data has them (a customer's records come
 * from a generator seeded by its index). The model-quality figures are measured on it, without
 * the multi-gigabyte bench cache the latency figures need.
 */
export async function openPopulationSample(every: number): Promise<LocalDatabase> {
  const database = await openDatabase({ filename: ':memory:' });
  const writer = createRecordWriter(database.sqlite);
  const nowMs = DEFAULT_DEMO_NOW.getTime();
  const ctx = {
    seed: DEFAULT_DEMO_SEED,
    nowMs,
    seq: newSequences(),
    reserved: { phones: FEATURED_PHONES_E164, emails: FEATURED_EMAILS },
  };
  let batch: RetailerRecord[] = referenceRecords(nowMs);
  for (let index = every; index <= DEMO_SIZES.bench.customers; index += every) {
    generateCustomerRecords(ctx, index, batch);
    if (batch.length >= 5_000) {
      writer.apply(batch);
      batch = [];
    }
  }
  if (batch.length > 0) writer.apply(batch);
  return database;
}
