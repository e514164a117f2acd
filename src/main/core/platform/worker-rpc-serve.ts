import { parentPort } from 'node:worker_threads';
import { AppError } from './errors';
import type { FromRpcWorker, ToRpcWorker, WorkerMethods } from './worker-rpc';

/**
 * The worker's side of `startWorkerRpc`: answers each call with its method's result (awaited),
 * or its error (an AppError keeps its code). A worker holds one SQLite connection, so its
 * synchronous reads run one after the other on its own thread, never on the core's.
 */
export function serveWorkerRpc(
  methods: WorkerMethods,
  options: { name: string; onStop?: () => void | Promise<void> },
): void {
  const port = parentPort;
  if (!port) throw new Error(`${options.name} must run in a worker thread`);
  const post = (message: FromRpcWorker) => port.postMessage(message);
  port.on('message', async (message: ToRpcWorker) => {
    if (message.type === 'stop') {
      await options.onStop?.();
      post({ type: 'stopped' });
      port.close();
      return;
    }
    const method = methods[message.method];
    try {
      if (!method) throw new Error(`The ${options.name} has no method ${message.method}`);
      post({ type: 'result', id: message.id, value: await method(message.input) });
    } catch (error) {
      post({
        type: 'failed',
        id: message.id,
        message: (error as Error).message,
        ...(error instanceof AppError ? { code: error.code } : {}),
      });
    }
  });
}
