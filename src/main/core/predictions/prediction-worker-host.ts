import type { WorkerEntry } from '../platform/worker-entry';
import { startWorkerRpc } from '../platform/worker-rpc';
import type { RefreshRequest, RefreshResult } from './prediction-fit';
import type { RiskFit } from '../../../shared/admin-ipc';
import type {
  PredictionWorkerConfig,
  PredictionWorkerMethods,
  RiskFitRequest,
} from './prediction-worker-protocol';

export const typescriptPredictionWorkerEntry: WorkerEntry = {
  typescriptSource: new URL('./prediction-worker.ts', import.meta.url).href,
};

/** The fit's heap cap. */
export const FIT_HEAP_MB = 384;
/**
 * The fit's young generation (new objects, where a fit's garbage is born): Node 24's default
 * let it grow past 150 MB of the fit's ~270 MB peak above rest, though what the fit holds is
 * ~50 MB (measured with bench/lib/fit-memory-child.ts). 12 MB (4 MB semi-spaces) brings the
 * peak under 100 MB; the fit spends a little more time collecting.
 */
export const FIT_YOUNG_GENERATION_MB = 12;

export interface PredictionWorkerHandle {
  refresh(request: RefreshRequest): Promise<RefreshResult>;
  fitRisk(request: RiskFitRequest): Promise<RiskFit>;
  stop(): Promise<void>;
}

export function startPredictionWorker(
  entry: WorkerEntry,
  config: PredictionWorkerConfig,
): PredictionWorkerHandle {
  // A fit under way would only answer when done: stop ends the thread at once instead (it
  // writes nothing but its own table, in one transaction).
  const rpc = startWorkerRpc<PredictionWorkerMethods>(entry, config, {
    name: 'prediction',
    terminateWhenBusy: true,
    // V8 lets an idle-looking heap grow with garbage before it collects: a cap makes it collect
    // sooner, so the fit's memory peak stays near what it holds (measured at bench size with
    // bench/lib/fit-memory-child.ts; the fit holds well under it).
    resourceLimits: {
      maxOldGenerationSizeMb: FIT_HEAP_MB,
      maxYoungGenerationSizeMb: FIT_YOUNG_GENERATION_MB,
    },
  });
  return {
    refresh: (request) => rpc.call('refresh', request),
    fitRisk: (request) => rpc.call('fitRisk', request),
    stop: () => rpc.stop(),
  };
}
