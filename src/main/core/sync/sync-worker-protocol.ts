import type { Session } from '../../../shared/protocol/auth';
import type { SyncStatus } from '../../../shared/sync-status';
import type { WorkerEntry } from '../platform/worker-entry';
import type { StreamTiming } from './stream-reconnect';

/** Messages between the thread that answers the UI and the sync worker. */
export interface SyncWorkerConfig {
  dbFile: string;
  nativeBinding?: string;
  /** The cache's data key (see OpenDatabaseOptions.key); never written anywhere by the worker. */
  cacheKey?: Uint8Array;
  baseUrl: string;
  /** This desk's id and Koe version, sent with every request to the retailer. */
  desk?: { id: string; version: string };
  session: Session | null;
  pullIntervalMs?: number;
  pageSize?: number;
  stream?: Partial<StreamTiming>;
  /** Where the page decoder's code is: beside the sync worker's (see sync-worker-host.ts). */
  pageDecoderEntry: WorkerEntry;
}

export type ToSyncWorker =
  | { type: 'start'; config: SyncWorkerConfig }
  | { type: 'syncNow' }
  | { type: 'signIn'; email: string; password: string }
  | { type: 'stop' };

export type FromSyncWorker =
  | { type: 'status'; status: SyncStatus }
  /** The session changed (signed in, refreshed, cleared): the host persists it securely. */
  | { type: 'session'; session: Session | null }
  | { type: 'signInResult'; ok: boolean; message?: string }
  /** A floor event on the live stream (an alert's stage, an agent's state), as the server sent it. */
  | { type: 'floor'; event: unknown }
  | { type: 'stopped' };
