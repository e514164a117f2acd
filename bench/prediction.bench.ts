import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readCustomerCard } from '../src/main/core/customers/customer-card';
import { callFacts } from '../src/main/core/predictions/call-features';
import { predictCallReasons } from '../src/main/core/predictions/call-reason-model';
import { estimateDelivery } from '../src/main/core/predictions/delivery-estimate';
import { HISTORY_BATCH_CUSTOMERS } from '../src/main/core/predictions/prediction-data';
import {
  DEFAULT_MAX_CALL_CUSTOMERS,
  DEFAULT_MAX_TRANSIT_SAMPLES,
} from '../src/main/core/predictions/prediction-fit';
import {
  FIT_HEAP_MB,
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
} from '../src/main/core/predictions/prediction-worker-host';
import { DEFAULT_DEMO_NOW } from '../src/shared/demo/generate-demo-records';
import { BENCH_DATABASE, openBenchDatabase } from './lib/bench-database';
import { benchPredictionQuality } from './prediction-quality.bench';
import {
  figure,
  note,
  percentile,
  sampleLatencies,
  seededRandom,
  type Figure,
} from './lib/figures';

/**
 * The learned models: their quality against every baseline (prediction-quality.bench.ts), then
 * the cost at bench size, fitted as the app does
 * it: on the prediction worker (sampled: every 16th shipment row, up to 200,000 delivered, and
 * the confirmed calls of every 25th customer), while this thread keeps reading cards — their
 * latency during the fit against the same reads with the worker idle — then the restart that
 * reuses the stored fit, and the prediction latency a screen pop pays.
 */
export async function benchPrediction(): Promise<Figure[]> {
  const figures: Figure[] = await benchPredictionQuality();
  const bench = await openBenchDatabase();

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
  figures.push(...(await benchFitMemory()));

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

/**
 * The fit's memory peak above the steady state, each fit in a fresh process
 * (lib/fit-memory-child.ts: PSS sampled every 50 ms during the fit, minus PSS at rest with the
 * worker up): an earlier fit in the same process leaves its memory with the allocator, which
 * would count as steady state and hide the peak. Once with histories read in batches (the app's
 * fit), once all at once as before, in the same run.
 */
async function benchFitMemory(): Promise<Figure[]> {
  const child = new URL('./lib/fit-memory-child.ts', import.meta.url).pathname;
  const peakDuring = (historyBatchCustomers?: number) => {
    const out = execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        child,
        ...(historyBatchCustomers ? [String(historyBatchCustomers)] : []),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const { steadyMb, peakMb } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      steadyMb: number;
      peakMb: number;
    };
    return { steady: steadyMb, above: peakMb - steadyMb };
  };
  const batched = peakDuring();
  note(
    `fit memory (a process each): steady ${Math.round(batched.steady)} MB; peak above it ${Math.round(batched.above)} MB in batches of ${HISTORY_BATCH_CUSTOMERS} (goal ≤ 300 MB)`,
  );
  const figures = [figure('memory_peak_during_fit_mb', batched.above, 'MB', 300)];
  // All histories at once, as before: at bench size more than the fit's heap cap holds.
  try {
    const whole = peakDuring(Number.MAX_SAFE_INTEGER);
    figures.push(figure('memory_peak_during_fit_unbatched_mb', whole.above, 'MB', batched.above));
  } catch {
    note(`fit memory: all histories at once ran out of the worker's ${FIT_HEAP_MB} MB heap cap`);
  }
  return figures;
}
