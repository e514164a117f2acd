import type { RiskFit } from '../../../shared/admin-ipc';
import type { RiskThresholds } from '../../../shared/guidance/risk-thresholds';
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
  /** The admin's fit of the risk weights on the settled cases (risk-fit.ts). */
  fitRisk(request: RiskFitRequest): RiskFit;
};

export interface RiskFitRequest {
  thresholds: RiskThresholds;
  /** The fit's clock (its `fittedAt`). */
  now: number;
}
