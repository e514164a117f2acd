/** What a periodic job answers: `stop` ends the interval and waits for a round under way. */
export interface PeriodicRounds {
  stop(): Promise<void>;
}

/** Where a failed round is told. */
export type RoundLog = (message: string, error?: unknown) => void;

const logToConsole: RoundLog = (message, error) => console.error(message, error ?? '');

/** How often to look: four times per period, at most every 5 s, at least every 20 ms. */
export function quarterOf(periodMs: number): number {
  return Math.max(20, Math.min(5_000, Math.round(periodMs / 4)));
}

/**
 * Runs `round` every `everyMs`, one round at a time: a tick that finds the last round still
 * running is skipped, so a slow database never piles rounds up. A failed round is logged as
 * `failure` and the next tick tries again. The timer does not keep the process alive.
 */
export function everyInterval(
  everyMs: number,
  round: () => Promise<void>,
  failure: string,
  log: RoundLog = logToConsole,
): PeriodicRounds {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = round()
      .catch((error: unknown) => log(failure, error))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
