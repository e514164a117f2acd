import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/connection';
import { refreshModels } from './prediction-fit';
import type {
  FromPredictionWorker,
  PredictionWorkerConfig,
  ToPredictionWorker,
} from './prediction-worker-protocol';
import { giveWayToTheForeground } from '../worker-entry';

/**
 * The prediction worker: reads the training data and fits the models on its own thread and its
 * own connection to the cache, so a fit of minutes at bench size never competes with the screen
 * pop answered on the core's thread (WAL lets both read while the sync worker writes). It only
 * writes the fitted models' own table. The core receives the models as plain JSON and scores.
 */
const port = parentPort;
if (!port) throw new Error('prediction-worker must run in a worker thread');
giveWayToTheForeground();
const config = workerData as PredictionWorkerConfig;
const post = (message: FromPredictionWorker) => port.postMessage(message);

// The core has migrated the file before starting this worker: open it without migrating.
const sqlite = openSqlite({
  filename: config.dbFile,
  ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
  ...(config.cacheKey ? { key: config.cacheKey } : {}),
});

port.on('message', (message: ToPredictionWorker) => {
  switch (message.type) {
    case 'refresh':
      try {
        post({ type: 'refreshed', id: message.id, result: refreshModels(sqlite, message.request) });
      } catch (error) {
        post({ type: 'failed', id: message.id, message: (error as Error).message });
      }
      break;
    case 'stop':
      sqlite.close();
      post({ type: 'stopped' });
      port.close();
      break;
  }
});
