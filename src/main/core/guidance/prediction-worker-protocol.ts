import type { RefreshRequest, RefreshResult } from './prediction-fit';

/** What the prediction worker is started with (its `workerData`). */
export interface PredictionWorkerConfig {
  dbFile: string;
  /** Electron's build of better-sqlite3; omitted under Node. */
  nativeBinding?: string;
  /** The cache's data key (see OpenDatabaseOptions.key). */
  cacheKey?: Uint8Array;
}

/** What the core asks of it (through worker-rpc.ts). */
export type PredictionWorkerMethods = {
  refresh(request: RefreshRequest): RefreshResult;
};
