/**
 * At most `limit` of one kind of work at a time in this process; the rest wait their turn in
 * arrival order. Pulls go through one: after a batch every desk pulls at once, and thousands of
 * pulls' queries queued in the database pool ahead of a VoC push made the agent's wrap-up wait
 * seconds. Gated, the pulls queue here and the pushes reach the pool at once.
 */
export function concurrencyGate(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
