import { workerData } from 'node:worker_threads';
import { openSqlite } from '../platform/connection';
import { serveWorkerRpc } from '../platform/worker-rpc-serve';
import { createPredictionWorkerMethods } from './prediction-worker-methods';
import type { PredictionWorkerConfig } from './prediction-worker-protocol';
import { giveWayToTheForeground } from '../platform/worker-entry';

/**
 * The prediction worker: reads the training data and fits the models on its own thread and its
 * own connection to the cache, so a fit of minutes at bench size never competes with the screen
 * pop answered on the core's thread (WAL lets both read while the sync worker writes). It only
 * writes the fitted models' own table. The admin's fit of the risk weights runs here too, after
 * any refit under way (one thread, one connection: calls are answered in turn). The core receives the models as plain JSON and scores.
 */
giveWayToTheForeground();
const config = workerData as PredictionWorkerConfig;

// The core has migrated the file before starting this worker: open it without migrating.
const sqlite = openSqlite({
  filename: config.dbFile,
  ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
  ...(config.cacheKey ? { key: config.cacheKey } : {}),
});

serveWorkerRpc(createPredictionWorkerMethods(sqlite), {
  name: 'prediction worker',
  onStop: () => void sqlite.close(),
});
