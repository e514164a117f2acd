/**
 * Writes a demo data set to a SQLite file through the real ingest path (`createRecordWriter`):
 *
 *   npx tsx scripts/demo-data.ts --size demo|bench --out <file.sqlite> [--seed <n>]
 *
 * Defaults: size `demo`, out `.data/demo-<size>.sqlite`. An existing file is replaced.
 * Progress goes to stderr; the last line is a one-line summary.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRecordWriter, type ApplyResult } from '../src/main/core/sync/apply-records';
import { openDatabase } from '../src/main/core/platform/connection';
import {
  DEFAULT_DEMO_SEED,
  DEMO_SIZES,
  generateDemoRecords,
  type DemoSize,
} from '../src/shared/demo/generate-demo-records';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: demo-data.ts --size demo|bench --out <file.sqlite> [--seed <n>]\n`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      out: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const size = values.size as DemoSize;
  if (!(size in DEMO_SIZES)) usage(`unknown size "${values.size}"`);
  const seed = values.seed === undefined ? DEFAULT_DEMO_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) usage(`--seed must be an integer`);
  const filename = resolve(values.out ?? `.data/demo-${size}.sqlite`);

  mkdirSync(dirname(filename), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(filename + suffix)) rmSync(filename + suffix);
  }

  const database = await openDatabase({ filename });
  const writer = createRecordWriter(database.sqlite);
  const totals: Partial<ApplyResult> = {};
  const started = performance.now();
  let records = 0;
  let lastReport = started;
  try {
    for (const batch of generateDemoRecords({ size, seed })) {
      const result = writer.apply(batch);
      for (const [type, count] of Object.entries(result) as [keyof ApplyResult, number][]) {
        totals[type] = (totals[type] ?? 0) + count;
      }
      records += batch.length;
      const now = performance.now();
      if (now - lastReport >= 1_000) {
        lastReport = now;
        const perSecond = Math.round(records / ((now - started) / 1000));
        process.stderr.write(
          `${records.toLocaleString('en-US')} records, ${perSecond.toLocaleString('en-US')} records/s\n`,
        );
      }
    }
  } finally {
    await database.close();
  }

  const seconds = (performance.now() - started) / 1000;
  const counts = Object.entries(totals)
    .filter(([, n]) => n)
    .map(([type, n]) => `${type}=${n}`)
    .join(' ');
  process.stderr.write(
    `wrote ${records.toLocaleString('en-US')} records (${size}, seed ${seed}) to ${filename} in ` +
      `${seconds.toFixed(1)} s (${Math.round(records / seconds).toLocaleString('en-US')} records/s): ${counts}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
