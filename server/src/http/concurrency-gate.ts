/**
 * At most `limit` of one kind of work at a time in this process; the rest wait their turn in
 * arrival order. Pulls go through one: after a batch every desk pulls at once, and thousands of
 * pulls' queries queued in the database pool ahead of a VoC push made the agent's wrap-up wait
 * seconds. Gated, the pulls queue here and the pushes reach the pool at once.
 *
 * The limit may be a function, read at each admission: the pulls' gate narrows while a write is
 * being stored (writes-first.ts), and `admit()` lets waiting work in once it widens again.
 */
export function concurrencyGate(limit: number | (() => number)) {
  const limitNow = typeof limit === 'number' ? () => limit : limit;
  let running = 0;
  const waiting: (() => void)[] = [];
  const admit = () => {
    while (waiting.length > 0 && running < limitNow()) {
      running++;
      waiting.shift()!();
    }
  };
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limitNow() || waiting.length > 0) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else running++;
    try {
      return await work();
    } finally {
      running--;
      admit();
    }
  };
  return Object.assign(run, { admit });
}
