import type Sqlite from 'better-sqlite3';
import { refreshModels } from './prediction-fit';
import type { PredictionWorkerMethods } from './prediction-worker-protocol';
import { fitRiskFromCache } from './risk-fit';

/** What the prediction worker answers, on its own connection to the cache. */
export function createPredictionWorkerMethods(sqlite: Sqlite.Database): PredictionWorkerMethods {
  return {
    refresh: (request) => refreshModels(sqlite, request),
    fitRisk: ({ thresholds, now }) => fitRiskFromCache(sqlite, thresholds, now),
  };
}
