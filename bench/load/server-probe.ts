import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { join } from 'node:path';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { Histogram, type HistogramJson } from './histogram';

/**
 * `npm run server` with a probe (`KOE_LOAD_PROBE=1 npm run load`): the load test starts each
 * server process through this file, which times every request from the outside, leaving the
 * server's code as it is. Each second it appends one JSON line to KOE_LOAD_PROBE_FILE: the event
 * loop's utilisation and delay over that second, and cumulative histograms per route of the
 * request's time on the server split into its parts:
 *
 * - `pool`: waiting for a PostgreSQL connection from the process's pool,
 * - `sql`: statements on a connection (the round trip and the database's work), `commit` apart,
 * - `notify`: the live notice (`pg_notify`, the fan-out's start) after the commit,
 * - `cpu`: the rest — body parse, validation, JSON, the event loop's queue.
 *
 * The load generator reads the lines of its hold window (probe-report.ts).
 */
interface RequestTimes {
  pool: number;
  sql: number;
  commit: number;
  notify: number;
  statements: number;
}

export interface ProbeLine {
  at: number;
  elu: number;
  loopDelayP99Ms: number;
  routes: Record<string, Record<keyof RequestTimes | 'total', HistogramJson>>;
  /** Pool waits of work outside any request (presence timers, workers). */
  background: { pool: HistogramJson; sql: HistogramJson };
  poolWaiting: number;
}

const file = process.env.KOE_LOAD_PROBE_FILE;
if (!file) throw new Error('KOE_LOAD_PROBE_FILE names where the probe writes');

const current = new AsyncLocalStorage<RequestTimes>();
const routes = new Map<string, Record<keyof RequestTimes | 'total', Histogram>>();
const background = { pool: new Histogram(), sql: new Histogram() };
const pools = new Set<pg.Pool>();

const routeOf = (method: string, url: string) => {
  const path = url.split('?')[0]!.replace(/\/[0-9a-f-]{16,}(?=\/|$)/g, '/:id');
  return `${method} ${path}`;
};

// Every request runs in a context of its own, which the pool and statement timers add to.
const emit = http.Server.prototype.emit as (this: http.Server, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event !== 'request') return emit.call(this, event, ...args);
  const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
  const times: RequestTimes = { pool: 0, sql: 0, commit: 0, notify: 0, statements: 0 };
  const started = performance.now();
  const route = routeOf(req.method ?? 'GET', req.url ?? '/');
  // The event stream stays open for the whole run: its time is no request's latency, and what
  // its timers do (the desk's presence reports) counts as work outside requests.
  if (route === 'GET /v1/events') return emit.call(this, event, ...args);
  res.once('finish', () => {
    const total = performance.now() - started;
    let h = routes.get(route);
    if (!h) {
      h = {
        total: new Histogram(),
        pool: new Histogram(),
        sql: new Histogram(),
        commit: new Histogram(),
        notify: new Histogram(),
        statements: new Histogram(),
      };
      routes.set(route, h);
    }
    h.total.add(total);
    h.pool.add(times.pool);
    h.sql.add(times.sql);
    h.commit.add(times.commit);
    h.notify.add(times.notify);
    h.statements.add(times.statements);
  });
  return current.run(times, () => emit.call(this, event, ...args));
} as typeof http.Server.prototype.emit;

const connect = pg.Pool.prototype.connect as (this: pg.Pool, ...args: unknown[]) => unknown;
pg.Pool.prototype.connect = function (this: pg.Pool, ...args: unknown[]) {
  pools.add(this);
  const times = current.getStore();
  const started = performance.now();
  const done = () => {
    const ms = performance.now() - started;
    if (times) times.pool += ms;
    else background.pool.add(ms);
  };
  if (typeof args[0] === 'function') {
    const callback = args[0] as (...a: unknown[]) => void;
    const wrapped = (...a: unknown[]) => {
      done();
      callback(...a);
    };
    return connect.call(this, wrapped as never);
  }
  const connected = connect.call(this) as Promise<pg.PoolClient>;
  return connected.then((client) => {
    done();
    return client;
  });
} as typeof pg.Pool.prototype.connect;

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
  const times = current.getStore();
  const started = performance.now();
  const done = () => {
    const ms = performance.now() - started;
    if (!times) return void background.sql.add(ms);
    times.statements++;
    if (/^\s*commit/i.test(text ?? '')) times.commit += ms;
    else if (/pg_notify/.test(text ?? '')) times.notify += ms;
    else times.sql += ms;
  };
  const last = args.at(-1);
  if (typeof last === 'function') {
    args[args.length - 1] = (...a: unknown[]) => {
      done();
      (last as (...b: unknown[]) => void)(...a);
    };
    return query.apply(this, args as never);
  }
  const result = query.apply(this, args as never) as unknown;
  if (result && typeof (result as Promise<unknown>).then === 'function')
    return (result as Promise<unknown>).finally(done);
  return result;
} as typeof pg.Client.prototype.query;

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let lastElu = performance.eventLoopUtilization();
setInterval(() => {
  const elu = performance.eventLoopUtilization(lastElu);
  lastElu = performance.eventLoopUtilization();
  const line: ProbeLine = {
    at: Date.now(),
    elu: elu.utilization,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    routes: Object.fromEntries(
      [...routes].map(([route, h]) => [
        route,
        Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.toJSON()])) as Record<
          keyof RequestTimes | 'total',
          HistogramJson
        >,
      ]),
    ),
    background: { pool: background.pool.toJSON(), sql: background.sql.toJSON() },
    poolWaiting: [...pools].reduce((n, p) => n + p.waitingCount, 0),
  };
  delay.reset();
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}, 1_000).unref();

// A CPU profile of the hold (KOE_LOAD_PROBE_PROFILE=<folder>): the load generator sends SIGUSR2
// when the hold starts; the profile covers the next 30 s (open it in Chrome's DevTools).
const profileDir = process.env.KOE_LOAD_PROBE_PROFILE;
process.on('SIGUSR2', () => {
  if (profileDir) {
    const session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable', () =>
      session.post('Profiler.start', () =>
        setTimeout(
          () =>
            session.post('Profiler.stop', (error, result) => {
              if (!error)
                writeFileSync(
                  join(profileDir, `server-${process.pid}.cpuprofile`),
                  JSON.stringify(result.profile),
                );
              session.disconnect();
            }),
          30_000,
        ),
      ),
    );
  }
});

await import('../../server/src/main');
