import { setTimeout as sleep } from 'node:timers/promises';
import { readCustomerCard } from '../src/main/core/db/customer-card';
import { createRecordWriter } from '../src/main/core/db/apply-records';
import { openDatabase, type LocalDatabase } from '../src/main/core/db/connection';
import { callFacts } from '../src/main/core/guidance/call-features';
import { predictCallReasons } from '../src/main/core/guidance/call-reason-model';
import { estimateDelivery } from '../src/main/core/guidance/delivery-estimate';
import {
  DEFAULT_MAX_CALL_CUSTOMERS,
  DEFAULT_MAX_TRANSIT_SAMPLES,
} from '../src/main/core/guidance/prediction-fit';
import {
  evaluateCallReasonModel,
  evaluateDeliveryModel,
  type ReliabilityBin,
} from '../src/main/core/guidance/prediction-evaluation';
import { readCallExamples, readTransitSamples } from '../src/main/core/guidance/prediction-data';
import {
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
} from '../src/main/core/guidance/prediction-worker-host';
import { DEFAULT_DEMO_NOW, generateDemoRecords } from '../src/shared/demo/generate-demo-records';
import { BENCH_DATABASE, openBenchDatabase } from './lib/bench-database';
import {
  figure,
  note,
  percentile,
  sampleLatencies,
  seededRandom,
  type Figure,
} from './lib/figures';

/**
 * The learned models, honestly: fitted on the older 80% of the data and scored on the newer
 * 20% (time split) against their baselines — the carrier's promised date for the delivery
 * estimate, the rules alone (likely-reason.ts) for the call reason — on the demo data set and on
 * an even sample of the bench-size cache; then the cost at bench size, fitted as the app does
 * it: on the prediction worker (sampled: every 16th shipment row, up to 200,000 delivered, and
 * the confirmed calls of every 25th customer), while this thread keeps reading cards — their
 * latency during the fit against the same reads with the worker idle — then the restart that
 * reuses the stored fit, and the prediction latency a screen pop pays.
 */
export async function benchPrediction(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const demo = await openDatabase({ filename: ':memory:' });
  const writer = createRecordWriter(demo.sqlite);
  for (const batch of generateDemoRecords({ size: 'demo' })) writer.apply(batch);
  figures.push(...quality('demo', demo));
  await demo.close();

  const bench = await openBenchDatabase();
  figures.push(...quality('bench', bench));

  const random = seededRandom(6);
  const { max } = bench.sqlite.prepare('select max(local_id) as max from customers').get() as {
    max: number;
  };
  const byLocal = bench.sqlite.prepare('select id from customers where local_id = ?');
  const ids: string[] = [];
  while (ids.length < 2_000) {
    const row = byLocal.get(1 + Math.floor(random() * max)) as { id: string } | undefined;
    if (row) ids.push(row.id);
  }
  const idle = await sampleLatencies(ids, (id) => readCustomerCard(bench.db, id));

  const now = DEFAULT_DEMO_NOW.getTime();
  const worker = startPredictionWorker(typescriptPredictionWorkerEntry, { dbFile: BENCH_DATABASE });
  let started = performance.now();
  let fitting = true;
  const fit = worker.refresh({ now, force: true }).finally(() => (fitting = false));
  // Screen pops while the worker fits: one card read every 10 ms, as a busy desk would.
  const during: number[] = [];
  for (let i = 0; fitting; i++) {
    const t = process.hrtime.bigint();
    await readCustomerCard(bench.db, ids[i % ids.length] as string);
    during.push(Number(process.hrtime.bigint() - t) / 1e6);
    await sleep(10);
  }
  const result = await fit;
  const fitMs = performance.now() - started;
  during.sort((a, b) => a - b);
  note(
    `fit on the worker: ${Math.round(fitMs)} ms (read ${Math.round(result.readMs)} ms, fit ${Math.round(result.fitMs)} ms) on ${result.transitSamples} deliveries (max ${DEFAULT_MAX_TRANSIT_SAMPLES}) and ${result.callExamples} calls (customers looked at: ${DEFAULT_MAX_CALL_CUSTOMERS}); ${during.length} card reads meanwhile`,
  );
  figures.push(figure('prediction_fit_bench_ms', fitMs, 'ms', fitMs));
  for (const p of [50, 99]) {
    figures.push(
      figure(`card_read_during_fit_p${p}`, percentile(during, p), 'ms', percentile(idle, p)),
    );
  }

  // A restart: the stored fit saw the same data, so it is reused without reading the cache.
  started = performance.now();
  const reused = await worker.refresh({ now });
  const reuseMs = performance.now() - started;
  note(`restart: stored models reused (${!reused.fitted}) in ${Math.round(reuseMs)} ms`);
  figures.push(figure('prediction_restart_reuse_ms', reuseMs, 'ms', fitMs));
  await worker.stop();

  // Per-card cost: the card read alone (baseline) vs the prediction on top of it.
  const delivery = result.models?.delivery;
  const reasons = result.models?.reasons;
  const cards = await Promise.all(ids.map((id) => readCustomerCard(bench.db, id)));
  const predictOnly = await sampleLatencies(cards, (card) => {
    if (!card || !delivery || !reasons) return;
    for (const s of card.shipments) estimateDelivery(delivery, s, now);
    predictCallReasons(reasons, callFacts(card, now));
  });
  for (const p of [50, 99]) {
    figures.push(
      figure(`prediction_per_card_p${p}`, percentile(predictOnly, p), 'ms', percentile(idle, p)),
    );
  }
  await bench.close();
  return figures;
}

function quality(size: string, database: LocalDatabase): Figure[] {
  let started = performance.now();
  const samples = readTransitSamples(database.sqlite, { maxSamples: DEFAULT_MAX_TRANSIT_SAMPLES });
  const calls = readCallExamples(database.sqlite, { maxCustomers: DEFAULT_MAX_CALL_CUSTOMERS });
  note(
    `${size}: ${samples.length} delivered shipments, ${calls.length} confirmed calls read in ${Math.round(performance.now() - started)} ms`,
  );
  started = performance.now();
  const edd = evaluateDeliveryModel(samples);
  const eddMs = performance.now() - started;
  started = performance.now();
  const reasons = evaluateCallReasonModel(calls);
  const reasonMs = performance.now() - started;
  note(`${size}: delivery ${JSON.stringify(edd)}`);
  if (reasons) {
    const { reliability, uncalibrated, ...summary } = reasons;
    note(`${size}: reasons ${JSON.stringify(summary)}`);
    note(reliabilityTable(size, reasons.temperature, uncalibrated.reliability, reliability));
  }
  const out = [
    figure(`edd_mae_days_${size}`, edd.maeDays, 'days', edd.promiseMaeDays),
    figure(`edd_range90_coverage_${size}`, edd.coverage, 'share', 0.9),
    figure(`edd_exact_day_${size}`, edd.exactShare, 'share', edd.promiseExactShare),
    figure(`edd_fit_and_score_${size}_ms`, eddMs, 'ms', eddMs),
  ];
  if (reasons) {
    out.push(
      figure(`reason_top1_${size}`, reasons.top1, 'share', reasons.rulesTop1),
      figure(`reason_top3_${size}`, reasons.top3, 'share', reasons.rulesTop3),
      figure(`reason_top1_vs_majority_${size}`, reasons.top1, 'share', reasons.majorityTop1),
      figure(`reason_ece_${size}`, reasons.ece, 'abs', reasons.rulesEce),
      // The temperature's effect on the same held-out calls: ECE before and after, and top-1,
      // which it must leave as it was (ratio 1).
      figure(`reason_ece_calibrated_${size}`, reasons.ece, 'abs', reasons.uncalibrated.ece),
      figure(`reason_top1_calibrated_${size}`, reasons.top1, 'share', reasons.uncalibrated.top1),
      figure(`reason_temperature_${size}`, reasons.temperature, 'T', 1),
      figure(`reason_brier_${size}`, reasons.brier, 'score', reasons.uncalibrated.brier),
      figure(`reason_fit_and_score_${size}_ms`, reasonMs, 'ms', reasonMs),
    );
  }
  return out;
}

/** The reliability bins of the held-out calls, before (T = 1) and after the temperature. */
function reliabilityTable(
  size: string,
  temperature: number,
  before: readonly ReliabilityBin[],
  after: readonly ReliabilityBin[],
): string {
  const cell = (b: ReliabilityBin | undefined) =>
    b
      ? `${(b.predicted * 100).toFixed(0).padStart(3)}% → ${(b.observed * 100).toFixed(0).padStart(3)}% (${b.calls})`
      : '';
  const rows = Array.from({ length: 10 }, (_, i) => {
    const [b, a] = [before, after].map((bins) => bins.find((x) => Math.round(x.from * 10) === i));
    if (!b && !a) return null;
    return `  ${`${i * 10}–${i * 10 + 10}%`.padEnd(9)} ${cell(b).padEnd(24)}  ${cell(a)}`;
  }).filter((row) => row !== null);
  return [
    `${size}: reliability of the top reason on held-out calls, given → right (calls), by bin`,
    `  ${'bin'.padEnd(9)} ${'before (T = 1)'.padEnd(24)}  after (T = ${temperature})`,
    ...rows,
  ].join('\n');
}
