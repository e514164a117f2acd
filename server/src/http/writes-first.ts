import { concurrencyGate } from './concurrency-gate';

/**
 * In one server process, writes (a VoC push, a data batch) go before pulls. Pulls are a closed
 * loop — every desk pulls after every batch — and on a busy event loop each round trip of a
 * push waited behind the pulls' work (issue #15's load test). So while a write is being handled
 * no pull starts, except one when a pull has waited and the pulls have had no turn for
 * `patienceMs`: a steady stream of pushes never starves the desks of their data. With no write, `pullsAtATime` pulls run at
 * once (the rest wait in arrival order, outside the database pool).
 */
export function writesFirst(options: {
  pullsAtATime: number;
  patienceMs: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  let writing = 0;
  let lastPullStarted = -Infinity;
  // When each waiting pull arrived, oldest first (the gate starts them in arrival order).
  const arrivals: number[] = [];
  const gate = concurrencyGate(() => {
    if (writing === 0) return options.pullsAtATime;
    const oldest = arrivals[0];
    const turnless = oldest === undefined ? 0 : now() - Math.max(oldest, lastPullStarted);
    return turnless >= options.patienceMs ? 1 : 0;
  });
  return {
    pull<T>(work: () => Promise<T>): Promise<T> {
      arrivals.push(now());
      return gate(() => {
        arrivals.shift();
        lastPullStarted = now();
        return work();
      });
    },
    async write<T>(work: () => Promise<T>): Promise<T> {
      writing++;
      try {
        return await work();
      } finally {
        writing--;
        // The waiting pulls are looked at again at each write's end (a timer would wake a busy
        // loop for nothing): with none left, they start; otherwise one if they waited too long.
        gate.admit();
      }
    },
  };
}
