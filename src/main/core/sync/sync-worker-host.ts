import { dirname, join } from 'node:path';
import type { Session } from '../../../shared/protocol/auth';
import { initialSyncStatus, type SyncStatus } from '../../../shared/sync-status';
import { spawnWorker, type WorkerEntry } from '../platform/worker-entry';
import { typescriptPageDecoderEntry } from './page-decoder';
import type { SessionStore } from './retailer-api';
import type { FromSyncWorker, SyncWorkerConfig, ToSyncWorker } from './sync-worker-protocol';

export const typescriptSyncWorkerEntry: WorkerEntry = {
  typescriptSource: new URL('./sync-worker.ts', import.meta.url).href,
};

/** The page decoder bundled beside the sync worker by electron-vite, or its TypeScript source. */
function pageDecoderBeside(entry: WorkerEntry): WorkerEntry {
  return 'file' in entry
    ? { file: join(dirname(entry.file), 'page-decoder-worker.js') }
    : typescriptPageDecoderEntry;
}

export interface SyncWorkerHandle {
  status(): SyncStatus;
  syncNow(): void;
  signIn(email: string, password: string): Promise<{ ok: boolean; message?: string }>;
  stop(): Promise<void>;
}

export function startSyncWorker(options: {
  entry: WorkerEntry;
  config: Omit<SyncWorkerConfig, 'session' | 'pageDecoderEntry'>;
  sessions: SessionStore;
  onStatus: (status: SyncStatus) => void;
  /** A floor event heard on the live stream (validated by whoever handles it). */
  onFloorEvent?: (event: unknown) => void;
}): SyncWorkerHandle {
  const worker = spawnWorker(options.entry);
  let status: SyncStatus = initialSyncStatus;
  const signIns: ((r: { ok: boolean; message?: string }) => void)[] = [];
  let stopped: (() => void) | null = null;
  const send = (message: ToSyncWorker) => worker.postMessage(message);

  let stopping: Promise<void> | null = null;
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
      case 'floor':
        options.onFloorEvent?.(message.event);
        break;
      case 'stopped':
        stopped?.();
        break;
    }
  });
  worker.on('error', (error) => {
    status = {
      ...status,
      online: false,
      stream: 'reconnecting',
      error: { code: 'internal', detail: `Sync stopped: ${error.message}` },
    };
    options.onStatus(status);
  });
  send({
    type: 'start',
    config: {
      ...options.config,
      session: options.sessions.load(),
      pageDecoderEntry: pageDecoderBeside(options.entry),
    },
  });

  return {
    status: () => status,
    syncNow: () => send({ type: 'syncNow' }),
    signIn: (email, password) =>
      new Promise((resolve) => {
        signIns.push(resolve);
        send({ type: 'signIn', email, password });
      }),
    // Once: a revoked desk stops its sync before the app closes, and a second stop would wait
    // for an answer the ended worker never sends.
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 5_000);
        stopped = () => {
          clearTimeout(timeout);
          resolve();
        };
        send({ type: 'stop' });
      })),
  };
}
