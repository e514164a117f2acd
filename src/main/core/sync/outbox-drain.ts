import { backoffDelayMs } from './push-outbox';

const MAX_RETRY_MS = 30_000;

/**
 * How the desk's small outboxes (agent-state reports, floor alerts, the access audit) send what
 * they hold: the rows are written first, then drained in order by the outbox's own `drain`,
 * one drain at a time, with a backoff retry when the retailer cannot be reached.
 */
export interface OutboxDrain {
  /**
   * Drains now, resolving with how many rows the retailer took. One drain runs at a time: a
   * flush asked for during one runs a fresh drain after it (rows may have been recorded since),
   * so its answer is about the outbox as it is now. A drain that throws is logged, counts 0.
   */
  flush(): Promise<number>;
  /** Something new was recorded: a waiting retry is dropped and the drain runs at once. */
  kick(): void;
  /** A send failed after `attempts` earlier tries: drain again after a backoff (one wait). */
  retryLater(attempts: number): void;
  /** No drain starts after this; a waiting retry is dropped. */
  close(): void;
}

export function createOutboxDrain(options: {
  /** Sends what is waiting, in order; resolves with how many were taken. */
  drain(): Promise<number>;
  /** What the log says when a drain fails outright (e.g. "Sending alerts failed"). */
  failure: string;
  log(message: string, error?: unknown): void;
}): OutboxDrain {
  let running: Promise<number> | null = null;
  let queued: Promise<number> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const cancelRetry = () => {
    if (retry) clearTimeout(retry);
    retry = null;
  };

  function flush(): Promise<number> {
    if (closed) return Promise.resolve(0);
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return flush();
      });
      return queued;
    }
    running = options
      .drain()
      .catch((error: unknown) => {
        options.log(options.failure, error);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    flush,
    kick() {
      cancelRetry();
      void flush();
    },
    retryLater(attempts) {
      if (closed || retry) return;
      retry = setTimeout(
        () => {
          retry = null;
          void flush();
        },
        Math.min(MAX_RETRY_MS, backoffDelayMs(attempts)),
      );
      retry.unref?.();
    },
    close() {
      closed = true;
      cancelRetry();
    },
  };
}
