import type { RefreshRequest, RefreshResult } from './prediction-fit';

/** What the prediction worker is started with (its `workerData`). */
export interface PredictionWorkerConfig {
  dbFile: string;
  /** Electron's build of better-sqlite3; omitted under Node. */
  nativeBinding?: string;
  /** The cache's data key (see OpenDatabaseOptions.key). */
  cacheKey?: Uint8Array;
}

export type ToPredictionWorker =
  { type: 'refresh'; id: number; request: RefreshRequest } | { type: 'stop' };

export type FromPredictionWorker =
  | { type: 'refreshed'; id: number; result: RefreshResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'stopped' };
