import type { ResourceLimits } from 'node:worker_threads';
import type { IpcErrorCode } from '../../../shared/ipc';
import { AppError } from './errors';
import { spawnWorker, type WorkerEntry } from './worker-entry';

/**
 * One way for the core to ask a worker thread for work and hear the answer: every request has an
 * id, every answer names it, an AppError keeps its code across the thread, and a worker that dies
 * fails what was waiting on it instead of leaving it pending. The worker side is
 * `serveWorkerRpc` (worker-rpc-serve.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each method takes one message
export type WorkerMethods = Record<string, (input: any) => unknown>;

export type ToRpcWorker =
  { type: 'call'; id: number; method: string; input: unknown } | { type: 'stop' };

export type FromRpcWorker =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'failed'; id: number; message: string; code?: IpcErrorCode }
  | { type: 'stopped' };

export interface WorkerRpc<M extends WorkerMethods> {
  call<K extends keyof M & string>(
    method: K,
    input: Parameters<M[K]>[0],
  ): Promise<Awaited<ReturnType<M[K]>>>;
  stop(): Promise<void>;
}

export interface WorkerRpcOptions {
  /** Named in the error a dead worker leaves ("The reader worker exited"). */
  name: string;
  /**
   * Stop at once when a request is under way rather than wait for it (a fit of minutes, a read of
   * seconds: nothing they would still answer is wanted after stop).
   */
  terminateWhenBusy?: boolean;
  /** How long a stop waits for the worker's own goodbye before ending the thread. */
  stopTimeoutMs?: number;
  /** The thread's heap limits (a fit's heap otherwise grows with garbage it has not collected). */
  resourceLimits?: ResourceLimits;
}

export function startWorkerRpc<M extends WorkerMethods>(
  entry: WorkerEntry,
  workerData: unknown,
  options: WorkerRpcOptions,
): WorkerRpc<M> {
  const worker = spawnWorker(entry, workerData, options.resourceLimits);
  // An idle worker must not keep the process alive by itself; one working for a caller does.
  worker.unref();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let stopped: (() => void) | null = null;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  worker.on('message', (message: FromRpcWorker) => {
    if (message.type === 'stopped') return stopped?.();
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.type === 'result') request?.resolve(message.value);
    else
      request?.reject(
        message.code ? new AppError(message.code, message.message) : new Error(message.message),
      );
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', () => {
    failAll(dead ?? new Error(`The ${options.name} worker exited`));
    stopped?.();
  });

  return {
    call(method, input) {
      if (dead) return Promise.reject(dead);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.ref();
        worker.postMessage({ type: 'call', id, method, input } satisfies ToRpcWorker);
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (dead) return resolve();
        if (options.terminateWhenBusy && pending.size > 0) {
          return void worker.terminate().then(() => resolve());
        }
        const timeout = setTimeout(
          () => void worker.terminate().then(() => resolve()),
          options.stopTimeoutMs ?? 2_000,
        );
        stopped = () => {
          clearTimeout(timeout);
          resolve();
        };
        worker.postMessage({ type: 'stop' } satisfies ToRpcWorker);
      }),
  };
}
