import { readFileSync } from 'node:fs';
import pg from 'pg';
import { histogramMean, histogramPercentile, histogramWindow } from './histogram';
import type { ProbeLine } from './server-probe';

/**
 * What the probes saw in the hold window, one process at a time: the event loop's utilisation
 * and delay, and per route the requests' time on the server split into pool wait, statements,
 * commit, notice and the rest (CPU and the event loop's queue), as means, with the total's p50
 * and p99.
 */
export function probeReport(file: string, from: number, to: number): string[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProbeLine);
  const before = lines.filter((l) => l.at <= from).at(-1);
  const window = lines.filter((l) => l.at > from && l.at <= to);
  const last = window.at(-1);
  if (!last) return ['no probe lines in the hold'];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const out = [
    `event loop utilisation ${(100 * mean(window.map((l) => l.elu))).toFixed(0)} % ` +
      `(seconds above 90 %: ${window.filter((l) => l.elu > 0.9).length}/${window.length}), ` +
      `loop delay p99 per second: median ${median(window.map((l) => l.loopDelayP99Ms)).toFixed(0)} ms, ` +
      `max ${Math.max(...window.map((l) => l.loopDelayP99Ms)).toFixed(0)} ms; ` +
      `requests waiting for a connection: mean ${mean(window.map((l) => l.poolWaiting)).toFixed(1)}, ` +
      `max ${Math.max(...window.map((l) => l.poolWaiting))}`,
  ];
  const bgPool = histogramWindow(last.background.pool, before?.background.pool);
  const bgSql = histogramWindow(last.background.sql, before?.background.sql);
  out.push(
    `  outside requests (timers, workers): ${bgPool.count} connections, pool wait mean ` +
      `${histogramMean(bgPool).toFixed(1)} ms p99 ${histogramPercentile(bgPool, 99).toFixed(0)} ms; ` +
      `${bgSql.count} statements, mean ${histogramMean(bgSql).toFixed(1)} ms`,
  );
  for (const [route, h] of Object.entries(last.routes)) {
    const w = Object.fromEntries(
      Object.entries(h).map(([k, v]) => [
        k,
        histogramWindow(v, before?.routes[route]?.[k as keyof typeof h]),
      ]),
    ) as Record<keyof typeof h, ReturnType<typeof histogramWindow>>;
    if (w.total.count === 0) continue;
    const m = (k: keyof typeof h) => histogramMean(w[k]);
    const cpu = m('total') - m('pool') - m('sql') - m('commit') - m('notify');
    out.push(
      `  ${route}: ${w.total.count} requests, p50 ${histogramPercentile(w.total, 50).toFixed(0)} ms ` +
        `p99 ${histogramPercentile(w.total, 99).toFixed(0)} ms; mean ${m('total').toFixed(1)} ms = ` +
        `pool wait ${m('pool').toFixed(1)} + statements ${m('sql').toFixed(1)} ` +
        `(${m('statements').toFixed(1)} a request) + commit ${m('commit').toFixed(1)} + ` +
        `notice ${m('notify').toFixed(1)} + CPU and queue ${cpu.toFixed(1)}`,
    );
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/**
 * PostgreSQL's side while the desks are held: every 200 ms, what each of the run's connections
 * is doing (`pg_stat_activity`: active, idle, idle in transaction; the wait event of those
 * waiting) and the locks not granted (`pg_locks`), counted over the window.
 */
export function sampleDatabaseWaits(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const states = new Map<string, number>();
  const lockWaits = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const running = (async () => {
    await client.connect();
    while (!stopped) {
      const activity = await client.query<{ state: string | null; wait: string | null }>(
        `select state, wait_event_type || ':' || wait_event as wait from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      for (const row of activity.rows) {
        const key = `${row.state ?? 'none'}${row.wait && row.state !== 'idle' ? ` (${row.wait})` : ''}`;
        states.set(key, (states.get(key) ?? 0) + 1);
      }
      const locks = await client.query<{ what: string }>(
        `select l.locktype || ' ' || l.mode || coalesce(' on ' || c.relname, '') as what
           from pg_locks l left join pg_class c on c.oid = l.relation
          where not l.granted and l.database = (select oid from pg_database where datname = current_database())
             or not l.granted and l.locktype = 'transactionid'`,
      );
      for (const row of locks.rows) lockWaits.set(row.what, (lockWaits.get(row.what) ?? 0) + 1);
      samples++;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop(): Promise<string[]> {
      stopped = true;
      await running.catch(() => {});
      await client.end().catch(() => {});
      const per = (n: number) => (n / Math.max(1, samples)).toFixed(2);
      return [
        `PostgreSQL, ${samples} samples of pg_stat_activity (mean connections in each state):`,
        ...[...states].sort((a, b) => b[1] - a[1]).map(([state, n]) => `  ${state}: ${per(n)}`),
        `locks not granted (mean per sample): ${
          lockWaits.size === 0
            ? 'none'
            : [...lockWaits].map(([what, n]) => `${what} ${per(n)}`).join('; ')
        }`,
      ];
    },
  };
}
