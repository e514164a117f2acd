import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startKoeCore } from '../../src/main/core/koe-core';

/**
 * The core as the app starts it, in a process of its own and bundled as the app bundles it
 * (esbuild here, electron-vite there), with the app's bundled workers: prints how long after
 * the process began the core was ready to answer, and its memory then. Run by core-start.bench.
 */
// Everything the bundle loads has run by now: the rest is the core's own start.
const loadedMs = performance.now();
const dataDir = process.env.KOE_BENCH_DATA_DIR as string;
const mainDir = process.env.KOE_BENCH_MAIN_DIR as string;
const core = await startKoeCore({
  dataDir,
  appVersion: 'bench',
  cacheKey: Buffer.from(process.env.KOE_BENCH_CACHE_KEY as string, 'hex'),
  ctiPort: 0,
  syncWorkerEntry: { file: join(mainDir, 'sync-worker.js') },
  predictionWorkerEntry: { file: join(mainDir, 'prediction-worker.js') },
  readerWorkerEntry: { file: join(mainDir, 'reader-worker.js') },
});
const readyMs = performance.now();
// The first card: what the agent waits for after a start with the phone already ringing.
await core.router.handle('customers:screenPop', { phone: process.env.KOE_BENCH_PHONE as string });
const firstPopMs = performance.now();
const pssKb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1]);
process.stdout.write(`${JSON.stringify({ loadedMs, readyMs, firstPopMs, pssKb })}\n`);
await core.close();
