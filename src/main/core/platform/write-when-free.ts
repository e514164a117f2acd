import type Sqlite from 'better-sqlite3';

/**
 * Small writes that must not hold up the thread answering a ring. The cache has one write lock;
 * a background writer (an index built after a bootstrap, a purge slice, a sync page) holds it
 * for up to seconds at bench size, and a write on the core's connection then slept in SQLite's
 * busy handler — the core's whole thread with it, the ring's card included. Measured: during
 * the index rebuild the ring's `desk_calls` write waited up to 660 ms while the card's read
 * took milliseconds; during a sliced purge it waited 26–137 ms, in the busy handler's steps
 * (it sleeps 1, 2, 5 … 100 ms between tries, so a write slept on past a slice that had ended).
 *
 * A write here is tried at once without waiting for the lock. When the lock is taken it is kept
 * (a later write under the same key replaces it: the newest state of the same row) and tried
 * again every {@link RETRY_MS} ms from the event loop, all pending writes in one transaction,
 * in the order first asked for. Any error but a taken lock is thrown to the caller on the
 * first try, as before; inside the caller's own transaction a write runs there, as before.
 */
export interface WriteWhenFree {
  /** Runs `write` now, or as soon as the write lock is free; true when it ran now. */
  write(key: string, write: () => void): boolean;
  /** Runs what is pending now, waiting for the lock as any write does (its busy timeout). */
  flush(): void;
  /** Writes not yet run. */
  pending(): number;
  /** Settles once nothing is pending. */
  settled(): Promise<void>;
  /** Runs what is pending (waiting for the lock) and stops retrying. */
  close(): void;
}

const RETRY_MS = 2;

export function writeWhenFree(
  sqlite: Sqlite.Database,
  options: { log?: (message: string) => void } = {},
): WriteWhenFree {
  const log = options.log ?? ((message) => console.error(`[koe] ${message}`));
  const pending = new Map<string, () => void>();
  let retry: ReturnType<typeof setTimeout> | null = null;
  const waiters: (() => void)[] = [];
  let closed = false;

  const runPending = () => {
    sqlite
      .transaction(() => {
        for (const write of pending.values()) write();
      })
      .immediate();
    pending.clear();
    for (const settle of waiters.splice(0)) settle();
  };

  /** One try that does not wait for the lock: false when it is taken. */
  const tryNow = (): boolean => {
    const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      runPending();
      return true;
    } catch (error) {
      if (isLockTaken(error)) return false;
      throw error;
    } finally {
      sqlite.pragma(`busy_timeout = ${timeout}`);
    }
  };

  const schedule = () => {
    if (retry || closed) return;
    retry = setTimeout(() => {
      retry = null;
      if (pending.size === 0) return;
      try {
        if (!tryNow()) schedule();
      } catch (error) {
        // Not a taken lock: these rows cannot be written; the caller's memory keeps the state.
        log(`${pending.size} pending write(s) dropped: ${(error as Error).message}`);
        pending.clear();
        for (const settle of waiters.splice(0)) settle();
      }
    }, RETRY_MS);
  };

  return {
    write(key, write) {
      if (sqlite.inTransaction) {
        // The caller's transaction already waits for the lock: what is pending goes first.
        if (pending.size > 0) runPending();
        write();
        return true;
      }
      const replaced = pending.get(key);
      pending.set(key, write); // a replaced write keeps its place

      try {
        if (tryNow()) return true;
      } catch (error) {
        // This write changes nothing, as a failed write always did.
        if (replaced) pending.set(key, replaced);
        else pending.delete(key);
        throw error;
      }
      schedule();
      return false;
    },
    flush() {
      if (pending.size > 0) runPending();
    },
    pending: () => pending.size,
    settled: () =>
      pending.size === 0 ? Promise.resolve() : new Promise((settle) => waiters.push(settle)),
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      if (pending.size > 0) runPending();
    },
  };
}

function isLockTaken(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
