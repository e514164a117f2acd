import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer, type ServerOptions } from '../../../server/src/app';
import { openServerStore, type ServerStore } from '../../../server/src/db/connect';
import { createChangeNotifier } from '../../../server/src/live/change-notifier';
import { createTenant, type SeedUser } from '../../../server/src/seed';
import type { VocRecord } from '../../../src/shared/domain/voc';
import { uuidV7 } from '../../../src/shared/uuid-v7';

export const PASSWORD = 'correct horse battery staple';

/** Two retailers, each with two centers and one user of every role per center. */
export const TENANTS = ['retailer-a', 'retailer-b'].map((tenantId) => {
  const centers = [`${tenantId}-center-x`, `${tenantId}-center-y`];
  const users: SeedUser[] = centers.flatMap((centerId) =>
    (['agent', 'trainer', 'supervisor'] as const).map((role) => ({
      id: `${centerId}-${role}`,
      email: `${role}@${centerId}.example`,
      role,
      centerId,
      displayName: `${role} of ${centerId}`,
    })),
  );
  users.push({
    id: `${tenantId}-admin`,
    email: `admin@${tenantId}.example`,
    role: 'retailer_admin',
    centerId: null,
    displayName: 'admin',
  });
  return { id: tenantId, centers, users };
});

export interface TestServer {
  url: string;
  store: ServerStore;
  /** Where its database is, as the server's commands take it (DATABASE_URL or KOE_SERVER_DB). */
  databaseEnv: { DATABASE_URL: string } | { KOE_SERVER_DB: string };
  /**
   * Another server process over the same PostgreSQL database (its own pool, LISTEN connection
   * and timers), as a second process behind a load balancer. PostgreSQL only.
   */
  startPeer(): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * A real server on loopback over a real database: a fresh SQLite file, or the PostgreSQL named
 * by KOE_TEST_DATABASE_URL (a fresh database per server), as `.ci/run` provides.
 */
export async function startTestServer(
  options: {
    postgres?: boolean;
    webhooks?: ServerOptions['webhooks'];
    /** The tests' receivers listen on loopback, so private targets are allowed unless given. */
    webhookTargets?: ServerOptions['webhookTargets'];
    timeZone?: string;
    alertEscalationMs?: number;
    signInLockout?: ServerOptions['signInLockout'];
    revocationReloadMs?: number;
    /** The floor's presence expiry, and the event stream's timing it is refreshed with. */
    presenceExpiryMs?: number;
    events?: ServerOptions['events'];
    centerStatusTtlMs?: number;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-server-'));
  const adminUrl = options.postgres ? process.env.KOE_TEST_DATABASE_URL : undefined;
  if (options.postgres && !adminUrl) throw new Error('KOE_TEST_DATABASE_URL is not set');
  const postgres = adminUrl ? await createPostgresDatabase(adminUrl) : null;
  const store = await openServerStore({
    ...(postgres ? { databaseUrl: postgres.url } : {}),
    sqliteFile: join(dir, 'server.sqlite'),
  });
  for (const t of TENANTS) {
    await createTenant(store.db, {
      id: t.id,
      name: t.id,
      centers: t.centers.map((id) => ({ id, name: id })),
      users: t.users,
      password: PASSWORD,
    });
  }
  const notifier = await createChangeNotifier(store.pool);
  const build = (store: ServerStore, notifier: ServerOptions['notifier']) =>
    buildServer({
      store,
      notifier,
      secret: 'test-secret-0123456789',
      ...(options.webhooks !== undefined ? { webhooks: options.webhooks } : {}),
      webhookTargets: options.webhookTargets ?? { allowPrivate: true },
      updateFilesDir: join(dir, 'update-files'),
      ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
      ...(options.alertEscalationMs !== undefined
        ? { alertEscalationMs: options.alertEscalationMs }
        : {}),
      ...(options.signInLockout !== undefined ? { signInLockout: options.signInLockout } : {}),
      ...(options.revocationReloadMs !== undefined
        ? { revocationReloadMs: options.revocationReloadMs }
        : {}),
      ...(options.presenceExpiryMs !== undefined
        ? { presenceExpiryMs: options.presenceExpiryMs }
        : {}),
      ...(options.events !== undefined ? { events: options.events } : {}),
      ...(options.centerStatusTtlMs !== undefined
        ? { centerStatusTtlMs: options.centerStatusTtlMs }
        : {}),
    });
  const app = await build(store, notifier);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const peers: (() => Promise<void>)[] = [];
  return {
    url,
    store,
    databaseEnv: postgres
      ? { DATABASE_URL: postgres.url }
      : { KOE_SERVER_DB: join(dir, 'server.sqlite') },
    async startPeer() {
      if (!postgres) throw new Error('A peer process needs PostgreSQL');
      const peerStore = await openServerStore({
        databaseUrl: postgres.url,
        sqliteFile: join(dir, 'unused.sqlite'),
      });
      const peerNotifier = await createChangeNotifier(peerStore.pool);
      const peer = await build(peerStore, peerNotifier);
      const peerUrl = await peer.listen({ port: 0, host: '127.0.0.1' });
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        await peer.close();
        await peerNotifier.close();
        await peerStore.close();
      };
      peers.push(close);
      return { url: peerUrl, close };
    },
    close: async () => {
      for (const close of peers) await close();
      await app.close();
      await notifier.close();
      await store.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database of its own for each test server, created from the one KOE_TEST_DATABASE_URL names
 * and dropped at close: test files run in parallel and must not share tables.
 */
export async function createPostgresDatabase(
  url: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `koe_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // An autovacuum worker (another role's process) may hold the database for a moment:
        // FORCE cannot end it, so try again shortly rather than fail the suite at cleanup.
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (error) {
            if (attempt >= 5 || !/pg_signal_backend|being accessed/.test(String(error)))
              throw error;
            await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

export async function signIn(url: string, email: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function call(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  /** More request headers (e.g. the desk's id). */
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...extraHeaders,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, json, headers: response.headers };
}

/**
 * What an agent's desk reports as each proactive call goes on the line (an `on_call` change
 * naming the call and customer): the server takes a proactive outcome only for such a call.
 */
export async function reportOutreachCalls(
  url: string,
  token: string,
  records: readonly Pick<VocRecord, 'callId' | 'customerId' | 'startedAt'>[],
): Promise<number> {
  const reply = await call(url, token, 'POST', '/v1/agent-state/changes', {
    changes: records.map((r) => ({
      id: uuidV7(),
      status: 'on_call',
      reason: null,
      at: r.startedAt,
      call: { callId: r.callId, customerId: r.customerId, direction: 'outbound' },
    })),
  });
  return reply.status;
}

/** An open `GET /v1/events` stream as text: read on until a marker, or one chunk more. */
export async function openEventStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const more = async () => (text += decoder.decode((await reader.read()).value));
  return {
    more,
    async until(marker: string) {
      while (!text.includes(marker)) await more();
      return text;
    },
    close: () => controller.abort(),
  };
}
