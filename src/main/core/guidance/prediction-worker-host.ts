import type { WorkerEntry } from '../worker-entry';
import { startWorkerRpc } from '../worker-rpc';
import type { RefreshRequest, RefreshResult } from './prediction-fit';
import type { PredictionWorkerConfig, PredictionWorkerMethods } from './prediction-worker-protocol';

export const typescriptPredictionWorkerEntry: WorkerEntry = {
  typescriptSource: new URL('./prediction-worker.ts', import.meta.url).href,
};

export interface PredictionWorkerHandle {
  refresh(request: RefreshRequest): Promise<RefreshResult>;
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
  });
  return { refresh: (request) => rpc.call('refresh', request), stop: () => rpc.stop() };
}
