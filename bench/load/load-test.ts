import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyChanges, latestSequence } from '../../server/src/data/change-log';
import { openServerStore } from '../../server/src/db/connect';
import { createTenant, type SeedUser } from '../../server/src/seed';
import { session } from '../../src/shared/protocol/auth';
import type { RetailerRecord } from '../../src/shared/protocol/records';
import { PULL_CURSOR_HEADER, PULL_HAS_MORE_HEADER } from '../../src/shared/protocol/sync';
import type { VocRecord } from '../../src/shared/domain/voc';
import { APP_VERSION_HEADER, DESK_ID_HEADER } from '../../src/shared/protocol/update-feed';
import { customerRecord, vocFor } from '../../tests/fixtures/retailer-records';
import { createPostgresDatabase } from '../../tests/fixtures/test-server';
import { figure, note, percentile, seededRandom, type Figure } from '../lib/figures';
import { explainIngest } from './explain-ingest';
import { probeReport, sampleDatabaseWaits } from './probe-report';

/**
 * The retailer API under a contact center's day, on loopback and PostgreSQL: two server
 * processes (`npm run server`, as a load balancer would have them) over one database; simulated
 * desks of several centers each sign in, bootstrap a share of a large tenant, keep the event
 * stream open, pull the changes it announces, and push a VoC record per call at a call rate,
 * while the retailer's order system pushes data batches back to back. Afterwards the same rows
 * are written and read by raw SQL on the same database, for the ratios.
 */
export interface LoadOptions {
  desks: number;
  centers: number;
  /** Customers in the tenant before the desks start. */
  customers: number;
  /** Rows of it each desk bootstraps (its share), in pages of `pageSize`. */
  bootstrapRows: number;
  pageSize: number;
  /** Seconds between two calls (VoC records) of one desk, on average. */
  callSeconds: number;
  /** Rows per order-system batch. */
  batchRows: number;
  /** How long every desk is held, streams open, after the last one is ready. */
  holdSeconds: number;
  /** Sign-ins at a time (each costs the server an scrypt hash). */
  signInConcurrency: number;
  /**
   * The servers' access-token lifetime (KOE_ACCESS_TOKEN_SECONDS; 15 minutes when unset): a
   * desk refreshes its token as the real one does, on a 401 and when its stream says `expired`.
   */
  accessTokenSeconds?: number;
  /** PostgreSQL to create the run's own database from (KOE_TEST_DATABASE_URL). */
  databaseUrl: string;
  /**
   * Start the servers through the probe (server-probe.ts) and sample PostgreSQL while the desks
   * are held: where each request's time goes, printed on stderr (KOE_LOAD_PROBE=1).
   */
  probe?: boolean;
  log?: (message: string) => void;
}

export const SMALL_LOAD: Omit<LoadOptions, 'databaseUrl'> = {
  desks: 24,
  centers: 3,
  customers: 600,
  bootstrapRows: 400,
  pageSize: 200,
  callSeconds: 1,
  batchRows: 100,
  holdSeconds: 4,
  signInConcurrency: 8,
};

export const FULL_LOAD: Omit<LoadOptions, 'databaseUrl'> = {
  desks: 2_000,
  centers: 10,
  customers: 20_000,
  bootstrapRows: 1_000,
  pageSize: 500,
  // One call every three minutes per desk, a busy inbound shift.
  callSeconds: 180,
  batchRows: 500,
  holdSeconds: 60,
  signInConcurrency: 16,
};

export interface LoadResult {
  figures: Figure[];
  desks: number;
  held: number;
  vocAccepted: number;
  vocRefused: number;
  /** Access tokens the desks traded their refresh tokens for (after a 401 or `expired`). */
  tokenRefreshes: number;
  errors: string[];
  rampSeconds: number;
}

const PASSWORD = 'load test password';
const TENANT = 'load-retailer';

/**
 * Linux's counts of connections dropped because a listening socket's queue was full, and of SYNs
 * sent again (a dropped connection is tried again after 1, 3, 7, 15 s: whole seconds in a
 * request's latency that no timer inside the server sees). Null where /proc is not there.
 */
function kernelTcpDrops(): { listenOverflows: number; synRetransmits: number } | null {
  let text: string;
  try {
    text = readFileSync('/proc/net/netstat', 'utf8');
  } catch {
    return null;
  }
  const [names, values] = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
  if (!names || !values) return null;
  const counts = new Map(
    names.split(' ').map((name, i) => [name, Number(values.split(' ')[i])] as const),
  );
  return {
    listenOverflows: counts.get('ListenOverflows') ?? 0,
    synRetransmits: counts.get('TCPSynRetrans') ?? 0,
  };
}

export async function runLoadTest(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? note;
  const dir = mkdtempSync(join(tmpdir(), 'koe-load-'));
  const database = await createPostgresDatabase(options.databaseUrl);
  const servers: ChildProcess[] = [];
  try {
    const { agents: users, head } = await seedTenant(database.url, options, log);
    const secret = 'load-test-secret-0123456789abcdef';
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const started = await startServerProcess(
        database.url,
        secret,
        join(dir, `server-${i}`),
        options.probe ?? false,
        options.accessTokenSeconds,
      );
      servers.push(started.child);
      urls.push(started.url);
    }
    log(`load: two server processes on ${urls.join(' and ')}`);
    const dropsBefore = kernelTcpDrops();
    // The probes' CPU profiles of the hold, when asked for (server-probe.ts).
    const run = await driveDesks(urls, users, head, options, log, database.url, () => {
      for (const child of servers) child.kill('SIGUSR2');
    });
    const dropsAfter = kernelTcpDrops();
    if (dropsBefore && dropsAfter) {
      log(
        `load: the kernel over the run (whole machine): ${dropsAfter.listenOverflows - dropsBefore.listenOverflows} listen-queue overflows, ${dropsAfter.synRetransmits - dropsBefore.synRetransmits} SYN retransmissions`,
      );
    }
    for (const child of servers) child.kill('SIGTERM');
    await Promise.all(servers.map((c) => new Promise((r) => c.once('exit', r))));
    servers.length = 0;
    if (options.probe) {
      for (let i = 0; i < 2; i++) {
        log(`load: server process ${i + 1} while held:`);
        for (const line of probeReport(
          join(dir, `server-${i}.probe.ndjson`),
          run.holdFrom,
          run.holdTo,
        ))
          log(`  ${line}`);
      }
      for (const line of run.databaseWaits) log(`load: ${line}`);
      if (run.batches[0])
        for (const line of await explainIngest(database.url, TENANT, run.batches[0]))
          log(`load: ${line}`);
    }
    const raw = await rawBaselines(database.url, run, options);
    const figures = [
      figure('load.desks_held', run.held, 'desks', options.desks),
      figure('load.voc_accepted_per_s', run.vocPerSecond, 'records/s', raw.vocInsertPerSecond),
      figure('load.voc_p99', run.vocP99Ms, 'ms', raw.vocInsertP99Ms),
      figure('load.pull_pages_per_s', run.pullPagesPerSecond, 'pages/s', raw.pullPagesPerSecond),
      figure('load.batch_rows_per_s', run.batchRowsPerSecond, 'rows/s', raw.batchRowsPerSecond),
    ];
    return {
      figures,
      desks: options.desks,
      held: run.held,
      vocAccepted: run.vocAccepted,
      vocRefused: run.vocRefused,
      tokenRefreshes: run.tokenRefreshes,
      errors: run.errors,
      rampSeconds: run.rampSeconds,
    };
  } finally {
    for (const child of servers) child.kill('SIGKILL');
    await database.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

interface LoadUser {
  id: string;
  email: string;
  centerId: string;
}

/** The tenant, its centers, one agent per desk and an admin (the order system), and its data. */
async function seedTenant(
  databaseUrl: string,
  options: LoadOptions,
  log: (message: string) => void,
): Promise<{ agents: LoadUser[]; head: number }> {
  const store = await openServerStore({ databaseUrl, sqliteFile: '' });
  try {
    const centers = Array.from({ length: options.centers }, (_, i) => `load-center-${i + 1}`);
    const agents: LoadUser[] = Array.from({ length: options.desks }, (_, i) => ({
      id: `load-agent-${i + 1}`,
      email: `agent${i + 1}@load.example`,
      centerId: centers[i % centers.length]!,
    }));
    const users: SeedUser[] = [
      ...agents.map((a) => ({ ...a, role: 'agent' as const, displayName: a.id })),
      {
        id: 'load-admin',
        email: 'admin@load.example',
        role: 'retailer_admin',
        centerId: null,
        displayName: 'order system',
      },
    ];
    await createTenant(store.db, {
      id: TENANT,
      name: 'Load retailer',
      centers: centers.map((id) => ({ id, name: id })),
      users,
      password: PASSWORD,
    });
    for (let from = 0; from < options.customers; from += 2_000) {
      const records = Array.from({ length: Math.min(2_000, options.customers - from) }, (_, i) =>
        customerRecord({ id: `load-c${from + i}` }),
      );
      await store.db.transaction().execute((trx) => applyChanges(trx, TENANT, records, []));
    }
    log(`load: tenant with ${options.customers} customers, ${options.desks} agents seeded`);
    return { agents, head: await latestSequence(store.db, TENANT) };
  } finally {
    await store.close();
  }
}

/** `npm run server` as a process of its own, on a free loopback port, once it answers. */
async function startServerProcess(
  databaseUrl: string,
  secret: string,
  dir: string,
  probe: boolean,
  accessTokenSeconds: number | undefined,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // The process's log goes straight to a file, as a process manager's would: piped through this
  // process, each request's log line was a write into a pipe that only the simulator's busy
  // event loop drains (7–8 % of a server's CPU while 2,000 desks were held, issue #15).
  const logFile = openSync(`${dir}.log`, 'w');
  const main = probe ? 'bench/load/server-probe.ts' : 'server/src/main.ts';
  // Node itself with tsx's loader (not the tsx command, a parent that would take the signals).
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      KOE_LOAD_PROBE_FILE: `${dir}.probe.ndjson`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      KOE_TOKEN_SECRET: secret,
      KOE_UPDATE_FILES_DIR: join(dir, 'update-files'),
      ...(accessTokenSeconds ? { KOE_ACCESS_TOKEN_SECONDS: String(accessTokenSeconds) } : {}),
    },
    stdio: ['ignore', logFile, logFile],
  });
  closeSync(logFile);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`The server process exited (${dir}.log)`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url };
    if (attempt > 1_200) throw new Error(`The server process did not answer (${dir}.log)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/** A pull page asked for while held (the raw baseline reads the same ranges). */
interface PullAsked {
  since: number;
  limit: number;
  until: number | null;
}

/** A live pull's page at most: what a notice announced fits in one page up to this. */
const LIVE_PAGE_MAX = 10_000;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One desk's HTTP client: keep-alive, from an address of its own (each desk is a machine). A
 * real desk names itself and its version on every request (the server checks the desk's
 * revocation and records its version), so a simulated one does too; the order system does not.
 */
function deskClient(baseUrl: string, localAddress: string, deskId: string | null = null) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress });
  // The event stream on a connection of its own: the server closes it when the stream ends
  // (e.g. `expired`), and a request reusing it from the keep-alive pool would hang up.
  const streamAgent = new http.Agent({ keepAlive: false, localAddress });
  const base = new URL(baseUrl);
  const deskHeaders = deskId ? { [DESK_ID_HEADER]: deskId, [APP_VERSION_HEADER]: '1.0.0' } : {};
  return {
    agent,
    streamAgent,
    deskHeaders,
    request(
      method: string,
      path: string,
      token: string | null,
      body?: unknown,
      // The desk asks for gzip like the real one; the body is not unpacked (only its headers
      // are read), so the simulation spends its CPU on the client's side as little as it can.
      keepBody = true,
    ): Promise<Reply> {
      return new Promise((resolveReply, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = http.request(
          {
            host: base.hostname,
            port: base.port,
            path,
            method,
            agent,
            headers: {
              ...deskHeaders,
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(payload ? { 'content-type': 'application/json' } : {}),
              'accept-encoding': 'gzip',
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => {
              if (keepBody) chunks.push(c);
            });
            res.on('end', () =>
              resolveReply({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

/**
 * A signed-in client's session as the desk's sync worker keeps it (retailer-api.ts): a request
 * that meets a 401 is sent once more with a refreshed token; one refresh at a time, since a
 * refresh token rotates and a spent one revokes the whole sign-in (a request that met a 401
 * while another refreshed waits for that refresh instead of starting its own).
 */
async function signedIn(
  client: ReturnType<typeof deskClient>,
  email: string,
  onRefresh: () => void,
) {
  const signIn = await client.request('POST', '/v1/auth/sign-in', null, {
    email,
    password: PASSWORD,
  });
  if (signIn.status !== 200) throw new Error(`sign-in ${signIn.status} ${signIn.body}`);
  let current = session.parse(JSON.parse(signIn.body));
  let refreshing: Promise<void> | null = null;
  /** A fresh token, unless the one that was refused (`stale`) has been replaced already. */
  const refresh = (stale: string): Promise<void> => {
    if (current.accessToken !== stale) return Promise.resolve();
    refreshing ??= (async () => {
      const reply = await client.request('POST', '/v1/auth/refresh', null, {
        refreshToken: current.refreshToken,
      });
      if (reply.status !== 200)
        throw new Error(`refresh ${reply.status} ${reply.body.slice(0, 200)}`);
      current = session.parse(JSON.parse(reply.body));
      onRefresh();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };
  return {
    accessToken: () => current.accessToken,
    refresh,
    async authorized(method: string, path: string, body?: unknown, keepBody = true) {
      const token = current.accessToken;
      const reply = await client.request(method, path, token, body, keepBody);
      if (reply.status !== 401) return reply;
      await refresh(token);
      return client.request(method, path, current.accessToken, body, keepBody);
    },
  };
}

interface DeskRun {
  held: number;
  vocAccepted: number;
  vocRefused: number;
  tokenRefreshes: number;
  vocPerSecond: number;
  vocP99Ms: number;
  vocRecords: VocRecord[];
  pullPagesPerSecond: number;
  pullSinces: PullAsked[];
  batchRowsPerSecond: number;
  batches: RetailerRecord[][];
  rampSeconds: number;
  /** The load generator's own event-loop delay p99 while holding: part of every latency it times. */
  driverLoopDelayP99Ms: number;
  /** The hold's start and end (Date.now()), to read the probes' lines of that window. */
  holdFrom: number;
  holdTo: number;
  /** PostgreSQL's connections' states and lock waits while held (with the probe). */
  databaseWaits: string[];
  errors: string[];
}

async function driveDesks(
  urls: string[],
  users: LoadUser[],
  /** The change log's head once seeded: where a desk stands after its bootstrap. */
  seededHead: number,
  options: LoadOptions,
  log: (message: string) => void,
  databaseUrl: string,
  onHold: () => void,
): Promise<DeskRun> {
  const random = seededRandom(7);
  const errors: string[] = [];
  const fail = (what: string) => {
    if (errors.length < 50) errors.push(what);
  };
  let holding = false;
  let stopping = false;
  const vocLatencies: number[] = [];
  const vocRecords: VocRecord[] = [];
  let vocAccepted = 0;
  let vocRefused = 0;
  let tokenRefreshes = 0;
  let pullPages = 0;
  const pullSinces: PullAsked[] = [];
  let newestCursor = 0;

  interface Desk {
    cursor: number;
    /** The newest cursor a notice announced (a live pull asks up to it). */
    seenCursor: number;
    streamOpen: boolean;
    close(): void;
  }
  const desks: Desk[] = [];

  const startDesk = async (user: LoadUser, index: number): Promise<void> => {
    // A load balancer spreading desks over the two processes.
    const client = deskClient(
      urls[index % urls.length]!,
      `127.1.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      `load-desk-${index + 1}`,
    );
    const { authorized, refresh, accessToken } = await signedIn(client, user.email, () => {
      tokenRefreshes++;
    });
    const desk: Desk = { cursor: 0, seenCursor: 0, streamOpen: false, close: () => {} };

    const pullPage = async (since: number, limit: number, until?: number) => {
      const path = `/v1/sync/pull?since=${since}&limit=${limit}${until ? `&until=${until}` : ''}`;
      // A keep-alive connection the server closed just as it was reused: the desk asks again
      // once, as the real one does (a pull is safe to repeat).
      const page = await authorized('GET', path, undefined, false).catch(() =>
        authorized('GET', path, undefined, false),
      );
      if (page.status !== 200) throw new Error(`pull ${page.status}`);
      if (holding) {
        pullPages++;
        if (pullSinces.length < 5_000) pullSinces.push({ since, limit, until: until ?? null });
      }
      return {
        cursor: Number(page.headers[PULL_CURSOR_HEADER]),
        hasMore: page.headers[PULL_HAS_MORE_HEADER] === 'true',
      };
    };
    // Bootstrap: this desk's share of the tenant, page by page.
    let rows = 0;
    for (;;) {
      const page = await pullPage(desk.cursor, options.pageSize);
      desk.cursor = page.cursor;
      rows += options.pageSize;
      if (!page.hasMore || rows >= options.bootstrapRows) break;
    }
    // Its share stands for the whole tenant (a real desk bootstraps all of it, which would make
    // the ramp hours): it then stands where a whole bootstrap ends, and pulls only what changes
    // after. Left at its share's end, every desk pulled the rest of the tenant while held.
    desk.cursor = Math.max(desk.cursor, seededHead);
    // Live, as the desk's sync engine: after a notice, a random wait within the spread the
    // server asked for, then one pull at a time up to the announced cursor (in one page when it
    // fits), again while changes were announced during it.
    let pulling = false;
    let again = false;
    let waiting = false;
    const pullChanges = async () => {
      if (pulling) {
        again = true;
        return;
      }
      pulling = true;
      try {
        do {
          again = false;
          for (;;) {
            const until = desk.seenCursor;
            const limit = Math.min(LIVE_PAGE_MAX, Math.max(options.pageSize, until - desk.cursor));
            const page = await pullPage(desk.cursor, limit, until);
            desk.cursor = Math.max(desk.cursor, page.cursor);
            if (!page.hasMore) break;
          }
        } while (again && !stopping);
      } catch (error) {
        if (!stopping) fail(`pull: ${String(error)}`);
      } finally {
        pulling = false;
      }
    };
    // After the stream's token expired: a fresh token, the stream again, and a pull of what was
    // announced while it was closed (the desk's sync engine pulls when its stream opens).
    const catchUp = async () => {
      for (;;) {
        const page = await pullPage(desk.cursor, LIVE_PAGE_MAX);
        desk.cursor = Math.max(desk.cursor, page.cursor);
        desk.seenCursor = Math.max(desk.seenCursor, desk.cursor);
        if (!page.hasMore) return;
      }
    };
    const reopen = (stale: string) => {
      refresh(stale)
        .then(() => {
          if (stopping) return;
          openStream(true);
        })
        .catch((error: unknown) => {
          if (!stopping) fail(`stream refresh: ${String(error)}`);
        });
    };
    let stream: http.ClientRequest | null = null;
    const openStream = (reopened: boolean) => {
      const token = accessToken();
      stream = http.get(
        {
          host: new URL(urls[index % urls.length]!).hostname,
          port: new URL(urls[index % urls.length]!).port,
          path: '/v1/events',
          agent: client.streamAgent,
          headers: {
            ...client.deskHeaders,
            authorization: `Bearer ${token}`,
            accept: 'text/event-stream',
          },
        },
        (res) => {
          if (res.statusCode === 401) {
            res.resume();
            reopen(token);
            return;
          }
          if (res.statusCode !== 200) {
            fail(`stream ${res.statusCode}`);
            res.resume();
            return;
          }
          desk.streamOpen = true;
          if (reopened)
            catchUp().catch((error: unknown) => {
              if (!stopping) fail(`catch-up pull: ${String(error)}`);
            });
          let expired = false;
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const message = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (/^event: expired$/m.test(message)) expired = true;
              const data = /^event: changes\ndata: (.*)$/m.exec(message);
              if (!data) continue;
              const notice = JSON.parse(data[1]!) as { cursor: string; spreadMs?: number };
              const cursor = Number(notice.cursor);
              desk.seenCursor = Math.max(desk.seenCursor, cursor);
              if (cursor <= desk.cursor || waiting) continue;
              if (pulling) {
                again = true;
                continue;
              }
              waiting = true;
              setTimeout(
                () => {
                  waiting = false;
                  if (!stopping) void pullChanges();
                },
                random() * (notice.spreadMs ?? 0),
              );
            }
          });
          res.on('close', () => {
            desk.streamOpen = false;
            if (stopping) return;
            // The token the stream was opened with expired: refresh and reconnect, as the desk.
            if (expired) reopen(token);
            else fail('stream closed');
          });
        },
      );
      stream.on('error', (error) => {
        if (!stopping) fail(`stream: ${String(error)}`);
      });
    };
    openStream(false);

    // Calls: a VoC record at the end of each, at random times around the call rate.
    let timer: NodeJS.Timeout | null = null;
    const nextCall = () => {
      timer = setTimeout(
        () => {
          void (async () => {
            if (stopping) return;
            const record = vocFor(user.id, user.centerId, {
              customerId: `load-c${Math.floor(random() * options.customers)}`,
            });
            const started = performance.now();
            try {
              const reply = await authorized('POST', '/v1/voc/batch', { records: [record] });
              const ms = performance.now() - started;
              const status =
                reply.status === 200
                  ? (JSON.parse(reply.body) as { results: { status: string }[] }).results[0]?.status
                  : `http ${reply.status}`;
              if (status === 'accepted') {
                if (holding) {
                  vocAccepted++;
                  vocLatencies.push(ms);
                  vocRecords.push(record);
                }
              } else {
                vocRefused++;
                fail(`voc ${status}: ${reply.body.slice(0, 200)}`);
              }
            } catch (error) {
              if (!stopping) fail(`voc: ${String(error)}`);
            }
            nextCall();
          })();
        },
        options.callSeconds * 1000 * (0.5 + random()),
      );
    };
    nextCall();
    desk.close = () => {
      if (timer) clearTimeout(timer);
      stream?.destroy();
      client.agent.destroy();
      client.streamAgent.destroy();
    };
    desks.push(desk);
  };

  // Ramp: desks arrive a few at a time (each sign-in is an scrypt hash on the server).
  const rampStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.signInConcurrency }, async () => {
      while (next < users.length) {
        const index = next++;
        await startDesk(users[index]!, index).catch((error: unknown) =>
          fail(`desk ${index}: ${String(error)}`),
        );
        if (index % 200 === 199) log(`load: ${index + 1} desks signed in and bootstrapped`);
      }
    }),
  );
  const rampSeconds = (performance.now() - rampStarted) / 1000;
  log(`load: ${desks.length} desks ready in ${rampSeconds.toFixed(1)} s; holding`);

  // The order system: batches back to back while the desks are held.
  const admin = deskClient(urls[0]!, '127.0.0.1');
  const orderSystem = await signedIn(admin, 'admin@load.example', () => {
    tokenRefreshes++;
  });
  const batches: RetailerRecord[][] = [];
  let batchRows = 0;
  holding = true;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const waits = options.probe ? sampleDatabaseWaits(databaseUrl) : null;
  if (options.probe) onHold();
  const holdFrom = Date.now();
  const holdStarted = performance.now();
  const holdEnds = holdStarted + options.holdSeconds * 1000;
  let batchNumber = 0;
  while (performance.now() < holdEnds) {
    const updatedAt = new Date().toISOString();
    const records = Array.from({ length: options.batchRows }, (_, i) =>
      customerRecord({
        id: `load-c${(batchNumber * options.batchRows + i) % options.customers}`,
        givenName: `更新${batchNumber}`,
        updatedAt,
      }),
    );
    batchNumber++;
    const reply = await orderSystem.authorized('POST', '/v1/data/batch', { records });
    if (reply.status !== 200) {
      fail(`batch ${reply.status} ${reply.body.slice(0, 200)}`);
      continue;
    }
    const { applied, cursor } = JSON.parse(reply.body) as { applied: number; cursor: string };
    batchRows += applied;
    batches.push(records);
    newestCursor = Math.max(newestCursor, Number(cursor));
  }
  const holdSeconds = (performance.now() - holdStarted) / 1000;
  const holdTo = Date.now();
  holding = false;
  const databaseWaits = (await waits?.stop()) ?? [];
  loopDelay.disable();
  const driverLoopDelayP99Ms = loopDelay.percentile(99) / 1e6;

  // Held: the stream still open and the last batch's notice heard (waited for, bounded: a
  // notice waits at most its process's longest interval, coalesced-notices.ts).
  const deadline = performance.now() + 30_000;
  while (
    performance.now() < deadline &&
    // (a stream reconnecting with a fresh token is waited for too)
    desks.some((d) => !d.streamOpen || d.seenCursor < newestCursor)
  )
    await new Promise((r) => setTimeout(r, 100));
  const held = desks.filter((d) => d.streamOpen && d.seenCursor >= newestCursor).length;
  stopping = true;
  for (const desk of desks) desk.close();
  admin.agent.destroy();

  vocLatencies.sort((a, b) => a - b);
  log(`load: the load generator's event-loop delay p99 ${driverLoopDelayP99Ms.toFixed(0)} ms`);
  log(
    `load: held ${held}/${options.desks} desks for ${holdSeconds.toFixed(1)} s; ${vocAccepted} VoC, ${pullPages} pull pages, ${batchRows} batch rows; ${errors.length} errors`,
  );
  return {
    held,
    vocAccepted,
    vocRefused,
    tokenRefreshes,
    vocPerSecond: vocAccepted / holdSeconds,
    vocP99Ms: percentile(vocLatencies, 99),
    vocRecords,
    pullPagesPerSecond: pullPages / holdSeconds,
    pullSinces,
    batchRowsPerSecond: batchRows / holdSeconds,
    batches,
    rampSeconds,
    driverLoopDelayP99Ms,
    holdFrom,
    holdTo,
    databaseWaits,
    errors,
  };
}

/**
 * The same rows by raw SQL on the same database, after the servers stopped: VoC records one
 * insert each from 20 connections (the two processes' pools), the batches as one multi-row
 * upsert each in order, and the pulls' keyset selects from 20 connections.
 */
async function rawBaselines(databaseUrl: string, run: DeskRun, options: LoadOptions) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  // `pool.end()` resolves before its connections have closed; the database dropped right after
  // (with force) ends the last ones from the server's side, and a pool with no listener throws
  // that as an uncaught exception (seen in CI: "terminating connection due to administrator
  // command" after every test of the file had passed).
  pool.on('error', () => {});
  try {
    await pool.query('create table raw_voc (like voc_records including all)');
    await pool.query('create table raw_records (like records including all)');
    const vocLatencies: number[] = [];
    let next = 0;
    const vocStarted = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < run.vocRecords.length) {
          const r = run.vocRecords[next++]!;
          const started = performance.now();
          await pool.query(
            `insert into raw_voc (tenant_id, id, center_id, agent_id, content_hash, data, received_at)
             values ($1, $2, $3, $4, $5, $6, $7)`,
            [
              TENANT,
              r.id,
              r.centerId,
              r.agentId,
              'hash',
              JSON.stringify(r),
              new Date().toISOString(),
            ],
          );
          vocLatencies.push(performance.now() - started);
        }
      }),
    );
    const vocSeconds = (performance.now() - vocStarted) / 1000;
    vocLatencies.sort((a, b) => a - b);

    let rows = 0;
    let seq = 0;
    const batchStarted = performance.now();
    for (const batch of run.batches) {
      const values: unknown[] = [];
      const tuples = batch.map((record, i) => {
        const data = record.data as { id: string; updatedAt: string };
        values.push(TENANT, record.type, data.id, JSON.stringify(data), data.updatedAt, ++seq);
        const p = i * 6;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, 0)`;
      });
      await pool.query(
        `insert into raw_records (tenant_id, type, id, data, updated_at, seq, deleted)
         values ${tuples.join(', ')}
         on conflict (tenant_id, type, id) do update
           set data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
        values,
      );
      rows += batch.length;
    }
    const batchSeconds = (performance.now() - batchStarted) / 1000;

    const sinces =
      run.pullSinces.length > 0
        ? run.pullSinces
        : [{ since: 0, limit: options.pageSize, until: null }];
    let pulled = 0;
    const pullStarted = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (pulled < sinces.length) {
          const { since, limit, until } = sinces[pulled++]!;
          await pool.query(
            `select data from records where tenant_id = $1 and seq > $2 and seq <= $4
             order by seq limit $3`,
            [TENANT, since, limit, until ?? Number.MAX_SAFE_INTEGER],
          );
        }
      }),
    );
    const pullSeconds = (performance.now() - pullStarted) / 1000;
    return {
      vocInsertPerSecond: run.vocRecords.length / Math.max(vocSeconds, 1e-6),
      vocInsertP99Ms: percentile(vocLatencies, 99),
      batchRowsPerSecond: rows / Math.max(batchSeconds, 1e-6),
      pullPagesPerSecond: sinces.length / Math.max(pullSeconds, 1e-6),
    };
  } finally {
    await pool.end();
  }
}
