import { Worker } from 'node:worker_threads';
import type { RefreshRequest, RefreshResult } from './prediction-fit';
import type {
  FromPredictionWorker,
  PredictionWorkerConfig,
  ToPredictionWorker,
} from './prediction-worker-protocol';

/**
 * How to start the worker's code: the bundled `out/main/prediction-worker.js` in the Electron
 * app (see electron.vite.config.ts), or the TypeScript source through tsx under plain Node.
 */
export type PredictionWorkerEntry = { file: string } | { typescriptSource: URL };

export const typescriptPredictionWorkerEntry: PredictionWorkerEntry = {
  typescriptSource: new URL('./prediction-worker.ts', import.meta.url),
};

function spawnWorker(entry: PredictionWorkerEntry, config: PredictionWorkerConfig): Worker {
  if ('file' in entry) return new Worker(entry.file, { workerData: config });
  // Node does not carry `--import tsx` into worker threads; tsx's API loads the source.
  const source = JSON.stringify(entry.typescriptSource.href);
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`,
    { eval: true, workerData: config },
  );
}

export interface PredictionWorkerHandle {
  refresh(request: RefreshRequest): Promise<RefreshResult>;
  stop(): Promise<void>;
}

export function startPredictionWorker(
  entry: PredictionWorkerEntry,
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
