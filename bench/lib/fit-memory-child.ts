import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
} from '../../src/main/core/predictions/prediction-worker-host';
import { DEFAULT_DEMO_NOW } from '../../src/shared/demo/generate-demo-records';
import { BENCH_DATABASE } from './bench-database';

/**
 * One forced fit on the prediction worker in a process of its own, so nothing an earlier fit
 * left in the allocator counts as steady state: prints `{steadyMb, peakMb}`, the process's PSS
 * at rest (worker up, its connection open) and its highest PSS sampled every 50 ms during the
 * fit. Argument: customers whose histories are held at once (omitted: the app's batch).
 */
function pssMb(): number {
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? Number.NaN) / 1024;
}

const batch = process.argv[2] ? Number(process.argv[2]) : undefined;
const worker = startPredictionWorker(typescriptPredictionWorkerEntry, { dbFile: BENCH_DATABASE });
await sleep(3_000);
const steadyMb = pssMb();
let peakMb = steadyMb;
const sampler = setInterval(() => (peakMb = Math.max(peakMb, pssMb())), 50);
await worker.refresh({
  now: DEFAULT_DEMO_NOW.getTime(),
  force: true,
  ...(batch ? { historyBatchCustomers: batch } : {}),
});
clearInterval(sampler);
peakMb = Math.max(peakMb, pssMb());
await worker.stop();
process.stdout.write(`${JSON.stringify({ steadyMb, peakMb })}\n`);
