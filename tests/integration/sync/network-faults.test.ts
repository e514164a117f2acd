import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSequence } from '../../../server/src/data/change-log';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { pullChanges } from '../../../src/main/core/sync/pull-changes';
import { pushOutbox } from '../../../src/main/core/sync/push-outbox';
import { createRetailerApi, type RetailerApi } from '../../../src/main/core/sync/retailer-api';
import { SyncError } from '../../../src/main/core/sync/sync-error';
import { createSyncEngine } from '../../../src/main/core/sync/sync-engine';
import { createVocRecordSaver } from '../../../src/main/core/wrap-up/save-voc-record';
import type { VocRecord } from '../../../src/shared/domain/voc';
import type { SyncStatus } from '../../../src/shared/sync-status';
import {
  customerRecord,
  orderRecord,
  shipmentRecord,
  vocFor,
} from '../../fixtures/retailer-records';
import {
  call,
  PASSWORD,
  signIn,
  startTestServer,
  type TestServer,
} from '../../fixtures/test-server';
import { FAULTS, seededRandom, startFaultProxy, type FaultProxy } from '../../fixtures/fault-proxy';
import { memorySessions } from '../../../src/main/core/sync/memory-sessions';

const TENANT = 'retailer-a';
const AGENT = { id: 'retailer-a-center-x-agent', center: 'retailer-a-center-x' };
const AGENT_EMAIL = 'agent@retailer-a-center-x.example';
const SYNCED = { customer: 'customers', order: 'orders', shipment: 'shipments' } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sync through a faulty network', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let local: LocalDatabase;
  let admin: string;
  let api: RetailerApi;
  let nextCustomer = 0;
  let clock = Date.parse('2026-11-20T00:00:00.000Z');
  const random = seededRandom(7);

  const tree = (n: number) => [
    customerRecord({
      id: `c${n}`,
      phones: [{ number: `090-2000-${String(n).padStart(4, '0')}`, kind: 'mobile' }],
    }),
    orderRecord({ id: `o${n}`, customerId: `c${n}` }),
    shipmentRecord({ id: `s${n}`, orderId: `o${n}` }),
  ];

  async function adminBatch(body: unknown): Promise<void> {
    const answer = await call(server.url, admin, 'POST', '/v1/data/batch', body);
    expect(answer.status).toBe(200);
  }

  async function liveIds(type: keyof typeof SYNCED): Promise<string[]> {
    const rows = await server.store.db
      .selectFrom('records')
      .select('id')
      .where('tenant_id', '=', TENANT)
      .where('type', '=', type)
      .where('deleted', '=', 0)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** New customers, updated ones, deleted shipments and a whole deleted customer. */
  async function changeServerData(): Promise<void> {
    const customers = await liveIds('customer');
    const shipments = await liveIds('shipment');
    const pick = (ids: string[]) => ids.splice(Math.floor(random() * ids.length), 1)[0]!;
    const gone = pick(customers);
    const n = Number(gone.slice(1));
    const records = [];
    for (let i = 0; i < 20; i++) records.push(...tree(nextCustomer++));
    for (let i = 0; i < 10; i++) {
      records.push(
        customerRecord({
          id: pick(customers),
          familyName: '高橋',
          updatedAt: new Date((clock += 1_000)).toISOString(),
        }),
      );
    }
    const deletions: { type: keyof typeof SYNCED; id: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const id = pick(shipments);
      if (id !== `s${n}`) deletions.push({ type: 'shipment', id });
    }
    // The cache drops a customer's orders and shipments with it; so does the retailer here.
    if (shipments.includes(`s${n}`)) deletions.push({ type: 'shipment', id: `s${n}` });
    deletions.push({ type: 'order', id: `o${n}` }, { type: 'customer', id: gone });
    await adminBatch({ records, deletions });
  }

  /** Differences between the local cache and the server's records; empty when equal. */
  async function cacheDifferences(): Promise<string[]> {
    const want = new Map(
      (
        await server.store.db
          .selectFrom('records')
          .select(['type', 'id', 'updated_at'])
          .where('tenant_id', '=', TENANT)
          .where('deleted', '=', 0)
          .where('type', 'in', Object.keys(SYNCED))
          .execute()
      ).map((r) => [`${r.type}/${r.id}`, r.updated_at]),
    );
    const have = new Map<string, string>(
      Object.entries(SYNCED).flatMap(([type, table]) =>
        (
          local.sqlite.prepare(`select id, updated_at from ${table}`).all() as {
            id: string;
            updated_at: string;
          }[]
        ).map((r) => [`${type}/${r.id}`, r.updated_at] as const),
      ),
    );
    const differences: string[] = [];
    for (const [key, at] of want) if (have.get(key) !== at) differences.push(`server ${key} ${at}`);
    for (const [key, at] of have) if (want.get(key) !== at) differences.push(`local ${key} ${at}`);
    return differences;
  }

  const cursor = () =>
    (
      local.sqlite.prepare(`select value from sync_state where key = 'cursor'`).get() as
        { value: string } | undefined
    )?.value ?? null;

  const outboxCounts = () =>
    Object.fromEntries(
      (
        local.sqlite.prepare('select state, count(*) as n from outbox group by state').all() as {
          state: string;
          n: number;
        }[]
      ).map((r) => [r.state, r.n]),
    );

  async function vocOnServer(): Promise<Map<string, number>> {
    const rows = await server.store.db
      .selectFrom('voc_records')
      .select(['id', 'data'])
      .where('tenant_id', '=', TENANT)
      .execute();
    const count = new Map<string, number>();
    for (const r of rows) count.set(r.id, (count.get(r.id) ?? 0) + 1);
    return count;
  }

  async function retry<T>(action: () => Promise<T>, errors: Record<string, number>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (!(error instanceof SyncError) || attempt > 200) throw error;
        errors[error.kind] = (errors[error.kind] ?? 0) + 1;
        if (error.kind === 'rate_limited') await sleep(error.retryAfterMs ?? 1_000);
      }
    }
  }

  beforeEach(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, `admin@${TENANT}.example`);
    const records = [];
    for (nextCustomer = 0; nextCustomer < 400; nextCustomer++) records.push(...tree(nextCustomer));
    await adminBatch({ records });
    proxy = await startFaultProxy({ target: server.url, seed: 20_261_123 });
    local = await openDatabase({ filename: ':memory:' });
    api = createRetailerApi({ baseUrl: proxy.url, sessions: memorySessions() });
  });
  afterEach(async () => {
    await local.close();
    await proxy.close();
    await server.close();
  });

  it('converges through drops, 5xx, slow and cut answers: the cache equals the server, each wrap-up lands once', async () => {
    const errors: Record<string, number> = {};
    const save = createVocRecordSaver(local.sqlite);
    const saved: VocRecord[] = [];
    const saveSome = (count: number) => {
      for (let i = 0; i < count; i++) {
        const record = vocFor(AGENT.id, AGENT.center, { callId: `call-${saved.length}` });
        save(record);
        saved.push(record);
      }
    };

    // Signed in once while the network worked; then it goes away and wrap-ups pile up.
    await api.signIn(AGENT_EMAIL, PASSWORD);
    proxy.setOffline(true);
    saveSome(150);
    const offline = await pushOutbox(local.sqlite, api);
    expect(offline).toMatchObject({ sent: 0, quarantined: 0 });
    expect(offline.retryAt).not.toBeNull();
    await expect(pullChanges(local.sqlite, api)).rejects.toMatchObject({ kind: 'offline' });
    proxy.setOffline(false);

    // Back, but at a high fault rate: the client retries as the engine would — a failed push
    // waits for its retryAt (a virtual clock jumps there), a failed pull is tried again and
    // resumes after the last page it committed.
    proxy.setRate(0.6);
    let now = Date.now();
    const syncUntilConverged = async () => {
      for (let round = 1; ; round++) {
        expect(round, 'sync did not converge').toBeLessThan(300);
        now = Math.max(now, Date.now());
        const pushed = await retry(
          () => pushOutbox(local.sqlite, api, () => new Date(now)),
          errors,
        );
        // Nothing due yet, or a failure: time moves on to the next attempt the outbox asks for.
        const next =
          pushed.retryAt ??
          (
            local.sqlite
              .prepare(`select min(next_attempt_at) as at from outbox where state = 'pending'`)
              .get() as { at: string | null }
          ).at;
        if (next) now = Math.max(now, Date.parse(next));
        try {
          await pullChanges(local.sqlite, api, { pageSize: 100 });
        } catch (error) {
          if (!(error instanceof SyncError)) throw error;
          errors[error.kind] = (errors[error.kind] ?? 0) + 1;
          if (error.kind === 'rate_limited') await sleep(error.retryAfterMs ?? 1_000);
          continue;
        }
        if (Object.keys(outboxCounts()).length === 0) return round;
      }
    };

    await syncUntilConverged();
    expect(await cacheDifferences()).toEqual([]);
    expect(cursor()).toBe(String(await latestSequence(server.store.db, TENANT)));

    // Deltas: the retailer changes and deletes data while the agent keeps saving wrap-ups.
    for (let round = 0; round < 4; round++) {
      await changeServerData();
      saveSome(40);
      await syncUntilConverged();
      expect(await cacheDifferences()).toEqual([]);
      expect(cursor()).toBe(String(await latestSequence(server.store.db, TENANT)));
    }

    const onServer = await vocOnServer();
    expect([...onServer.keys()].sort()).toEqual(saved.map((r) => r.id).sort());
    expect([...onServer.values()].every((n) => n === 1)).toBe(true);
    expect(outboxCounts()).toEqual({});
    expect(local.sqlite.prepare('select count(*) as n from voc_records').get()).toEqual({
      n: saved.length,
    });

    // Every fault was met, and the client saw the failures they cause.
    const counts = proxy.counts();
    console.log(
      `network faults: ${proxy.log.length} requests ${JSON.stringify(counts)}; client errors ${JSON.stringify(errors)}`,
    );
    for (const fault of FAULTS) expect(counts[fault], fault).toBeGreaterThan(0);
    expect(errors).toMatchObject({
      offline: expect.any(Number),
      server: expect.any(Number),
      invalid_response: expect.any(Number),
    });
  }, 120_000);

  it('refuses a truncated or garbled page as invalid_response and applies nothing of it', async () => {
    await api.signIn(AGENT_EMAIL, PASSWORD);
    // A first page commits; the second is cut mid-body: the bootstrap stops after page one.
    proxy.force('pass', '/v1/sync/pull');
    proxy.force('truncate', '/v1/sync/pull');
    await expect(pullChanges(local.sqlite, api, { pageSize: 100 })).rejects.toMatchObject({
      name: 'SyncError',
      kind: 'invalid_response',
    });
    const cut = proxy.log.filter((e) => e.fault === 'truncate');
    expect(cut).toHaveLength(1);
    expect(cut[0]!.sentBytes).toBeLessThan(cut[0]!.totalBytes!);
    expect(cursor()).toBe('100');
    const count = (table: string) =>
      (local.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(count('customers') + count('orders') + count('shipments')).toBe(100);

    // The bootstrap finishes; then a delta arrives garbled, then cut: the cache is untouched.
    await pullChanges(local.sqlite, api, { pageSize: 100 });
    expect(await cacheDifferences()).toEqual([]);
    const before = cursor();
    await adminBatch({
      records: [
        customerRecord({ id: 'c1', familyName: '高橋', updatedAt: '2026-11-22T00:00:00.000Z' }),
      ],
      deletions: [{ type: 'shipment', id: 's2' }],
    });
    for (const fault of ['garble', 'truncate'] as const) {
      proxy.force(fault, '/v1/sync/pull');
      await expect(pullChanges(local.sqlite, api, { pageSize: 100 })).rejects.toMatchObject({
        kind: 'invalid_response',
      });
      expect(cursor()).toBe(before);
      expect(
        local.sqlite.prepare(`select family_name from customers where id = 'c1'`).get(),
      ).toEqual({ family_name: '佐藤' });
      expect(count('shipments')).toBe(400);
    }
    // Whole again: it applies.
    await pullChanges(local.sqlite, api, { pageSize: 100 });
    expect(await cacheDifferences()).toEqual([]);
    expect(count('shipments')).toBe(399);
  });

  it('the sync engine reaches online with an empty outbox through the faulty proxy', async () => {
    const errors: Record<string, number> = {};
    await retry(() => api.signIn(AGENT_EMAIL, PASSWORD), errors);
    const save = createVocRecordSaver(local.sqlite);
    const saved = Array.from({ length: 30 }, (_, i) =>
      vocFor(AGENT.id, AGENT.center, { callId: `engine-${i}` }),
    );
    for (const record of saved) save(record);

    const statuses: SyncStatus[] = [];
    const engine = createSyncEngine({
      sqlite: local.sqlite,
      api,
      onStatus: (s) => statuses.push(s),
      pullIntervalMs: 200,
      pageSize: 200,
    });
    // The first push is stored but its answer lost; the first pulls meet a dead connection and
    // a failing server; then faults at random.
    proxy.force('drop_after', '/v1/voc/batch');
    proxy.force('drop', '/v1/sync/pull');
    proxy.force('error_500', '/v1/sync/pull');
    proxy.setRate(0.3);
    const latest = () => latestSequence(server.store.db, TENANT);
    const converged = async () => {
      const s = engine.status();
      return (
        s.online &&
        s.pendingOutbox === 0 &&
        s.quarantined === 0 &&
        s.error === null &&
        cursor() === String(await latest())
      );
    };
    /**
     * Waits for the engine to converge. Its backoff after consecutive failures grows to minutes;
     * every few seconds the test asks for a cycle, as a change notice or the agent would.
     */
    const waitForConvergence = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      let nudged = Date.now();
      while (!(await converged())) {
        if (Date.now() > deadline)
          throw new Error(`no convergence; last status ${JSON.stringify(engine.status())}`);
        if (Date.now() - nudged > 3_000) {
          nudged = Date.now();
          void engine.syncNow();
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      engine.start();
      await waitForConvergence(90_000);
      expect(await cacheDifferences()).toEqual([]);

      // More work while it runs: server-side changes arrive by the live stream (or the
      // timer), a new wrap-up is pushed on the next cycle.
      await changeServerData();
      const more = vocFor(AGENT.id, AGENT.center, { callId: 'engine-late' });
      save(more);
      saved.push(more);
      void engine.syncNow();
      await waitForConvergence(90_000);
      expect(await cacheDifferences()).toEqual([]);
    } finally {
      await engine.stop();
    }
    expect(engine.status()).toMatchObject({ online: true, pendingOutbox: 0, quarantined: 0 });
    // The failures were seen on the way: offline (the dropped pull) and a server error.
    expect(statuses.some((s) => !s.online && s.error !== null)).toBe(true);
    expect(statuses.some((s) => s.online && s.error !== null)).toBe(true);
    const onServer = await vocOnServer();
    expect([...onServer.keys()].sort()).toEqual(saved.map((r) => r.id).sort());
    expect([...onServer.values()].every((n) => n === 1)).toBe(true);
    console.log(
      `engine through the proxy: ${statuses.length} statuses, ${proxy.log.length} requests ${JSON.stringify(proxy.counts())}`,
    );
  }, 200_000);
});
