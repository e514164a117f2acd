import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRecordWriter } from '../../src/main/core/sync/apply-records';
import { openDatabase, type LocalDatabase } from '../../src/main/core/platform/connection';
import { generateDemoRecords } from '../../src/shared/demo/generate-demo-records';
import { note } from './figures';

export const BENCH_DATABASE = process.env.KOE_BENCH_DB ?? '.data/bench.sqlite';

/**
 * The bench-size cache (≥ 1,000,000 customers, ≥ 3,000,000 orders), generated on demand and
 * kept in .data/ between runs (never committed). Written to a temp file and renamed when
 * complete, so an interrupted generation is never mistaken for a whole one.
 */
export async function openBenchDatabase(): Promise<LocalDatabase> {
  if (!existsSync(BENCH_DATABASE)) {
    mkdirSync(dirname(BENCH_DATABASE), { recursive: true });
    const partial = `${BENCH_DATABASE}.partial`;
    rmSync(partial, { force: true });
    note(`Generating the bench-size data set into ${BENCH_DATABASE} (once; kept for later runs)…`);
    const database = await openDatabase({ filename: partial });
    const writer = createRecordWriter(database.sqlite);
    const started = Date.now();
    let records = 0;
    for (const batch of generateDemoRecords({ size: 'bench' })) {
      writer.apply(batch);
      records += batch.length;
      if (records % 500_000 < batch.length) {
        note(
          `  ${records.toLocaleString()} records, ${Math.round(records / ((Date.now() - started) / 1000)).toLocaleString()}/s`,
        );
      }
    }
    database.sqlite.pragma('optimize');
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await database.close();
    renameSync(partial, BENCH_DATABASE);
    note(
      `  done: ${records.toLocaleString()} records in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }
  return openDatabase({ filename: BENCH_DATABASE });
}
