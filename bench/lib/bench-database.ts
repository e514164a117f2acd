import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRecordWriter } from '../../src/main/core/sync/apply-records';
import {
  deferSecondaryIndexes,
  rebuildDeferredIndexes,
} from '../../src/main/core/sync/pull-changes';
import { openDatabase, type LocalDatabase } from '../../src/main/core/platform/connection';
import { DEMO_SIZES, generateDemoRecords } from '../../src/shared/demo/generate-demo-records';
import { note } from './figures';

export const BENCH_DATABASE = process.env.KOE_BENCH_DB ?? '.data/bench.sqlite';

/**
 * The bench-size cache (≥ 1,000,000 customers, ≥ 3,000,000 orders), generated on demand and
 * kept in .data/ between runs (never committed).
 */
export async function openBenchDatabase(): Promise<LocalDatabase> {
  return openDatabase({ filename: await benchCacheFile(DEMO_SIZES.bench.customers) });
}

/**
 * The file of a generated cache of that many customers: the bench-size one at 1M, else
 * `customers-<n>.sqlite` beside it. Generated once and kept; written to a temp file and renamed
 * when complete, so an interrupted generation is never mistaken for a whole one.
 */
export async function benchCacheFile(customers: number): Promise<string> {
  const benchSize = customers >= DEMO_SIZES.bench.customers;
  const file = benchSize
    ? BENCH_DATABASE
    : join(dirname(BENCH_DATABASE), `customers-${customers}.sqlite`);
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  note(`Generating a ${customers.toLocaleString()}-customer cache into ${file} (once)…`);
  const database = await openDatabase({ filename: partial });
  // Loaded as a bootstrap loads: the search-only indexes and the outreach triggers deferred,
  // rebuilt at the end (row by row they made 1M customers a matter of hours).
  deferSecondaryIndexes(database.sqlite);
  const writer = createRecordWriter(database.sqlite);
  const started = Date.now();
  let records = 0;
  const batches = benchSize
    ? generateDemoRecords({ size: 'bench' })
    : generateDemoRecords({ size: 'demo', customers });
  for (const batch of batches) {
    writer.apply(batch);
    records += batch.length;
    if (records % 500_000 < batch.length) {
      note(
        `  ${records.toLocaleString()} records, ${Math.round(records / ((Date.now() - started) / 1000)).toLocaleString()}/s`,
      );
    }
  }
  note(`  ${records.toLocaleString()} records loaded; building the deferred indexes…`);
  await rebuildDeferredIndexes(database.sqlite);
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await database.close();
  renameSync(partial, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  note(
    `  done: ${records.toLocaleString()} records in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return file;
}
