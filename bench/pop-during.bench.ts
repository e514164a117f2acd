import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/main/core/platform/connection';
import {
  startPredictionWorker,
  typescriptPredictionWorkerEntry,
} from '../src/main/core/predictions/prediction-worker-host';
import { fitRiskFromCache } from '../src/main/core/predictions/risk-fit';
import { startKoeCore, type KoeCore } from '../src/main/core/koe-core';
import { createReaderMethods } from '../src/main/core/reader/reader-methods';
import { startWorkerRpc } from '../src/main/core/platform/worker-rpc';
import { DEFAULT_DEMO_NOW } from '../src/shared/demo/generate-demo-records';
import { DEFAULT_RISK_THRESHOLDS } from '../src/shared/guidance/risk-thresholds';
import type { IpcEvents } from '../src/shared/ipc';
import { benchCacheFile } from './lib/bench-database';
import { figure, note, percentile, seededRandom, type Figure } from './lib/figures';
import type { PurgeWorkerMethods } from './lib/purge-worker';

/**
 * `pop_during_<operation>_p95`: a CTI ring posted to the core's bridge → its `calls:changed`
 * event carrying the caller's card, while a slow operation runs without pause, as a ratio to the
 * same rings on an idle desk (goal ≤ 2×). The operations run where the app runs them: the
 * outreach list, a large search and the customer count through the IPC router (the reader
 * worker), a retention purge on a worker thread like the sync worker's, a model fit and the
 * admin's fit of the risk weights on the prediction worker. `_on_core_thread` and `_one_transaction` are the same work as it ran before
 * (on the core's thread; one purge transaction), for comparison.
 *
 * Size: `KOE_BENCH_POP_CUSTOMERS` (20,000 by default, generated once into .data/; 1,000,000 uses
 * the bench-size cache: `npm run bench -- pop-during-1m`; `KOE_BENCH_POP_ONLY=purge,fit` picks
 * operations). The bench runs on a copy (a purge deletes).
 */
export async function benchPopDuring(customers = popBenchCustomers()): Promise<Figure[]> {
  const source = await benchCacheFile(customers);
  const dir = mkdtempSync(join(tmpdir(), 'koe-pop-during-'));
  const file = join(dir, 'cache.sqlite');
  note(`pop-during: copying the ${customers.toLocaleString()}-customer cache…`);
  copyFileSync(source, file);
  const callers = pickCallers(file, SAMPLES_IDLE + 20);
  const core = await startKoeCore({
    dataDir: dir,
    appVersion: 'bench',
    databaseFile: file,
    ctiPort: 0,
    // The fit is one of the operations below, on its own worker: not a second one here.
    predictions: false,
  });
  const rings = ringer(core, callers);
  const figures: Figure[] = [];
  try {
    await rings.sample(20); // warm-up: statements prepared, pages cached
    const idle = await rings.sample(SAMPLES_IDLE);
    const idleP95 = percentile(idle, 95);
    note(
      `pop-during: idle ring → card p50 ${percentile(idle, 50).toFixed(2)} ms, p95 ${idleP95.toFixed(2)} ms`,
    );
    figures.push(figure('pop_idle_p95', idleP95, 'ms', idleP95));

    // Each operation against idle rings taken just before it: on a shared machine the idle
    // figure drifts within a run, and a ratio compares like with like only over the same minute.
    const only = process.env.KOE_BENCH_POP_ONLY?.split(',');
    const during = async (name: string, operation: Operation) => {
      if (only && !only.includes(name)) return;
      const before = await rings.sample(SAMPLES_IDLE);
      const samples = await rings.during(operation, SAMPLES_DURING);
      note(
        `pop-during: ${name}: ${samples.length} rings over ${operation.runs()} runs (${operation.describe()}); p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)}, max ${(samples.at(-1) ?? 0).toFixed(1)}; idle just before p50 ${percentile(before, 50).toFixed(2)}, p95 ${percentile(before, 95).toFixed(2)}`,
      );
      for (const p of [50, 95]) {
        figures.push(
          figure(`pop_during_${name}_p${p}`, percentile(samples, p), 'ms', percentile(before, p)),
        );
      }
    };
    const router = (channel: string, input: object) =>
      repeat(async () => {
        const result = await core.router.handle(channel, input);
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      });
    await during('outreach_list', router('outreach:list', { limit: 50 }));
    await during('large_search', router('customers:search', { query: '佐藤', limit: 50 }));
    await during('customer_count', router('app:info', {}));
    // Before: the same outreach list read on the core's own thread.
    const onCoreThread = createReaderMethods(core.database.db, core.database.sqlite);
    await during(
      'outreach_list_on_core_thread',
      repeat(() =>
        onCoreThread.outreachList({ limit: 50, now: Date.now(), delivery: null, estimateAt: 0 }),
      ),
    );

    const fitter = startPredictionWorker(typescriptPredictionWorkerEntry, { dbFile: file });
    try {
      await during(
        'fit',
        repeat(() => fitter.refresh({ now: DEFAULT_DEMO_NOW.getTime(), force: true })),
      );
      // The admin's fit of the risk weights, on the prediction worker as the app runs it, and
      // before: on the core's own thread.
      const riskFit = { thresholds: DEFAULT_RISK_THRESHOLDS, now: DEFAULT_DEMO_NOW.getTime() };
      await during(
        'admin_fit',
        repeat(() => fitter.fitRisk(riskFit)),
      );
      await during(
        'admin_fit_on_core_thread',
        repeat(async () => fitRiskFromCache(core.database.sqlite, riskFit.thresholds, riskFit.now)),
      );
    } finally {
      await fitter.stop();
    }

    // A purge worker of its own for each: a purge still running when its rings end is ended
    // with its worker (its transaction rolls back) and does not spill into the next figure.
    const purge = async (name: string, method: keyof PurgeWorkerMethods, before: string) => {
      const purger = startWorkerRpc<PurgeWorkerMethods>(
        { typescriptSource: new URL('./lib/purge-worker.ts', import.meta.url).href },
        { filename: file },
        { name: 'bench purge', terminateWhenBusy: true },
      );
      try {
        await during(
          name,
          once(() => purger.call(method, before)),
        );
      } finally {
        await purger.stop();
      }
    };
    // The index rebuild after a bootstrap: the deferred indexes dropped first (unmeasured), then
    // built while the rings come in; as it was (one transaction) and as the app does it.
    const rebuild = async (
      name: string,
      method: 'rebuildIndexes' | 'rebuildIndexesOneTransaction',
    ) => {
      const worker = startWorkerRpc<PurgeWorkerMethods>(
        { typescriptSource: new URL('./lib/purge-worker.ts', import.meta.url).href },
        { filename: file },
        { name: 'bench index rebuild', terminateWhenBusy: true },
      );
      try {
        if (only && !only.includes(name)) return;
        await worker.call('deferIndexes', {});
        await during(
          name,
          once(() => worker.call(method, {})),
        );
      } finally {
        await worker.stop();
      }
    };
    await rebuild('index_rebuild_one_transaction', 'rebuildIndexesOneTransaction');
    await rebuild('index_rebuild', 'rebuildIndexes');

    // Two retention dates, so each purge finds history of its own to remove.
    await purge('purge_one_transaction', 'oneTransaction', PURGE_FIRST);
    await purge('purge', 'sliced', PURGE_SECOND);
    note(
      'pop-during: insights and exports are answered by the retailer (the desk only forwards the request and awaits it): no local work to measure on the desk',
    );
    return figures;
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SAMPLES_IDLE = Number(process.env.KOE_BENCH_POP_RINGS ?? 40);
const SAMPLES_DURING = Number(process.env.KOE_BENCH_POP_RINGS ?? 60);
/** History older than these dates is purged (the demo's clock is late November 2026). */
const PURGE_FIRST = '2025-03-01';
const ONCE_RINGING_MS = Number(process.env.KOE_BENCH_POP_ONCE_MS ?? 60_000);
const PURGE_SECOND = '2025-07-01';

export function popBenchCustomers(): number {
  return Number(process.env.KOE_BENCH_POP_CUSTOMERS ?? 20_000);
}

/**
 * Numbers with exactly one customer, spread over the table, as a CTI would send them; customers
 * with an order the purges keep, so every ring still finds its card.
 */
function pickCallers(file: string, count: number): string[] {
  const sqlite = openSqlite({ filename: file, readonly: true });
  try {
    const max = (sqlite.prepare('select max(local_id) m from customers').get() as { m: number }).m;
    const random = seededRandom(14);
    const byRowid = sqlite.prepare(
      `select p.e164 from customers c join customer_phones p on p.customer_id = c.id
        where c.local_id >= ?
          and exists (select 1 from orders o where o.customer_id = c.id and o.placed_at >= ?)
        limit 1`,
    );
    const owners = sqlite.prepare('select count(*) n from customer_phones where e164 = ?');
    const picked = new Set<string>();
    for (let tries = 0; picked.size < count && tries < count * 20; tries++) {
      const row = byRowid.get(Math.floor(random() * max), PURGE_SECOND) as
        { e164: string } | undefined;
      if (row && (owners.get(row.e164) as { n: number }).n === 1) picked.add(row.e164);
    }
    return [...picked];
  } finally {
    sqlite.close();
  }
}

interface Operation {
  /** True for an operation run again and again; false for a single run. */
  repeats: boolean;
  start(): void;
  /** Stops repeating; resolves when the run under way has finished. */
  stop(): Promise<void>;
  /** True while a run is under way (a single run: until it ends). */
  busy(): boolean;
  runs(): number;
  describe(): string;
}

/** Runs `work` again and again until stopped. */
function repeat(work: () => Promise<unknown>): Operation {
  let stopping = false;
  let runs = 0;
  let ms = 0;
  let loop: Promise<void> = Promise.resolve();
  return {
    repeats: true,
    start() {
      loop = (async () => {
        while (!stopping) {
          const started = performance.now();
          await work();
          ms += performance.now() - started;
          runs++;
          // The next request arrives as a message of its own, as the renderer's do: a loop of
          // promise callbacks alone would never let the event loop take a ring in.
          await new Promise((next) => setImmediate(next));
        }
      })();
    },
    stop: async () => {
      stopping = true;
      await loop;
    },
    busy: () => !stopping,
    runs: () => runs,
    describe: () => `${runs ? Math.round(ms / runs) : 0} ms each`,
  };
}

/** Runs `work` once; rings are sampled while it runs. */
function once(work: () => Promise<unknown>): Operation {
  let done = false;
  let ms = 0;
  let run: Promise<void> = Promise.resolve();
  return {
    repeats: false,
    start() {
      const started = performance.now();
      run = work().then((result) => {
        ms = performance.now() - started;
        done = true;
        note(`pop-during:   (run removed ${JSON.stringify(result)} rows)`);
      });
    },
    // Not awaited: at 1M a purge outlasts the rings by minutes; its worker is ended instead.
    stop: async () => void run.catch(() => undefined),
    busy: () => !done,
    runs: () => 1,
    describe: () => (done ? `${Math.round(ms)} ms` : 'still running when the rings ended'),
  };
}

/** Rings from the callers one after another, a few random milliseconds apart. */
function ringer(core: KoeCore, callers: readonly string[]) {
  const cti = core.cti;
  if (!cti) throw new Error('pop-during needs the CTI bridge');
  const waiting = new Map<string, () => void>();
  core.events.subscribe((event, payload) => {
    if (event !== 'calls:changed') return;
    const { call, cause, pop } = payload as IpcEvents['calls:changed'];
    if (cause === 'ringing' && !pop?.card) throw new Error(`ring ${call.callId}: no card`);
    waiting.get(`${call.callId}:${cause}`)?.();
  });
  const post = async (body: object, retry = true): Promise<void> => {
    const response = await fetch(`${cti.url}/v1/call-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cti.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch((error: unknown) => {
      // A kept-alive socket the bridge closed while its thread was held: the client's artifact,
      // sent again once on a new connection.
      if (retry) return null;
      throw error;
    });
    if (!response) return post(body, false);
    if (response.status !== 202)
      throw new Error(`CTI: ${response.status} ${await response.text()}`);
  };
  const event = (callId: string, cause: string) =>
    new Promise<void>((resolve) => waiting.set(`${callId}:${cause}`, resolve));
  const random = seededRandom(2026);
  let next = 0;
  const ringOnce = async (): Promise<number> => {
    const callId = `pop-${next}`;
    const ani = callers[next++ % callers.length] as string;
    const popped = event(callId, 'ringing');
    const started = process.hrtime.bigint();
    try {
      await post({ event: 'ringing', callId, ani });
    } catch (error) {
      // A ring the desk could not take (its write waited out the busy timeout): counted at the
      // time it took to fail, and said.
      note(`pop-during:   ring refused: ${(error as Error).message.slice(0, 120)}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    }
    await popped;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Never answered: the call ends as missed and the desk is free for the next ring.
    const ended = event(callId, 'ended');
    await post({ event: 'ended', callId });
    await ended;
    return ms;
  };
  const pause = () => new Promise((settle) => setTimeout(settle, Math.floor(random() * 25)));
  return {
    async sample(count: number): Promise<number[]> {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        samples.push(await ringOnce());
        await pause();
      }
      return samples.sort((a, b) => a - b);
    },
    /** Rings while the operation runs: `count` rings, or fewer when a single run ends first. */
    async during(operation: Operation, count: number): Promise<number[]> {
      operation.start();
      await new Promise((settle) => setTimeout(settle, 20)); // let it get under way
      const samples: number[] = [];
      // A single run (a purge) is rung through until it ends or for a minute, whichever is first:
      // its first seconds only read, and the rings must reach the slices that write.
      const until = performance.now() + ONCE_RINGING_MS;
      const more = () => (!operation.repeats ? performance.now() < until : samples.length < count);
      while (more() && operation.busy()) {
        samples.push(await ringOnce());
        await pause();
      }
      await operation.stop();
      return samples.sort((a, b) => a - b);
    },
  };
}
