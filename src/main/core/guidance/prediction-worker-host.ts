import { spawnWorker, type WorkerEntry } from '../worker-entry';
import type { RefreshRequest, RefreshResult } from './prediction-fit';
import type {
  FromPredictionWorker,
  PredictionWorkerConfig,
  ToPredictionWorker,
} from './prediction-worker-protocol';

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
  const worker = spawnWorker(entry, config);
  // An idle worker must not keep the process alive by itself; one fitting for a caller does.
  worker.unref();
  const pending = new Map<
    number,
    { resolve: (r: RefreshResult) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let stopped: (() => void) | null = null;
  let dead: Error | null = null;
  const send = (message: ToPredictionWorker) => worker.postMessage(message);
  const failAll = (error: Error) => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  worker.on('message', (message: FromPredictionWorker) => {
    if (message.type === 'stopped') return stopped?.();
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.type === 'refreshed') request?.resolve(message.result);
    else request?.reject(new Error(message.message));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', () => {
    failAll(dead ?? new Error('The prediction worker exited'));
    stopped?.();
  });

  return {
    refresh(request) {
      if (dead) return Promise.reject(dead);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.ref();
        send({ type: 'refresh', id, request });
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (dead) return resolve();
        // A fit under way would only answer when done: end the thread at once instead (it
        // writes nothing but its own table, in one transaction).
        if (pending.size > 0) return void worker.terminate().then(() => resolve());
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 2_000);
        stopped = () => {
          clearTimeout(timeout);
          resolve();
        };
        send({ type: 'stop' });
      }),
  };
}
