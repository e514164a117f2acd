import type { LocalDatabase } from '../db/connection';
import { createRecordWriter } from '../db/apply-records';
import { countCustomers } from '../db/customers/customer.repository';
import { generateDemoRecords } from './generate-demo-records';

/**
 * With no retailer configured, Koe runs on the embedded demo retailer: an empty cache is filled
 * with the `demo` size data set through the same ingest path a sync page takes.
 */
export async function seedDemoDataIfEmpty(database: LocalDatabase): Promise<boolean> {
  if ((await countCustomers(database.db)) > 0) return false;
  const writer = createRecordWriter(database.sqlite);
  for (const batch of generateDemoRecords({ size: 'demo' })) writer.apply(batch);
  return true;
}
