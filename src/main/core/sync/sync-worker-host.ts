import { Worker } from 'node:worker_threads';
import type { Session } from '../../../shared/protocol/auth';
import { initialSyncStatus, type SyncStatus } from '../../../shared/sync-status';
import type { SessionStore } from './retailer-api';
import type { FromSyncWorker, SyncWorkerConfig, ToSyncWorker } from './sync-worker-protocol';

/**
 * How to start the worker's code: the bundled `out/main/sync-worker.js` in the Electron app,
 * or the TypeScript source through tsx under plain Node (tests, the browser harness).
 */
export type SyncWorkerEntry = { file: string } | { typescriptSource: URL };

export const typescriptSyncWorkerEntry: SyncWorkerEntry = {
  typescriptSource: new URL('./sync-worker.ts', import.meta.url),
};

function spawnWorker(entry: SyncWorkerEntry): Worker {
  if ('file' in entry) return new Worker(entry.file);
  // Node 20 does not carry `--import tsx` into worker threads; tsx's API loads the source.
  const source = JSON.stringify(entry.typescriptSource.href);
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${source}, ${source}))`,
    {
      eval: true,
    },
  );
}

export interface SyncWorkerHandle {
  status(): SyncStatus;
  syncNow(): void;
  signIn(email: string, password: string): Promise<{ ok: boolean; message?: string }>;
  stop(): Promise<void>;
}

export function startSyncWorker(options: {
  entry: SyncWorkerEntry;
  config: Omit<SyncWorkerConfig, 'session'>;
  sessions: SessionStore;
  onStatus: (status: SyncStatus) => void;
}): SyncWorkerHandle {
  const worker = spawnWorker(options.entry);
  let status: SyncStatus = initialSyncStatus;
  const signIns: ((r: { ok: boolean; message?: string }) => void)[] = [];
  let stopped: (() => void) | null = null;
  const send = (message: ToSyncWorker) => worker.postMessage(message);

  worker.on('message', (message: FromSyncWorker) => {
    switch (message.type) {
      case 'status':
        status = message.status;
        options.onStatus(status);
        break;
      case 'session':
        if (message.session) options.sessions.save(message.session as Session);
        else options.sessions.clear();
        break;
      case 'signInResult':
        signIns.shift()?.({
          ok: message.ok,
          ...(message.message ? { message: message.message } : {}),
        });
        break;
      case 'stopped':
        stopped?.();
        break;
    }
  });
  worker.on('error', (error) => {
    status = { ...status, online: false, error: `Sync stopped: ${error.message}` };
    options.onStatus(status);
  });
  send({ type: 'start', config: { ...options.config, session: options.sessions.load() } });

  return {
    status: () => status,
    syncNow: () => send({ type: 'syncNow' }),
    signIn: (email, password) =>
      new Promise((resolve) => {
        signIns.push(resolve);
        send({ type: 'signIn', email, password });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 5_000);
        stopped = () => {
          clearTimeout(timeout);
          resolve();
        };
        send({ type: 'stop' });
      }),
  };
}
