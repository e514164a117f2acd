import { existsSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { openSqlite } from '../../../src/main/core/platform/connection';
import { createPredictionWorkerMethods } from '../../../src/main/core/predictions/prediction-worker-methods';
import type {
  PredictionWorkerConfig,
  PredictionWorkerMethods,
} from '../../../src/main/core/predictions/prediction-worker-protocol';
import { serveWorkerRpc } from '../../../src/main/core/platform/worker-rpc-serve';

/**
 * The prediction worker (as prediction-worker.ts builds it) with a gate before the admin's risk
 * fit: it says it has begun (`<gate>.entered`) and then holds its thread, as a fit of minutes at
 * bench size would, until the test creates `<gate>`. The test knows, without timing, that the
 * fit is under way and on this thread.
 */
const gate = process.env.KOE_TEST_FIT_GATE;
if (!gate) throw new Error('KOE_TEST_FIT_GATE names no gate file');
const config = workerData as PredictionWorkerConfig;
const sqlite = openSqlite({ filename: config.dbFile });
const methods = createPredictionWorkerMethods(sqlite);
const tick = new Int32Array(new SharedArrayBuffer(4));
const gated: PredictionWorkerMethods = {
  ...methods,
  fitRisk: (request) => {
    writeFileSync(`${gate}.entered`, 'fitRisk');
    // Synchronous, like the fit itself: nothing else runs on this thread meanwhile.
    while (!existsSync(gate)) Atomics.wait(tick, 0, 0, 5);
    return methods.fitRisk(request);
  },
};
serveWorkerRpc(gated, { name: 'gated prediction worker', onStop: () => void sqlite.close() });
