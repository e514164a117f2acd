/**
 * A sync client in a process of its own, so a test can SIGKILL it anywhere — mid-page, between
 * a page and its cursor, mid-index-rebuild, between the server accepting a push and the outbox
 * forgetting it — and start it again.
 *
 * Run as a script (`node --import tsx child-sync-process.ts --mode … --db … --url …`, or the
 * same source bundled, see `childCommandLine`) it is the child: it opens a local SQLite file, signs in as an agent (the session kept in a file, as the
 * app keeps it in safeStorage), then
 *   - mode `bootstrap`: pulls every change in small pages, a few pages per transaction as a
 *     bootstrap commits them, printing `page <n> …` per page once committed;
 *   - mode `push`: saves the wrap-ups listed in a JSON file (those not saved yet), printing
 *     `saved <id>`, then drains the outbox, printing `push-request <n>` / `push-response <n>`;
 * and prints `done <json>` when it has finished.
 *
 * Imported, it is the parent side shared by crash.test.ts and scripts/sync-crash-soak.ts: a
 * server seeded with a few thousand records, crash runs (spawn, kill at a random point,
 * restart to completion) and the checks that the local cache and the server agree.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import { pushOutbox } from '../../../src/main/core/sync/push-outbox';
import {
  createRetailerApi,
  type RetailerApi,
  type SessionStore,
} from '../../../src/main/core/sync/retailer-api';
import { SyncError } from '../../../src/main/core/sync/sync-error';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import { session, type Session } from '../../../src/shared/protocol/auth';
import type { VocRecord } from '../../../src/shared/domain/voc';

const CHILD_PATH = fileURLToPath(import.meta.url);
const REPO_ROOT = resolve(dirname(CHILD_PATH), '../../..');

/* ------------------------------------------------------------------------------------------ */
/* The child                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** The session in a file, replaced atomically (a kill mid-write leaves the old one). */
function fileSessions(path: string): SessionStore {
  let cached: Session | null | undefined;
  return {
    load() {
      if (cached !== undefined) return cached;
      try {
        cached = existsSync(path) ? session.parse(JSON.parse(readFileSync(path, 'utf8'))) : null;
      } catch {
        cached = null;
      }
      return cached;
    },
    save(next) {
      writeFileSync(`${path}.tmp`, JSON.stringify(next));
      renameSync(`${path}.tmp`, path);
      cached = next;
    },
    clear() {
      rmSync(path, { force: true });
      cached = null;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function childMain(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      mode: { type: 'string' },
      db: { type: 'string' },
      url: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      session: { type: 'string' },
      'page-size': { type: 'string', default: '50' },
      voc: { type: 'string' },
    },
  });
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string') throw new Error(`--${name} is required`);
    return value;
  };
  const out = (line: string) =>
    process.stdout.write(
      `${line}${process.env.KOE_CHILD_TIMES ? ` @${Math.round(performance.now())}` : ''}\n`,
    );
  const mode = need('mode');
  const sessions = fileSessions(need('session'));
  const api = createRetailerApi({ baseUrl: need('url'), sessions });
  const local = await openDatabase({ filename: need('db') });
  out('opened');

  /** Retries as the engine would: sign in again when refused, wait when asked to slow down. */
  async function retrying<T>(what: string, action: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof SyncError) || attempt >= 50) throw error;
        out(`retry ${what} ${error.kind}: ${error.message}`);
        if (error.kind === 'unauthorized') {
          sessions.clear();
          await signIn();
        } else await sleep(error.retryAfterMs ?? 200);
      }
    }
  }
  const signIn = () => retrying('sign-in', () => api.signIn(need('email'), need('password')));

  if (!sessions.load()) await signIn();
  out('signed-in');

  if (mode === 'bootstrap') {
    let pages = 0;
    const result = await retrying('pull', () =>
      pullChanges(local.sqlite, api, {
        pageSize: Number(values['page-size']),
        onPage: (page) =>
          out(
            `page ${++pages} cursor=${page.cursor} records=${page.records.length} deletions=${page.deletions.length}`,
          ),
      }),
    );
    await local.close();
    out(`done ${JSON.stringify(result)}`);
    return;
  }

  if (mode === 'push') {
    const records = JSON.parse(readFileSync(need('voc'), 'utf8')) as VocRecord[];
    const save = createVocRecordSaver(local.sqlite);
    const saved = local.sqlite.prepare('select 1 from voc_records where id = ?');
    // The agent saves each wrap-up once: those saved before a crash are in the cache already.
    for (const record of records) {
      if (saved.get(record.id)) continue;
      save(record);
      out(`saved ${record.id}`);
    }
    const outcomes = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
    let batches = 0;
    const counted: RetailerApi = {
      ...api,
      async pushVoc(batch) {
        const n = ++batches;
        out(`push-request ${n} ${batch.length}`);
        const results = await api.pushVoc(batch);
        for (const r of results) outcomes[r.status]++;
        out(`push-response ${n}`);
        return results;
      },
    };
    const pending = local.sqlite.prepare(
      `select count(*) as n, min(next_attempt_at) as next from outbox where state = 'pending'`,
    );
    for (let round = 1; ; round++) {
      const result = await retrying('push', () => pushOutbox(local.sqlite, counted));
      const left = pending.get() as { n: number; next: string | null };
      if (left.n === 0) break;
      if (round >= 50) throw new Error(`the outbox did not drain: ${JSON.stringify(left)}`);
      const due = Date.parse(result.retryAt ?? left.next ?? '') - Date.now();
      await sleep(Math.min(Math.max(due, 0), 10_000));
    }
    await local.close();
    out(`done ${JSON.stringify(outcomes)}`);
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

if (process.argv[1] && resolve(process.argv[1]) === CHILD_PATH) {
  childMain(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}

/* ------------------------------------------------------------------------------------------ */
/* The parent                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export interface ChildOutcome {
  /** True when the child was SIGKILLed; false when it ran to the end. */
  killed: boolean;
  lines: string[];
  ms: number;
}

export interface KillPlan {
  /** Kill after this many progress lines … */
  afterLines?: number;
  /** … plus this delay; or, without afterLines, this long after the spawn. */
  delayMs?: number;
}

let childCommand: Promise<string[]> | null = null;

/**
 * How to start the child. Under `node --import tsx` every module of kysely, zod … goes through
 * the loader hooks and a child takes ~2 s to start, which dozens of restarts cannot afford; so
 * the child's source is bundled once with esbuild (packages left external, loaded by Node as
 * usual) and started with plain `node`, in ~0.4 s. KOE_CHILD_TSX=1 runs the source under tsx.
 */
export function childCommandLine(): Promise<string[]> {
  childCommand ??= (async () => {
    if (process.env.KOE_CHILD_TSX === '1') return ['--import', 'tsx', CHILD_PATH];
    const { build } = await import('esbuild');
    // Split, so the parent's dynamic imports (the server …) stay in chunks the child never loads.
    const outdir = join(REPO_ROOT, 'node_modules/.cache/koe-sync-child', String(process.pid));
    await build({
      entryPoints: { child: CHILD_PATH },
      outdir,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      packages: 'external',
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    return [join(outdir, 'child.mjs')];
  })();
  return childCommand;
}

/** Runs the child; kills it with SIGKILL per the plan; rejects when it fails on its own. */
export async function runChild(args: string[], kill?: KillPlan): Promise<ChildOutcome> {
  const command = await childCommandLine();
  const started = performance.now();
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let buffer = '';
  let killTimer: NodeJS.Timeout | null = null;
  let killSent = false;
  const killNow = () => {
    if (killSent || child.exitCode !== null) return;
    killSent = true;
    child.kill('SIGKILL');
  };
  const armKill = (delayMs: number) => {
    if (delayMs <= 0) return killNow();
    killTimer = setTimeout(killNow, delayMs);
  };
  if (kill && kill.afterLines === undefined) armKill(kill.delayMs ?? 0);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (kill?.afterLines !== undefined && lines.length === kill.afterLines) {
        armKill(kill.delayMs ?? 0);
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      const ms = performance.now() - started;
      if (signal === 'SIGKILL' && killSent) return resolvePromise({ killed: true, lines, ms });
      if (code === 0 && lines.at(-1)?.startsWith('done ')) {
        return resolvePromise({ killed: false, lines, ms });
      }
      reject(
        new Error(
          `child ${args.join(' ')} exited with ${code ?? signal}\n${lines.slice(-5).join('\n')}\n${stderr}`,
        ),
      );
    });
  });
}

/* ------------------------------------------------------------------------------------------ */
/* The crash lab: a seeded server, crash runs, and the checks                                 */
/* ------------------------------------------------------------------------------------------ */

export type CrashMode = 'bootstrap' | 'push';

export interface CrashLabOptions {
  /** Customers seeded, each with one order and one shipment. */
  customers?: number;
  /** Agents signing in (runs take turns); each has its own rate limits on the server. */
  agents?: number;
  pageSize?: number;
  /** Wrap-ups saved and pushed per push run. */
  vocPerRun?: number;
  seed?: number;
}

export interface CrashRunReport {
  run: number;
  mode: CrashMode;
  /** Children SIGKILLed in this run (each restarted). */
  kills: number;
  /** Kill attempts that came too late (the child had finished); the run then started over. */
  missedKills: number;
  /** How the kills were placed, e.g. `line 17+4ms`, `after 812ms`. */
  killPoints: string[];
  children: number;
  ms: number;
  /** Bootstrap: whether the server changed between a kill and the restart. */
  serverChanged: number;
  /** Push: records the server answered as `duplicate` (sent again after a crash). */
  duplicates: number;
  /** Problems found by the checks after the run; empty when the cache and server agree. */
  problems: string[];
  /** Bootstrap: the cursor stopped short of the latest sequence, the gap holding only tombstones. */
  cursorShortByTombstones: boolean;
}

export interface CrashLab {
  url: string;
  seed: number;
  run(run: number, mode: CrashMode): Promise<CrashRunReport>;
  /** Checks over all runs: every wrap-up generated is on the server exactly once. */
  finalProblems(): Promise<string[]>;
  close(): Promise<void>;
}

const TENANT = 'retailer-a';
const CENTER = 'retailer-a-center-x';
const SYNCED_TABLES = { customer: 'customers', order: 'orders', shipment: 'shipments' } as const;

export async function startCrashLab(options: CrashLabOptions = {}): Promise<CrashLab> {
  // Imported here, not at the top: the child never loads the server.
  const { startTestServer, signIn, call, PASSWORD } = await import('../../fixtures/test-server');
  const { createTenant } = await import('../../../server/src/seed');
  const { latestSequence } = await import('../../../server/src/data/change-log');
  const { customerRecord, orderRecord, shipmentRecord, vocFor } =
    await import('../../fixtures/retailer-records');
  const { seededRandom } = await import('../../fixtures/fault-proxy');
  const { default: Sqlite } = await import('better-sqlite3');

  const customers = options.customers ?? 800;
  const agentCount = options.agents ?? 10;
  const pageSize = options.pageSize ?? 50;
  const vocPerRun = options.vocPerRun ?? 120;
  const seed = options.seed ?? 20_261_123;
  const pick = <T>(random: () => number, items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] as T;

  const dir = mkdtempSync(join(tmpdir(), 'koe-crash-'));
  const server = await startTestServer();
  const db = server.store.db;
  const agents = Array.from({ length: agentCount }, (_, i) => ({
    id: `crash-agent-${i}`,
    email: `crash-agent-${i}@${CENTER}.example`,
    role: 'agent' as const,
    centerId: CENTER,
    displayName: `crash agent ${i}`,
  }));
  await createTenant(db, {
    id: TENANT,
    name: TENANT,
    centers: [{ id: CENTER, name: CENTER }],
    users: agents,
    password: PASSWORD,
  });

  let admin = await signIn(server.url, `admin@${TENANT}.example`);
  async function adminBatch(body: unknown): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const answer = await call(server.url, admin, 'POST', '/v1/data/batch', body);
      if (answer.status === 200) return;
      if (answer.status === 401 && attempt === 0) {
        admin = await signIn(server.url, `admin@${TENANT}.example`);
        continue;
      }
      throw new Error(`data batch: ${answer.status} ${JSON.stringify(answer.json)}`);
    }
  }

  // Seed: customers with an order and a shipment each, then a few updates and deletions so
  // the change log starts with superseded sequence numbers and tombstones.
  let clock = Date.parse('2026-11-10T00:00:00.000Z');
  const nextUpdatedAt = () => new Date((clock += 1_000)).toISOString();
  let nextId = 0;
  const tree = (n: number) => [
    customerRecord({
      id: `c${n}`,
      phones: [
        {
          number: `090-${String(1000 + (n % 9000))}-${String(n % 10000).padStart(4, '0')}`,
          kind: 'mobile',
        },
      ],
    }),
    orderRecord({ id: `o${n}`, customerId: `c${n}` }),
    shipmentRecord({ id: `s${n}`, orderId: `o${n}` }),
  ];
  for (let start = 0; start < customers; start += 500) {
    const records = [];
    for (let n = start; n < Math.min(customers, start + 500); n++) records.push(...tree(n));
    await adminBatch({ records });
  }
  nextId = customers;

  const live = async (type: 'customer' | 'order' | 'shipment') =>
    (
      await db
        .selectFrom('records')
        .select('id')
        .where('tenant_id', '=', TENANT)
        .where('type', '=', type)
        .where('deleted', '=', 0)
        .execute()
    ).map((r) => r.id);

  /** Server-side changes: updates, new customers, deleted shipments and whole customers. */
  async function changeServerData(random: () => number): Promise<void> {
    const liveCustomers = await live('customer');
    const liveShipments = await live('shipment');
    const records = [];
    for (let i = 0; i < 5; i++) {
      records.push(
        customerRecord({
          id: pick(random, liveCustomers),
          familyName: '高橋',
          updatedAt: nextUpdatedAt(),
        }),
      );
    }
    for (let i = 0; i < 3; i++) records.push(...tree(nextId++));
    const deletions: { type: 'customer' | 'order' | 'shipment'; id: string }[] = [];
    for (let i = 0; i < 3; i++)
      deletions.push({ type: 'shipment', id: pick(random, liveShipments) });
    if (random() < 0.5) {
      // A whole customer goes, with its orders and their shipments (the cache cascades too).
      const customer = pick(random, liveCustomers);
      const orders = await db
        .selectFrom('records')
        .select(['id', 'data'])
        .where('tenant_id', '=', TENANT)
        .where('type', '=', 'order')
        .where('deleted', '=', 0)
        .execute();
      for (const order of orders) {
        if ((JSON.parse(order.data) as { customerId: string }).customerId !== customer) continue;
        const shipments = await db
          .selectFrom('records')
          .select(['id', 'data'])
          .where('tenant_id', '=', TENANT)
          .where('type', '=', 'shipment')
          .where('deleted', '=', 0)
          .execute();
        for (const s of shipments) {
          if ((JSON.parse(s.data) as { orderId: string }).orderId === order.id)
            deletions.push({ type: 'shipment', id: s.id });
        }
        deletions.push({ type: 'order', id: order.id });
      }
      deletions.push({ type: 'customer', id: customer });
    }
    const unique = [...new Map(deletions.map((d) => [`${d.type}/${d.id}`, d])).values()];
    await adminBatch({
      records: records.filter(
        (r) => !unique.some((d) => d.type === r.type && d.id === (r.data as { id: string }).id),
      ),
      deletions: unique,
    });
  }
  await changeServerData(seededRandom(seed));

  const expectedIndexes = await (async () => {
    const fresh = await openDatabase({ filename: ':memory:' });
    const names = (
      fresh.sqlite
        .prepare(`select name from sqlite_master where type = 'index' and sql is not null`)
        .all() as { name: string }[]
    ).map((r) => r.name);
    await fresh.close();
    return names.sort();
  })();

  /** Differences between the cache in `file` and the server's data; empty when they agree. */
  async function cacheProblems(file: string): Promise<{ problems: string[]; short: boolean }> {
    const problems: string[] = [];
    const serverRows = await db
      .selectFrom('records')
      .select(['type', 'id', 'updated_at'])
      .where('tenant_id', '=', TENANT)
      .where('deleted', '=', 0)
      .where('type', 'in', Object.keys(SYNCED_TABLES))
      .execute();
    const latest = await latestSequence(db, TENANT);
    const local = new Sqlite(file);
    try {
      const localRows = Object.entries(SYNCED_TABLES).flatMap(([type, table]) =>
        (
          local.prepare(`select id, updated_at from ${table}`).all() as {
            id: string;
            updated_at: string;
          }[]
        ).map((r) => ({ type, ...r })),
      );
      const want = new Map(serverRows.map((r) => [`${r.type}/${r.id}`, r.updated_at]));
      const have = new Map(localRows.map((r) => [`${r.type}/${r.id}`, r.updated_at]));
      const missing = [...want.keys()].filter((k) => !have.has(k));
      const extra = [...have.keys()].filter((k) => !want.has(k));
      const stale = [...want].filter(([k, v]) => have.has(k) && have.get(k) !== v).map(([k]) => k);
      if (missing.length)
        problems.push(`missing locally: ${missing.length} (${missing.slice(0, 5)})`);
      if (extra.length)
        problems.push(
          `deleted on the server, kept locally: ${extra.length} (${extra.slice(0, 5)})`,
        );
      if (stale.length) problems.push(`stale locally: ${stale.length} (${stale.slice(0, 5)})`);

      const state = new Map(
        (
          local.prepare('select key, value from sync_state').all() as {
            key: string;
            value: string;
          }[]
        ).map((r) => [r.key, r.value]),
      );
      if (state.has('deferred_indexes'))
        problems.push(`deferred indexes still noted: ${state.get('deferred_indexes')}`);
      const indexes = (
        local
          .prepare(`select name from sqlite_master where type = 'index' and sql is not null`)
          .all() as { name: string }[]
      )
        .map((r) => r.name)
        .sort();
      const lost = expectedIndexes.filter((n) => !indexes.includes(n));
      if (lost.length) problems.push(`indexes missing: ${lost.join(', ')}`);
      const integrity = local.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);

      const cursor = Number(state.get('cursor') ?? -1);
      let short = false;
      if (cursor !== latest) {
        // The page read from 0 leaves tombstones out: a bootstrap that fits in that one page
        // stops short of the head when the newest changes are deletions (harmless: the next
        // pull reads them). Anything live after the cursor is a real miss.
        const liveAfter = await db
          .selectFrom('records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', TENANT)
          .where('seq', '>', cursor)
          .where('deleted', '=', 0)
          .executeTakeFirstOrThrow();
        if (cursor > latest || Number(liveAfter.n) > 0)
          problems.push(`cursor ${cursor}, latest sequence ${latest}`);
        else short = true;
      }
      return { problems, short };
    } finally {
      local.close();
    }
  }

  const generated: VocRecord[] = [];
  /** Each of `records` once on the server with its content, and nothing left in the outbox. */
  async function vocProblems(file: string, records: VocRecord[]): Promise<string[]> {
    const problems: string[] = [];
    const rows = await db
      .selectFrom('voc_records')
      .select(['id', 'data'])
      .where('tenant_id', '=', TENANT)
      .where(
        'id',
        'in',
        records.map((r) => r.id),
      )
      .execute();
    const count = new Map<string, number>();
    for (const row of rows) count.set(row.id, (count.get(row.id) ?? 0) + 1);
    const lost = records.filter((r) => !count.has(r.id));
    const twice = [...count].filter(([, n]) => n > 1);
    if (lost.length) problems.push(`wrap-ups never reached the server: ${lost.length}`);
    if (twice.length) problems.push(`wrap-ups on the server more than once: ${twice.length}`);
    const byId = new Map(records.map((r) => [r.id, r]));
    const altered = rows.filter(
      (row) => JSON.stringify(JSON.parse(row.data)) !== JSON.stringify(byId.get(row.id)),
    );
    if (altered.length) problems.push(`wrap-ups stored with other content: ${altered.length}`);
    const local = new Sqlite(file);
    try {
      const outbox = local.prepare('select state, count(*) as n from outbox group by state').all();
      if (outbox.length) problems.push(`outbox not empty: ${JSON.stringify(outbox)}`);
      const saved = local.prepare('select count(*) as n from voc_records').get() as { n: number };
      if (saved.n !== records.length)
        problems.push(`saved locally ${saved.n} times, expected ${records.length}`);
    } finally {
      local.close();
    }
    return problems;
  }

  /** How long a full child of each mode took last time, for kills placed by time. */
  const typicalMs: Record<CrashMode, number> = { bootstrap: 2_500, push: 2_000 };
  const linesOf = (outcome: ChildOutcome, prefix: string) =>
    outcome.lines.filter((l) => l.startsWith(prefix));

  async function remainingPages(cursor: number): Promise<number> {
    const row = await db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', TENANT)
      .where('seq', '>', cursor)
      .$if(cursor === 0, (q) => q.where('deleted', '=', 0))
      .executeTakeFirstOrThrow();
    return Math.floor(Number(row.n) / pageSize) + 1;
  }

  async function run(runNo: number, mode: CrashMode): Promise<CrashRunReport> {
    const started = performance.now();
    // Each run its own PRNG, so runs side by side do not shift each other's choices.
    const random = seededRandom(seed + runNo * 7_919);
    const agent = agents[runNo % agents.length]!;
    const runDir = join(dir, `run-${runNo}`);
    mkdirSync(runDir, { recursive: true });
    const report: CrashRunReport = {
      run: runNo,
      mode,
      kills: 0,
      missedKills: 0,
      killPoints: [],
      children: 0,
      ms: 0,
      serverChanged: 0,
      duplicates: 0,
      problems: [],
      cursorShortByTombstones: false,
    };
    const wantedKills = random() < 0.3 ? 2 : 1;
    let attempt = 0;
    let file = '';
    let records: VocRecord[] = [];
    let args: string[] = [];
    const fresh = () => {
      attempt++;
      file = join(runDir, `cache-${attempt}.sqlite`);
      args = [
        '--mode',
        mode,
        '--db',
        file,
        '--url',
        server.url,
        '--email',
        agent.email,
        '--password',
        PASSWORD,
        '--session',
        join(dir, `${agent.id}.session.json`),
        '--page-size',
        String(pageSize),
      ];
      if (mode === 'push') {
        records = Array.from({ length: vocPerRun }, (_, i) =>
          vocFor(agent.id, CENTER, { callId: `crash-${runNo}-${attempt}-${i}` }),
        );
        generated.push(...records);
        const vocFile = join(runDir, `voc-${attempt}.json`);
        writeFileSync(vocFile, JSON.stringify(records));
        args.push('--voc', vocFile);
      }
    };
    fresh();
    // Progress of the current attempt, to place the next kill within what is left to do.
    let cursor = 0;
    let saved = 0;
    while (report.kills < wantedKills) {
      const fromScratch = cursor === 0 && saved === 0;
      const plan = await killPlan();
      report.killPoints.push(
        plan.afterLines === undefined
          ? `after ${plan.delayMs}ms`
          : `line ${plan.afterLines}+${plan.delayMs}ms`,
      );
      const outcome = await runChild(args, plan);
      report.children++;
      saved += linesOf(outcome, 'saved ').length;
      const lastPage = linesOf(outcome, 'page ').at(-1);
      if (lastPage) cursor = Number(/cursor=(\d+)/.exec(lastPage)?.[1] ?? cursor);
      if (outcome.killed) {
        report.kills++;
        if (mode === 'bootstrap' && random() < 0.5) {
          await changeServerData(seededRandom(seed));
          report.serverChanged++;
        }
        continue;
      }
      if (fromScratch) typicalMs[mode] = outcome.ms;
      report.missedKills++;
      report.duplicates += duplicatesIn(outcome);
      report.problems.push(
        ...(mode === 'push'
          ? await vocProblems(file, records)
          : (await cacheProblems(file)).problems),
      );
      // Finished before the kill. Killed before: the run is complete; else start it over.
      if (report.kills > 0 || report.missedKills >= 5) break;
      fresh();
      cursor = 0;
      saved = 0;
    }
    const last = await runChild(args);
    report.children++;
    report.duplicates += duplicatesIn(last);
    if (mode === 'push') report.problems.push(...(await vocProblems(file, records)));
    else {
      const checked = await cacheProblems(file);
      report.problems.push(...checked.problems);
      report.cursorShortByTombstones = checked.short;
    }
    report.ms = Math.round(performance.now() - started);
    return report;

    async function killPlan(): Promise<KillPlan> {
      if (random() < 0.25) return { delayMs: Math.floor(random() * typicalMs[mode] * 0.8) };
      if (mode === 'bootstrap') {
        // opened, signed-in, then a line per page (the last page is followed by the index rebuild).
        const pages = await remainingPages(cursor);
        return {
          afterLines: 1 + Math.floor(random() * (pages + 2)),
          delayMs: Math.floor(random() * 15),
        };
      }
      const unsaved = records.length - saved;
      const batches = Math.ceil(records.length / 100);
      if (unsaved > 0 && random() < 0.5) {
        return {
          afterLines: 2 + 1 + Math.floor(random() * unsaved),
          delayMs: Math.floor(random() * 3),
        };
      }
      // Around a push: the server may have stored the batch when the child dies.
      return {
        afterLines: 2 + unsaved + 1 + Math.floor(random() * 2 * batches),
        delayMs: Math.floor(random() * 40),
      };
    }
  }

  return {
    url: server.url,
    seed,
    run,
    async finalProblems() {
      const problems: string[] = [];
      const onServer = await db
        .selectFrom('voc_records')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.count<number>('id').distinct().as('ids'),
        ])
        .where('tenant_id', '=', TENANT)
        .executeTakeFirstOrThrow();
      if (Number(onServer.n) !== generated.length || Number(onServer.ids) !== generated.length)
        problems.push(
          `server holds ${onServer.n} wrap-ups (${onServer.ids} ids), ${generated.length} were saved`,
        );
      return problems;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function duplicatesIn(outcome: ChildOutcome): number {
  const done = outcome.lines.at(-1);
  if (!done?.startsWith('done {"accepted"')) return 0;
  return (JSON.parse(done.slice(5)) as { duplicate: number }).duplicate;
}
