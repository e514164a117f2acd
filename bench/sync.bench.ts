import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../server/src/app';
import { applyChanges } from '../server/src/data/change-log';
import { openServerStore, type ServerStore } from '../server/src/db/connect';
import { createChangeNotifier } from '../server/src/live/change-notifier';
import { createTenant, DEMO_PASSWORD, DEMO_USERS } from '../server/src/seed';
import { readCustomerCard } from '../src/main/core/customers/customer-card';
import { openDatabase } from '../src/main/core/platform/connection';
import { createRecordWriter } from '../src/main/core/sync/apply-records';
import { startPageDecoder, typescriptPageDecoderEntry } from '../src/main/core/sync/page-decoder';
import { pullChanges } from '../src/main/core/sync/pull-changes';
import { pushOutbox } from '../src/main/core/sync/push-outbox';
import { createRetailerApi } from '../src/main/core/sync/retailer-api';
import { startSyncWorker, typescriptSyncWorkerEntry } from '../src/main/core/sync/sync-worker-host';
import { createVocRecordSaver } from '../src/main/core/wrap-up/save-voc-record';
import type { Session } from '../src/shared/protocol/auth';
import type { RetailerRecord } from '../src/shared/protocol/records';
import { uuidV7 } from '../src/shared/uuid-v7';
import { collectBatches, countRows, rawInserter, timeLoad } from './bulk-load.bench';
import { figure, note, percentile, sampleLatencies, type Figure } from './lib/figures';

const CUSTOMERS = Number(process.env.KOE_BENCH_SYNC_CUSTOMERS ?? 50_000);
const TENANT = 'bench-retailer';
const agent = DEMO_USERS.find((u) => u.role === 'agent')!;

/**
 * Sync figures over real loopback HTTP against the real server (SQLite, in this process):
 * bootstrap rate vs raw local insert of the same rows, 10,000 incremental changes, wrap-up save
 * and push latencies, the screen pop while a bootstrap runs in the sync worker, and the server's
 * VoC ingest rate on SQLite (and PostgreSQL when KOE_TEST_DATABASE_URL is set).
 */
export async function benchSync(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-sync-bench-'));
  const batches = collectBatches(CUSTOMERS);
  const server = await startBenchServer({ sqliteFile: join(dir, 'server.sqlite') }, batches);
  const figures: Figure[] = [];
  try {
    const sessions = memorySessions();
    // Pages decoded on a thread of their own, as the app's sync worker does.
    const decoder = startPageDecoder(typescriptPageDecoderEntry);
    const api = createRetailerApi({ baseUrl: server.url, sessions, pageDecoder: decoder });
    await api.signIn(agent.email, DEMO_PASSWORD);

    // Bootstrap over loopback vs raw local insert of the same rows.
    const raw = await timeLoad(join(dir, 'raw.sqlite'), (sqlite) => {
      const insert = rawInserter(sqlite);
      let rows = 0;
      for (const b of batches) rows += insert(b);
      return rows;
    });
    const local = await openDatabase({ filename: join(dir, 'client.sqlite') });
    const start = process.hrtime.bigint();
    await pullChanges(local.sqlite, api);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const rows = countRows(local.sqlite);
    note(
      `bootstrap: ${rows} rows in ${seconds.toFixed(2)} s; raw insert ${raw.rows} rows in ${raw.seconds.toFixed(2)} s`,
    );
    figures.push(figure('sync_bootstrap', rows / seconds, 'rows/s', raw.rows / raw.seconds));

    // 10,000 incremental changes pulled and applied, vs applying the same records locally.
    // The first pull after a bootstrap runs the update path cold (JIT, a heap full of the
    // bootstrap's garbage): it is reported, and the figure is the median of the three after it.
    const pullChanged = async (day: string) => {
      await server.applyChanges(changedCustomers(batches, 10_000, `2026-11-${day}`));
      const deltaStart = process.hrtime.bigint();
      const delta = await pullChanges(local.sqlite, api);
      return { delta, seconds: Number(process.hrtime.bigint() - deltaStart) / 1e9 };
    };
    const cold = await pullChanged('23');
    const warm = [await pullChanged('24'), await pullChanged('25'), await pullChanged('26')];
    const delta = warm[0]!.delta;
    const deltaSeconds = percentile(
      warm.map((w) => w.seconds).sort((a, b) => a - b),
      50,
    );
    note(
      `10k incremental: first after the bootstrap ${cold.seconds.toFixed(3)} s; then ${warm.map((w) => w.seconds.toFixed(3)).join(', ')} s`,
    );
    const scratch = await openDatabase({ filename: join(dir, 'scratch.sqlite') });
    createRecordWriter(scratch.sqlite).apply(
      batches
        .flat()
        .filter((r) => r.type === 'customer')
        .slice(0, 10_000),
    );
    const localStart = process.hrtime.bigint();
    createRecordWriter(scratch.sqlite).apply(changedCustomers(batches, 10_000, '2026-11-27'));
    const localSeconds = Number(process.hrtime.bigint() - localStart) / 1e9;
    await scratch.close();
    note(`10k incremental: ${delta.records} records in ${delta.pages} pages`);
    figures.push(figure('sync_10k_incremental', deltaSeconds, 's', localSeconds));

    // Wrap-up save (durable) vs a raw single-row insert; wrap-up push vs a raw HTTP round trip.
    const save = createVocRecordSaver(local.sqlite);
    const records = Array.from({ length: 300 }, () => vocRecord());
    const rawInsert = local.sqlite.prepare('insert into sync_state (key, value) values (?, ?)');
    const rawSave = await sampleLatencies(
      records,
      (r) => rawInsert.run(`raw-${r.id}`, JSON.stringify(r)),
      0,
    );
    const saves = await sampleLatencies(records, (r) => save(r), 0);
    figures.push(figure('wrapup_save_p99', percentile(saves, 99), 'ms', percentile(rawSave, 99)));
    await pushOutbox(local.sqlite, api); // drain the ones above
    // 100: under the server's 120 pushes a minute per agent, so no answer is a 429.
    const pushRecords = Array.from({ length: 100 }, () => vocRecord());
    const pushes: number[] = [];
    for (const r of pushRecords) {
      save(r);
      const t = process.hrtime.bigint();
      await pushOutbox(local.sqlite, api);
      pushes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    pushes.sort((a, b) => a - b);
    const rawPosts = await sampleLatencies(
      Array.from({ length: 200 }, () => 0),
      async () => {
        const response = await fetch(`${server.url}/health`);
        await response.text();
      },
      20,
    );
    figures.push(figure('wrapup_push_p99', percentile(pushes, 99), 'ms', percentile(rawPosts, 99)));

    // Screen pop on this thread while the sync worker bootstraps into the same file.
    const phones = (
      local.sqlite.prepare('select e164 from customer_phones limit 2000').all() as {
        e164: string;
      }[]
    ).map((r) => r.e164);
    const byPhone = local.sqlite.prepare('select customer_id from customer_phones where e164 = ?');
    const pop = async (e164: string) => {
      const id = (byPhone.get(e164) as { customer_id: string }).customer_id;
      await readCustomerCard(local.db, id);
    };
    const idle = await sampleLatencies(phones, pop);
    local.sqlite.prepare(`delete from sync_state where key = 'cursor'`).run(); // forces a re-bootstrap
    let done = false;
    const worker = startSyncWorker({
      entry: typescriptSyncWorkerEntry,
      config: {
        dbFile: join(dir, 'client.sqlite'),
        baseUrl: server.url,
        pullIntervalMs: 3_600_000,
      },
      sessions,
      onStatus: (s) => {
        if (s.phase === 'idle' && s.online) done = true;
      },
    });
    const during: number[] = [];
    while (!done) {
      for (const latency of await sampleLatencies(phones.slice(0, 200), pop, 0))
        during.push(latency);
      // Reads resolve as microtasks: give the event loop a turn, or the worker's status
      // messages (like a UI thread's other events) would never be handled.
      await new Promise((r) => setImmediate(r));
    }
    await worker.stop();
    await decoder.close();
    during.sort((a, b) => a - b);
    note(`screen pop during bootstrap: ${during.length} samples`);
    figures.push(
      figure('screen_pop_p95_during_bootstrap', percentile(during, 95), 'ms', percentile(idle, 95)),
    );
    await local.close();
  } finally {
    await server.close();
  }

  figures.push(await benchVocIngest('sqlite', { sqliteFile: join(dir, 'ingest.sqlite') }));
  if (process.env.KOE_TEST_DATABASE_URL) {
    figures.push(
      await benchVocIngest('postgres', {
        sqliteFile: '',
        databaseUrl: process.env.KOE_TEST_DATABASE_URL,
      }),
    );
  }
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

function vocRecord() {
  const now = new Date().toISOString();
  return {
    id: uuidV7(),
    callId: null,
    agentId: agent.id,
    centerId: agent.centerId as string,
    customerId: null,
    orderId: null,
    reasonCodes: ['delivery.late'],
    predictedReason: null,
    sentiment: 'neutral' as const,
    resolution: 'resolved' as const,
    avoidable: true,
    customerWords: '配達予定日を過ぎても届かない',
    scriptId: null,
    scriptVersion: null,
    harassment: null,
    startedAt: now,
    endedAt: now,
    savedAt: now,
    afterCallWorkSeconds: 30,
    revision: 1,
  };
}

function changedCustomers(
  batches: RetailerRecord[][],
  count: number,
  day = '2026-11-23',
): RetailerRecord[] {
  return batches
    .flat()
    .filter((r): r is Extract<RetailerRecord, { type: 'customer' }> => r.type === 'customer')
    .slice(0, count)
    .map((r) => ({
      type: 'customer',
      data: { ...r.data, tier: 'gold', updatedAt: `${day}T12:00:00.000Z` },
    }));
}

function memorySessions() {
  let current: Session | null = null;
  return {
    load: () => current,
    save: (s: Session) => void (current = s),
    clear: () => void (current = null),
  };
}

async function startBenchServer(
  options: { sqliteFile: string; databaseUrl?: string },
  batches: RetailerRecord[][],
) {
  const store = await openServerStore(options);
  await createTenant(store.db, {
    id: TENANT,
    name: TENANT,
    centers: [{ id: agent.centerId as string, name: 'bench center' }],
    users: [agent],
    password: DEMO_PASSWORD,
  });
  for (const batch of batches)
    await store.db.transaction().execute((trx) => applyChanges(trx, TENANT, batch, []));
  await store.close();
  return startServerProcess(options.sqliteFile);
}

/**
 * The retailer's server in a process of its own (`npm run server`), as in production: its work
 * must not share the client's thread, or the figures would measure both at once.
 */
async function startServerProcess(sqliteFile: string) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      KOE_SERVER_DB: sqliteFile,
      KOE_TOKEN_SECRET: 'bench-secret',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (i > 300) throw new Error('The bench server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    /** Writes behind the server's back, as the retailer's order system would, on its own connection. */
    async applyChanges(records: RetailerRecord[]) {
      const store = await openServerStore({ sqliteFile });
      await store.db.transaction().execute((trx) => applyChanges(trx, TENANT, records, []));
      await store.close();
    },
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function startOn(store: ServerStore) {
  const notifier = await createChangeNotifier(store.pool);
  const app = await buildServer({ store, notifier, secret: 'bench-secret' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    store,
    close: async () => {
      await app.close();
      await notifier.close();
      await store.close();
    },
  };
}

/** VoC records/s through HTTP (batches of 100, 4 in flight) vs raw inserts of the same rows. */
export async function benchVocIngest(
  name: string,
  options: { sqliteFile: string; databaseUrl?: string },
): Promise<Figure> {
  const store = await openServerStore(options);
  if (options.databaseUrl) {
    await store.db.deleteFrom('voc_records').execute();
  }
  await createTenant(store.db, {
    id: TENANT,
    name: TENANT,
    centers: [{ id: agent.centerId as string, name: 'bench center' }],
    users: [agent],
    password: DEMO_PASSWORD,
  });
  const server = await startOn(store);
  const api = createRetailerApi({ baseUrl: server.url, sessions: memorySessions() });
  await api.signIn(agent.email, DEMO_PASSWORD);
  const batches = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => vocRecord()));
  const start = process.hrtime.bigint();
  for (let i = 0; i < batches.length; i += 4)
    await Promise.all(batches.slice(i, i + 4).map((b) => api.pushVoc(b)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const rawBatches = Array.from({ length: 100 }, () =>
    Array.from({ length: 100 }, () => vocRecord()),
  );
  const rawStart = process.hrtime.bigint();
  for (const b of rawBatches) {
    await store.db
      .insertInto('voc_records')
      .values(
        b.map((r) => ({
          tenant_id: TENANT,
          id: r.id,
          center_id: r.centerId,
          agent_id: r.agentId,
          content_hash: 'x',
          data: JSON.stringify(r),
          received_at: r.savedAt,
        })),
      )
      .execute();
  }
  const rawSeconds = Number(process.hrtime.bigint() - rawStart) / 1e9;
  await server.close();
  return figure(`server_voc_ingest_${name}`, 10_000 / seconds, 'records/s', 10_000 / rawSeconds);
}
