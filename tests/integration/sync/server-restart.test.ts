import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChanges } from '../../../server/src/data/change-log';
import { openServerStore } from '../../../server/src/db/connect';
import { DEMO_TENANT_ID } from '../../../server/src/seed';
import { openDatabase, type LocalDatabase } from '../../../src/main/core/platform/connection';
import { createRetailerApi } from '../../../src/main/core/sync/retailer-api';
import { createSyncEngine, type SyncEngine } from '../../../src/main/core/sync/sync-engine';
import type { SyncStatus } from '../../../src/shared/sync-status';
import { syncDisplayState } from '../../../src/shared/sync-display-state';
import { customerRecord } from '../../fixtures/retailer-records';
import { call, signIn } from '../../fixtures/test-server';
import { freePort, startServerProcess, type ServerProcess } from '../../fixtures/server-process';
import { memorySessions } from '../../../src/main/core/sync/memory-sessions';

const DEMO_PASSWORD = 'koe-demo';
const HEARTBEAT_MS = 200;

/**
 * A desk connected to the retailer API running as its own process, while that process is
 * stopped (SIGTERM), killed (SIGKILL), frozen (SIGSTOP) and started again on the same port and
 * data. The safety-net pull runs every 10 minutes here: anything that arrives sooner came
 * through the live stream or the pull made when it reconnected.
 */
describe('a desk under a retailer API that restarts', () => {
  let dir: string;
  let port: number;
  let server: ServerProcess;
  let local: LocalDatabase;
  let engine: SyncEngine;
  let status: SyncStatus;
  const watchers = new Set<() => void>();
  let nextCustomer = 0;

  const start = () =>
    startServerProcess({ port, sqliteFile: join(dir, 'server.sqlite'), heartbeatMs: HEARTBEAT_MS });

  /** Resolves at the first status (the current one included) that satisfies `test`. */
  const until = (what: string, test: (s: SyncStatus) => boolean) =>
    new Promise<SyncStatus>((done, fail) => {
      const check = () => {
        if (!test(status)) return;
        watchers.delete(check);
        clearTimeout(timer);
        done(status);
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        fail(new Error(`never ${what}; last status ${JSON.stringify(status)}`));
      }, 30_000);
      watchers.add(check);
      check();
    });
  const synced = () => until('synced', (s) => syncDisplayState(s) === 'synced');

  /** A new customer made by the retailer's admin; resolves when the server committed it. */
  async function retailerAddsCustomer(): Promise<string> {
    const id = `restart-${nextCustomer++}`;
    const admin = await signIn(server.url, 'admin@demo.koe.example', DEMO_PASSWORD);
    const answer = await call(server.url, admin, 'POST', '/v1/data/batch', {
      records: [customerRecord({ id, familyName: '再接続' })],
    });
    expect(answer.status).toBe(200);
    return id;
  }
  const hasCustomer = (id: string) =>
    local.sqlite.prepare('select count(*) as n from customers where id = ?').get(id) as {
      n: number;
    };
  /** Waits for the pull that brings customer `id` (each pull ends with an idle status). */
  const arrives = (id: string) =>
    until(`customer ${id} pulled`, (s) => s.phase === 'idle' && hasCustomer(id).n === 1);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-restart-'));
    port = await freePort();
    server = await start();
    local = await openDatabase({ filename: join(dir, 'desk.sqlite') });
    const api = createRetailerApi({ baseUrl: server.url, sessions: memorySessions() });
    await api.signIn('agent@demo.koe.example', DEMO_PASSWORD);
    engine = createSyncEngine({
      sqlite: local.sqlite,
      api,
      onStatus: (s) => {
        status = s;
        for (const watcher of [...watchers]) watcher();
      },
      pullIntervalMs: 10 * 60_000,
      stream: { silenceTimeoutMs: HEARTBEAT_MS * 5, reconnectBaseMs: 100, reconnectMaxMs: 400 },
    });
    status = engine.status();
    engine.start();
    await synced();
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    await local?.close();
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('hears a change through the stream, without waiting for a poll', async () => {
    const id = await retailerAddsCustomer();
    await arrives(id);
  });

  it('SIGTERM: the server ends the desks’ streams and exits promptly; the desk reconnects', async () => {
    const asked = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const shutdownMs = Date.now() - asked;
    // A stream held open used to keep the process alive forever.
    expect(shutdownMs).toBeLessThan(5_000);

    const lost = await until('not connected', (s) => syncDisplayState(s) === 'offline');
    expect(lost.stream).toBe('reconnecting');
    expect(lost.nextAttemptAt).not.toBeNull();

    server = await start();
    await synced();
    const id = await retailerAddsCustomer();
    await arrives(id);
  });

  it('SIGKILL: the desk sees its stream gone, says so, and comes back on the new process', async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    await until('not connected', (s) => syncDisplayState(s) === 'offline');
    server = await start();
    await synced();
    const id = await retailerAddsCustomer();
    await arrives(id);
  });

  it('a frozen server (no heartbeats, connection still open) is noticed and left', async () => {
    // SIGSTOP keeps the socket open but silent, like a host gone from the network: only the
    // missing heartbeats tell.
    server.child.kill('SIGSTOP');
    const silent = await until(
      'stream silence noticed',
      (s) => s.error?.code === 'stream_silent' && s.stream === 'reconnecting',
    );
    expect(syncDisplayState(silent)).toBe('offline');
    server.child.kill('SIGKILL');
    await server.exited;
    server = await start();
    await synced();
  });

  it('pulls once on reconnecting: a change made while the stream was down arrives', async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await until('not connected', (s) => syncDisplayState(s) === 'offline');
    // While this process is down, the retailer's data changes in the database it shares (another
    // process behind the balancer wrote it): no stream that is open now will ever announce it.
    const id = `while-down-${nextCustomer++}`;
    const store = await openServerStore({ sqliteFile: join(dir, 'server.sqlite') });
    await store.db
      .transaction()
      .execute((trx) =>
        applyChanges(trx, DEMO_TENANT_ID, [customerRecord({ id, familyName: '不在中' })], []),
      );
    await store.close();
    server = await start();
    await until('reconnected', (s) => s.stream === 'connected');
    await arrives(id);
  });
});
