import type Sqlite from 'better-sqlite3';
import type { VocRecord } from '../../../shared/domain/voc';
import {
  initialSyncStatus,
  type RefusedRecord,
  type SyncProblem,
  type SyncStatus,
} from '../../../shared/sync-status';
import { backoffDelayMs, pushOutbox } from './push-outbox';
import { pullChanges } from './pull-changes';
import { decodeRefusal } from './outbox-refusal';
import { type RetailerApi } from './retailer-api';
import { SyncError } from './sync-error';
import { defaultStreamTiming, reconnectDelayMs, type StreamTiming } from './stream-reconnect';
import { syncStateStore } from './sync-state';

export interface SyncEngineOptions {
  sqlite: Sqlite.Database;
  api: RetailerApi;
  onStatus: (status: SyncStatus) => void;
  /** A floor event on the live stream (alerts, agent states): passed on, not read here. */
  onFloorEvent?: (event: unknown) => void;
  /** A safety net: the live event stream normally triggers pulls within seconds. */
  pullIntervalMs?: number;
  pageSize?: number;
  /** Off in tests that drive cycles by hand. */
  listen?: boolean;
  /** When the live stream counts as dead and how fast it is tried again (tests: short). */
  stream?: Partial<StreamTiming>;
  /** The wait after a change notice, as a part of its spread (tests: fixed). */
  random?: () => number;
}

export interface SyncEngine {
  start(): void;
  /** Runs a cycle now (a wrap-up was saved, the agent asked, a change notice arrived). */
  syncNow(): Promise<void>;
  status(): SyncStatus;
  /** A sign-in was refused because the retailer revoked this desk: the engine stops as revoked. */
  signInRefused(error: SyncError): Promise<void>;
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
  const timing: StreamTiming = { ...defaultStreamTiming, ...options.stream };
  const listening = options.listen ?? true;
  const countOutbox = sqlite.prepare(`select state, count(*) as n from outbox group by state`);
  const refusedRows = sqlite.prepare(
    `select entity_id, payload, last_error from outbox
     where state = 'quarantined' and kind = 'voc_record' order by seq desc limit 50`,
  );
  let status: SyncStatus = {
    ...initialSyncStatus,
    stream: listening ? 'connecting' : 'off',
    lastSyncedAt: state.get('last_synced_at'),
  };
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  const listenAbort = new AbortController();
  /** Ends the stream's wait for its next attempt (set while it waits). */
  let wakeStream: (() => void) | null = null;
  /** The newest cursor a change notice announced (the next pull stops there), and its wait. */
  let announced: string | undefined;
  let noticeWait: NodeJS.Timeout | null = null;
  const random = options.random ?? Math.random;

  /**
   * A change notice: the cycle runs after a random part of the spread the server asked for, so
   * the thousands of desks told at once do not all pull at once (server/README.md, load test).
   * One wait at a time: a notice heard while waiting only moves the cursor it pulls to; heard
   * during a cycle, it runs the cycle again once that one ends, as before.
   */
  const changesAnnounced = (cursor: string, spreadMs: number) => {
    if (!announced || Number(cursor) > Number(announced)) announced = cursor;
    if (noticeWait || stopped) return;
    if (running) {
      void engine.syncNow();
      return;
    }
    noticeWait = setTimeout(() => {
      noticeWait = null;
      void engine.syncNow();
    }, random() * spreadMs);
    noticeWait.unref?.();
  };

  const publish = (change: Partial<SyncStatus>) => {
    const counts = new Map(
      (countOutbox.all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    status = {
      ...status,
      ...change,
      pendingOutbox: counts.get('pending') ?? 0,
      quarantined: counts.get('quarantined') ?? 0,
      refused: (counts.get('quarantined') ?? 0) > 0 ? readRefused() : [],
    };
    options.onStatus(status);
  };

  const readRefused = (): RefusedRecord[] =>
    (refusedRows.all() as { entity_id: string; payload: string; last_error: string | null }[]).map(
      (row) => {
        const record = JSON.parse(row.payload) as Pick<VocRecord, 'callId' | 'savedAt'>;
        return {
          vocId: row.entity_id,
          callId: record.callId ?? null,
          savedAt: record.savedAt,
          ...decodeRefusal(row.last_error),
        };
      },
    );

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
      // A bootstrap interrupted (the app closed, the network went) resumes as one: its
      // indexes are still deferred.
      const bootstrapping = state.get('cursor') === null || state.get('deferred_indexes') !== null;
      publish({
        phase: bootstrapping ? 'bootstrapping' : 'pulling',
        pulledRecords: 0,
        pullSpan: null,
      });
      let pulled = 0;
      // Where the pull starts (an upgraded desk may start over: pull-changes.ts).
      let fromCursor = 0;
      // Up to the notice this cycle answers; a cycle for anything else pulls to the head.
      const until = announced;
      announced = undefined;
      const startedAt = new Date().toISOString();
      await pullChanges(sqlite, api, {
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        ...(until ? { until } : {}),
        onStart: (cursor) => void (fromCursor = Number(cursor)),
        onPage: (page, applied) =>
          publish({
            pulledRecords: (pulled += applied),
            pullSpan: page.headCursor
              ? {
                  fromCursor,
                  cursor: Number(page.cursor),
                  headCursor: Number(page.headCursor),
                  startedAt,
                }
              : null,
          }),
      });
      failures = 0;
      publish({
        phase: 'idle',
        pullSpan: null,
        online: true,
        error: null,
        lastSyncedAt: state.get('last_synced_at'),
      });
      const untilRetry = pushed.retryAt ? Date.parse(pushed.retryAt) - Date.now() : pullInterval;
      schedule(Math.max(1_000, Math.min(pullInterval, untilRetry)));
    } catch (error) {
      failures++;
      const kind = error instanceof SyncError ? error.kind : 'internal';
      if (kind === 'device_revoked') return revoked(error);
      publish({
        phase: kind === 'unauthorized' ? 'signed_out' : 'idle',
        online: kind !== 'offline',
        error: problemOf(error),
      });
      const wait =
        error instanceof SyncError && error.retryAfterMs
          ? error.retryAfterMs
          : backoffDelayMs(failures);
      if (kind !== 'unauthorized') schedule(wait);
    }
  }

  let revokedOnce = false;
  /**
   * The retailer removed this desk: no more cycles nor stream. What the outbox holds goes first
   * (the retailer still takes a revoked desk's records), then the status says so and the core
   * erases the customer data.
   */
  async function revoked(error: unknown): Promise<void> {
    if (revokedOnce) return;
    revokedOnce = true;
    stopped = true;
    listenAbort.abort();
    if (timer) clearTimeout(timer);
    // Every pending record, those waiting out a backoff too: this is the desk's last chance.
    await pushOutbox(sqlite, api, () => new Date(Date.now() + 365 * 86_400_000)).catch(
      () => undefined,
    );
    publish({ phase: 'idle', stream: 'off', online: true, error: problemOf(error) });
  }

  /**
   * Keeps the live stream open: on every (re)connect it pulls once (changes made while it was
   * down were announced to nobody); when the server ends it, breaks it or goes silent, the
   * status says so and the next attempt waits with capped exponential backoff and jitter.
   */
  async function listenForChanges(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      let hintMs: number | null = null;
      let broken: unknown = null;
      try {
        ({ retryMs: hintMs } = await api.listen(
          {
            silenceTimeoutMs: timing.silenceTimeoutMs,
            onOpen: () => {
              failures = 0;
              // Changes made while the stream was down were announced to nobody: to the head.
              announced = undefined;
              publish({ stream: 'connected', nextAttemptAt: null });
              void engine.syncNow();
            },
            onChanges: changesAnnounced,
            onFloor: (event) => options.onFloorEvent?.(event),
          },
          listenAbort.signal,
        ));
      } catch (error) {
        broken = error;
      }
      if (broken instanceof SyncError && broken.kind === 'device_revoked') return revoked(broken);
      if (stopped) return;
      const wait = reconnectDelayMs(broken ? failures++ : 0, timing, hintMs);
      const offline =
        broken instanceof SyncError && (broken.kind === 'offline' || broken.kind === 'silent');
      publish({
        stream: 'reconnecting',
        nextAttemptAt: new Date(Date.now() + wait).toISOString(),
        ...(offline ? { online: false, error: problemOf(broken) } : {}),
      });
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          listenAbort.signal.removeEventListener('abort', wake);
          wakeStream = null;
          resolve();
        };
        wakeStream = wake;
        const timer = setTimeout(wake, wait);
        listenAbort.signal.addEventListener('abort', wake);
      });
    }
  }

  const engine: SyncEngine = {
    start() {
      void engine.syncNow();
      if (listening) void listenForChanges();
    },
    async syncNow() {
      if (stopped) return;
      // Asked to sync (the agent, a sign-in, a saved wrap-up): a stream waiting to reconnect
      // tries now too, rather than at the end of its backoff.
      wakeStream?.();
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
    async signInRefused(error) {
      if (error.kind === 'device_revoked') await revoked(error);
    },
    async stop() {
      stopped = true;
      listenAbort.abort();
      if (timer) clearTimeout(timer);
      if (noticeWait) clearTimeout(noticeWait);
      await running;
    },
  };
  return engine;
}

/** A failure as the status carries it: a code the UI words, and the technical detail. */
function problemOf(error: unknown): SyncProblem {
  const detail = (error as Error)?.message ?? String(error);
  if (!(error instanceof SyncError)) return { code: 'internal', detail };
  return {
    code: error.kind === 'silent' ? 'stream_silent' : error.kind,
    detail,
    ...(error.revocationReason ? { revocationReason: error.revocationReason } : {}),
  };
}
