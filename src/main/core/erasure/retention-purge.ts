import type Sqlite from 'better-sqlite3';
import {
  enableSearchIndexSecureDelete,
  scrubDeletedBytes,
  type ErasureCounts,
  type ScrubResult,
} from './local-erasure';
import { syncStateStore } from '../sync';
import {
  purgeBeforeInSlices,
  purgeInactiveInSlices,
  rewriteSearchIndexInSlices,
  type SliceOptions,
} from './sliced-purge';

/**
 * The retention window kept moving on the desk itself, online or not: the pull hands over the
 * retailer's window (its purge date and, from it, the number of days); from then on this timer
 * purges whatever falls out of it — the retailer's customer history and what the desk wrote
 * (acknowledged VoC records, refused outbox rows, audit rows, finished calls) — and scrubs the
 * bytes. A desk left offline for a week still forgets on time.
 */

export interface RetentionPurgeOptions {
  sqlite: Sqlite.Database;
  now?: () => number;
  /** Between two purges; 15 minutes by default. */
  intervalMs?: number;
  /** Before the first purge after start; a minute by default (the start itself stays quick). */
  firstDelayMs?: number;
  /**
   * The retailer's minimization (its data_protection policy): customers not active for this many
   * days are not kept on the desk. Null or absent: no such limit.
   */
  activeWithinDays?: () => number | null;
  /**
   * True while a call is on: a purge waits for it, and one under way stops at its next slice
   * (it runs on the thread that pops cards).
   */
  isBusy?: () => boolean;
  /** The slices' size and pause (tests). */
  slices?: Pick<SliceOptions, 'slice' | 'pause'>;
  onError?: (error: unknown) => void;
}

export interface RetentionPurgeRun {
  /** The cutoff purged to; null when no retention window is known yet. */
  before: string | null;
  counts: ErasureCounts | null;
  /** Customers dropped as inactive (the retailer's minimization). */
  inactiveCustomers: number;
  /** False when a call stopped it between two slices: the rest goes at the next run. */
  complete: boolean;
  /** Null when stopped before the scrub. */
  scrub: ScrubResult | null;
}

export interface RetentionPurge {
  /**
   * Purges in slices that yield, then scrubs (the timer's work; tests call it directly). A run
   * already under way is joined, not doubled.
   */
  runNow(): Promise<RetentionPurgeRun>;
  /** Runs again in a few seconds (a scrub a reader kept from finishing). */
  soon(): void;
  close(): void;
}

const DAY_MS = 86_400_000;

/** The window's start: the later of the retailer's last date and `days` before now. */
export function retentionCutoff(
  purgedBefore: string | null,
  retentionDays: number | null,
  nowMs: number,
): string | null {
  const moving =
    retentionDays !== null && retentionDays > 0
      ? new Date(nowMs - retentionDays * DAY_MS).toISOString().slice(0, 10)
      : null;
  if (purgedBefore === null) return moving;
  if (moving === null) return purgedBefore;
  return moving > purgedBefore ? moving : purgedBefore;
}

export function startRetentionPurge(options: RetentionPurgeOptions): RetentionPurge {
  const { sqlite } = options;
  const now = options.now ?? Date.now;
  const state = syncStateStore(sqlite);
  enableSearchIndexSecureDelete(sqlite);
  const clearRewrite = sqlite.prepare(
    `delete from sync_state where key = 'search_index_rewrite' and value = ?`,
  );
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let running: Promise<RetentionPurgeRun> | null = null;
  const sliceOptions: SliceOptions = {
    ...options.slices,
    shouldStop: () => closed || (options.isBusy?.() ?? false),
  };

  const purge = async (): Promise<RetentionPurgeRun> => {
    const days = state.get('retention_days');
    const before = retentionCutoff(
      state.get('purged_before'),
      days === null ? null : Number(days),
      now(),
    );
    let counts: ErasureCounts | null = null;
    if (before !== null) {
      const run = await purgeBeforeInSlices(sqlite, before, sliceOptions);
      counts = run.counts;
      // Only once every slice is in: a purge a call stopped runs again (it is idempotent).
      if (!run.complete)
        return { before, counts, inactiveCustomers: 0, complete: false, scrub: null };
      state.set('purged_before', before);
    }
    const activeDays = options.activeWithinDays?.() ?? null;
    let inactiveCustomers = 0;
    if (activeDays !== null && activeDays > 0) {
      const run = await purgeInactiveInSlices(
        sqlite,
        new Date(now() - activeDays * DAY_MS).toISOString(),
        sliceOptions,
      );
      inactiveCustomers = run.removed;
      if (!run.complete) return { before, counts, inactiveCustomers, complete: false, scrub: null };
    }
    // Removed customers' terms are still in the search index's pages until it is rewritten
    // (before the vacuum below, which would copy them). A removal made meanwhile (the sync
    // worker's) raises the counter again, and the next run rewrites again.
    const rewrite = state.get('search_index_rewrite');
    if (rewrite !== null) {
      const run = await rewriteSearchIndexInSlices(sqlite, sliceOptions);
      if (!run.complete) return { before, counts, inactiveCustomers, complete: false, scrub: null };
      clearRewrite.run(rewrite);
    }
    // A cache from before secure_delete still has old deleted bytes in its free space: the
    // first purge that finds free pages or deletes something rewrites the file, once (a
    // freshly built cache with nothing deleted is not rewritten for nothing). The mark is
    // written first, so the vacuum rewrites it with everything else and the log ends empty; a
    // vacuum that failed (another connection writing) is tried at the next run.
    const deleted =
      inactiveCustomers > 0 || (counts !== null && Object.values(counts).some((n) => n > 0));
    const freePages = sqlite.pragma('freelist_count', { simple: true }) as number;
    const vacuum = state.get('erasure_vacuumed') === null && (deleted || freePages > 0);
    if (vacuum) state.set('erasure_vacuumed', new Date(now()).toISOString());
    try {
      return {
        before,
        counts,
        inactiveCustomers,
        complete: true,
        scrub: scrubDeletedBytes(sqlite, { vacuum }),
      };
    } catch (error) {
      if (vacuum) state.delete('erasure_vacuumed');
      throw error;
    }
  };
  const runNow = () => (running ??= purge().finally(() => (running = null)));

  const schedule = (delay: number) => {
    if (closed) return;
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };
  const interval = options.intervalMs ?? 15 * 60_000;
  function tick() {
    timer = null;
    if (options.isBusy?.()) return schedule(Math.min(interval, 60_000));
    runNow().then(
      (run) =>
        // A call stopped it, or a reader held the log: again soon rather than in a quarter hour.
        schedule(run.complete && run.scrub?.complete ? interval : Math.min(interval, 10_000)),
      (error: unknown) => {
        options.onError?.(error);
        schedule(interval);
      },
    );
  }
  schedule(options.firstDelayMs ?? 60_000);

  return {
    runNow,
    soon() {
      if (timer) clearTimeout(timer);
      schedule(10_000);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
