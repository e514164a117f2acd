import type { OpenDatabaseOptions } from '../platform/connection';
import type { PredictionService } from '../predictions';
import type { WorkerEntry } from '../platform/worker-entry';
import { startWorkerRpc } from '../platform/worker-rpc';
import { heavyReadsThrough, type HeavyReads } from './heavy-reads';
import type { ReaderMethods } from './reader-methods';

export const typescriptReaderWorkerEntry: WorkerEntry = {
  typescriptSource: new URL('./reader-worker.ts', import.meta.url).href,
};

export interface ReaderWorker extends HeavyReads {
  stop(): Promise<void>;
}

/**
 * Starts the reader worker on the cache the core opened, with the same `OpenDatabaseOptions`
 * object (so whatever the core's connection needs, a key included, reaches the reader's).
 */
export function startReaderWorker(
  entry: WorkerEntry,
  database: OpenDatabaseOptions,
  deps: { now: () => number; predictions: PredictionService | null },
): ReaderWorker {
  const rpc = startWorkerRpc<ReaderMethods>(entry, database, {
    name: 'reader',
    // A read under way answers no one once the core stops.
    terminateWhenBusy: true,
  });
  return { ...heavyReadsThrough((method, input) => rpc.call(method, input), deps), stop: rpc.stop };
}
