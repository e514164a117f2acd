import { workerData } from 'node:worker_threads';
import { openSqlite } from '../db/connection';
import { serveWorkerRpc } from '../worker-rpc-serve';
import { refreshModels } from './prediction-fit';
import type { PredictionWorkerConfig, PredictionWorkerMethods } from './prediction-worker-protocol';
import { giveWayToTheForeground } from '../worker-entry';

/**
 * The prediction worker: reads the training data and fits the models on its own thread and its
 * own connection to the cache, so a fit of minutes at bench size never competes with the screen
 * pop answered on the core's thread (WAL lets both read while the sync worker writes). It only
 * writes the fitted models' own table. The core receives the models as plain JSON and scores.
 */
giveWayToTheForeground();
const config = workerData as PredictionWorkerConfig;

// The core has migrated the file before starting this worker: open it without migrating.
const sqlite = openSqlite({
  filename: config.dbFile,
  ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
  ...(config.cacheKey ? { key: config.cacheKey } : {}),
});

const methods: PredictionWorkerMethods = {
  refresh: (request) => refreshModels(sqlite, request),
};
serveWorkerRpc(methods, { name: 'prediction worker', onStop: () => void sqlite.close() });
