import type Sqlite from 'better-sqlite3';
import { initialSyncStatus, type SyncStatus } from '../../../shared/sync-status';
import { backoffDelayMs, pushOutbox } from './push-outbox';
import { pullChanges } from './pull-changes';
import { type RetailerApi } from './retailer-api';
import { SyncError } from './sync-error';
import { syncStateStore } from './sync-state';

export interface SyncEngineOptions {
  sqlite: Sqlite.Database;
  api: RetailerApi;
  onStatus: (status: SyncStatus) => void;
  /** A safety net: the live event stream normally triggers pulls within seconds. */
  pullIntervalMs?: number;
  pageSize?: number;
  /** Off in tests that drive cycles by hand. */
  listen?: boolean;
}

export interface SyncEngine {
  start(): void;
  /** Runs a cycle now (a wrap-up was saved, the agent asked, a change notice arrived). */
  syncNow(): Promise<void>;
  status(): SyncStatus;
  stop(): Promise<void>;
}

/**
 * Push the outbox, then pull: one cycle at a time, again on a timer, on each live change
 * notice and on demand. Failures never lose anything — the outbox and the cursor live in the
 * database — they only change the status and when the next cycle runs.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { sqlite, api } = options;
  const pullInterval = options.pullIntervalMs ?? 60_000;
  const state = syncStateStore(sqlite);
  const countOutbox = sqlite.prepare(`select state, count(*) as n from outbox group by state`);
  let status: SyncStatus = { ...initialSyncStatus, lastSyncedAt: state.get('last_synced_at') };
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  const listenAbort = new AbortController();

  const publish = (change: Partial<SyncStatus>) => {
    const counts = new Map(
      (countOutbox.all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    status = {
      ...status,
      ...change,
      pendingOutbox: counts.get('pending') ?? 0,
      quarantined: counts.get('quarantined') ?? 0,
    };
    options.onStatus(status);
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void engine.syncNow(), delayMs);
    timer.unref?.();
  };

  async function cycle(): Promise<void> {
    try {
      publish({ phase: 'pushing' });
      const pushed = await pushOutbox(sqlite, api);
      publish({
        phase: state.get('cursor') === null ? 'bootstrapping' : 'pulling',
        pulledRecords: 0,
      });
      let pulled = 0;
      await pullChanges(sqlite, api, {
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        onPage: (_page, applied) => publish({ pulledRecords: (pulled += applied) }),
      });
      failures = 0;
      publish({
        phase: 'idle',
        online: true,
        error: null,
        lastSyncedAt: state.get('last_synced_at'),
      });
      const untilRetry = pushed.retryAt ? Date.parse(pushed.retryAt) - Date.now() : pullInterval;
      schedule(Math.max(1_000, Math.min(pullInterval, untilRetry)));
    } catch (error) {
      failures++;
      const kind = error instanceof SyncError ? error.kind : 'internal';
      publish({
        phase: kind === 'unauthorized' ? 'signed_out' : 'idle',
        online: kind !== 'offline',
        error: (error as Error).message,
      });
      const wait =
        error instanceof SyncError && error.retryAfterMs
          ? error.retryAfterMs
          : backoffDelayMs(failures);
      if (kind !== 'unauthorized') schedule(wait);
    }
  }

  async function listenForChanges(): Promise<void> {
    while (!stopped) {
      try {
        await api.listen(() => void engine.syncNow(), listenAbort.signal);
      } catch {
        // Offline or signed out: the timer keeps syncing; try the stream again shortly.
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 5_000).unref?.());
    }
  }

  const engine: SyncEngine = {
    start() {
      void engine.syncNow();
      if (options.listen ?? true) void listenForChanges();
    },
    async syncNow() {
      if (stopped) return;
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await cycle();
        } while (again && !stopped);
      })().finally(() => (running = null));
      return running;
    },
    status: () => status,
    async stop() {
      stopped = true;
      listenAbort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
  return engine;
}
