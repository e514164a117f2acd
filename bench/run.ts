import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBulkLoad } from './bulk-load.bench';
import { benchCtiRing } from './cti-ring.bench';
import { benchInsightsTimeZone } from './insights-time-zone.bench';
import { benchPopDuring } from './pop-during.bench';
import { benchPrediction } from './prediction.bench';
import { benchPredictionQuality } from './prediction-quality.bench';
import { benchOutreach } from './outreach.bench';
import { openBenchDatabase } from './lib/bench-database';
import { readSideOf } from './lib/bench-core';
import { benchGrowth } from './growth.bench';
import { printFigure, note } from './lib/figures';
import { benchScreenPop } from './screen-pop.bench';
import { benchSearch } from './search.bench';
import { benchSync, benchVocIngest } from './sync.bench';
import { benchVocExport } from './voc-export.bench';
import { benchWrapUpSave } from './wrap-up.bench';
import { benchFloorAlerts } from './floor-alerts.bench';
import { benchEncryption } from './encryption.bench';
import { benchAccessAudit } from './access-audit.bench';
import { benchCoreStart } from './core-start.bench';

/**
 * `npm run bench`: every figure is one JSON line on stdout, `{name, value, unit, baseline,
 * ratio}`, its baseline measured in the same run. Progress goes to stderr. Pick benches with
 * arguments (`npm run bench -- screen-pop search`); all run by default.
 */
const benches = {
  'bulk-load': async () => benchBulkLoad(),
  'screen-pop': async () => benchScreenPop(await readSide()),
  search: async () => benchSearch(await readSide()),
  sync: async () => benchSync(),
  'wrap-up': async () => benchWrapUpSave(),
  // The learned models: quality on held-out data vs every baseline (prediction-quality), then
  // fit time and per-card latency on the bench-size cache.
  prediction: async () => benchPrediction(),
  // The models' quality alone (no bench-size cache needed): every baseline beside each model.
  'prediction-quality': async () => benchPredictionQuality(),
  // The proactive outreach list built at bench size vs the raw scan of open shipments.
  outreach: async () => benchOutreach(),
  // A ring's card while each slow operation runs, vs an idle desk (KOE_BENCH_POP_CUSTOMERS,
  // 20,000 by default; `pop-during-1m` on the bench-size cache).
  'pop-during': async () => benchPopDuring(),
  'pop-during-1m': async () => benchPopDuring(1_000_000),
  // Screen pop and search p95 at 10k, 100k and 1M customers (KOE_BENCH_GROWTH_SIZES), each vs
  // its raw statements and vs the smallest size.
  growth: async () => benchGrowth(),
  // Needs the built workers (npx electron-vite build): the core started in fresh processes.
  'core-start': async () => benchCoreStart(),
  // Needs the built renderer (npx electron-vite build) and Chromium; predictions on, on a copy
  // of the bench-size cache (KOE_BENCH_DB; KOE_BENCH_RING_SAMPLES rings, 200 by default).
  'cti-ring': async () => benchCtiRing(),
  // Server VoC ingest alone (also part of `sync`): SQLite, and PostgreSQL when
  // KOE_TEST_DATABASE_URL names one.
  'voc-ingest': async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-voc-bench-'));
    const figures = [await benchVocIngest('sqlite', { sqliteFile: join(dir, 'ingest.sqlite') })];
    const url = process.env.KOE_TEST_DATABASE_URL;
    if (url) figures.push(await benchVocIngest('postgres', { sqliteFile: '', databaseUrl: url }));
    rmSync(dir, { recursive: true, force: true });
    return figures;
  },
  // The server's streamed VoC export of a large table (KOE_BENCH_VOC_EXPORT_ROWS, 1,000,000 by
  // default): rows/s and the server's memory during the stream vs the export's size.
  'voc-export': async () => benchVocExport(),
  // Insights days counted in Asia/Tokyo vs by the UTC date prefix (SQLite; PostgreSQL too when
  // KOE_TEST_DATABASE_URL names one).
  'insights-tz': async () => benchInsightsTimeZone(),
  // Alert delivery desk → supervisor's stream (p95) vs the same alert posted straight to the
  // server; PostgreSQL with two server processes when KOE_TEST_DATABASE_URL names one.
  'floor-alerts': async () => benchFloorAlerts(),
  // What encrypting the cache costs: screen pop, search, bootstrap and durable wrap-up on an
  // encrypted cache vs a plain one built from the same records in this run.
  encryption: async () => benchEncryption(),
  // What the access audit (row, desk policies, outbox) costs a screen pop by hand and a search,
  // against the same router without it.
  'access-audit': async () => benchAccessAudit(await readSide()),
};

let readSideOnce: ReturnType<typeof openReadSide> | undefined;
const readSide = () => (readSideOnce ??= openReadSide());

async function openReadSide() {
  return readSideOf(await openBenchDatabase());
}

const selected = process.argv.slice(2).filter((a) => a in benches) as (keyof typeof benches)[];
for (const name of selected.length > 0
  ? selected
  : (Object.keys(benches) as (keyof typeof benches)[])) {
  note(`== ${name}`);
  for (const f of await benches[name]()) printFigure(f);
}
if (readSideOnce) await (await readSideOnce).close();
