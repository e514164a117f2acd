import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  cacheFileName,
  startKoeCore,
  type KoeCore,
  type KoeCoreOptions,
  type RetailerConnection,
} from '../../src/main/core/koe-core';
import { memorySessions } from '../../src/main/core/sync/memory-sessions';
import { typescriptSyncWorkerEntry } from '../../src/main/core/sync/sync-worker-host';
import type { IpcChannel, IpcEventName, IpcEvents, IpcOutput } from '../../src/shared/ipc';
import { session as sessionSchema, type Session } from '../../src/shared/protocol/auth';
import { PASSWORD, startTestServer, type TestServer } from './server/test-server';
import { startFaultProxy, type FaultProxy } from './sync/fault-proxy';

/**
 * One desk as the app starts it (the core, its sync worker and live stream) against a real
 * retailer API on loopback (SQLite, or PostgreSQL when KOE_TEST_DATABASE_URL is set), through a
 * proxy that can take the network away, signed in as `agentEmail`. Registers its own beforeAll
 * and afterAll (a suite's own afterAll runs before the desk is torn down).
 */
export interface DeskWithRetailer {
  readonly server: TestServer;
  /** Between the desk and the retailer: `setOffline(true)` takes the network away. */
  readonly proxy: FaultProxy;
  /** The running core (a new one after `restartCore`). */
  readonly core: KoeCore;
  readonly dataDir: string;
  /** The desk's cache file (for the tests that read or edit it as someone with the PC would). */
  readonly cacheFile: string;
  /** The agent's session the desk holds (null before `signIn` on a desk started signed out). */
  session(): Session | null;
  /** Signs the agent in as the app's sign-in would (for a desk started with `signedOut`). */
  signIn(): Promise<void>;
  /** Closes the core and starts it again on the same folder and session. */
  restartCore(): Promise<KoeCore>;
  /** A channel through the core's router (validation included), typed by the contract. */
  invoke<C extends IpcChannel>(channel: C, input: unknown): Promise<IpcOutput<C>>;
  /** Resolves at the first event `name` whose payload `match` accepts; fails after `ms`. */
  nextEvent<E extends IpcEventName>(
    name: E,
    match: (payload: IpcEvents[E]) => boolean,
    ms?: number,
  ): Promise<IpcEvents[E]>;
}

export interface DeskWithRetailerOptions {
  agentEmail: string;
  /** Starts with no session: the suite signs in with `desk.signIn()` when it wants to. */
  signedOut?: boolean;
  /** The data folder's name prefix under the OS temp dir. */
  tempPrefix: string;
  /** Runs on the started server before the agent signs in (seeding the retailer's data). */
  seed?: (server: TestServer) => Promise<void>;
  /** Options for the core on top of the defaults (no CTI bridge, no predictions). */
  core?: Partial<KoeCoreOptions>;
  /**
   * Runs right after the core started, in the same hook (so no event is missed in between): the
   * suite's own setup that needs the desk (waiting for its first pull, opening the supervisor's
   * stream).
   */
  afterStart?: (desk: DeskWithRetailer) => Promise<void>;
  /** How long the whole start may take. */
  startTimeoutMs?: number;
}

export function useDeskWithRetailer(options: DeskWithRetailerOptions): DeskWithRetailer {
  let server: TestServer | undefined;
  let proxy: FaultProxy | undefined;
  let core: KoeCore | undefined;
  let dataDir: string | undefined;
  let retailer: RetailerConnection | undefined;
  const sessions = memorySessions();
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The desk's ${what} is not started yet`);
    return value;
  };
  const startCore = () =>
    startKoeCore({
      dataDir: started(dataDir, 'data folder'),
      appVersion: 'test',
      retailer: started(retailer, 'retailer'),
      syncWorkerEntry: typescriptSyncWorkerEntry,
      ctiPort: false,
      predictions: false,
      ...options.core,
    });

  const desk: DeskWithRetailer = {
    get server() {
      return started(server, 'server');
    },
    get proxy() {
      return started(proxy, 'proxy');
    },
    get core() {
      return started(core, 'core');
    },
    get dataDir() {
      return started(dataDir, 'data folder');
    },
    get cacheFile() {
      return join(desk.dataDir, cacheFileName(started(retailer, 'retailer')));
    },
    session: () => sessions.load(),
    async signIn() {
      sessions.save(await signInSession(desk.server.url, options.agentEmail));
    },
    async restartCore() {
      await desk.core.close();
      core = undefined;
      core = await startCore();
      return core;
    },
    async invoke(channel, input) {
      const result = await desk.core.router.handle(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as IpcOutput<typeof channel>;
    },
    nextEvent: (name, match, ms) => nextEventOf(desk.core, name, match, ms),
  };

  beforeAll(async () => {
    server = await startTestServer({ postgres: Boolean(process.env.KOE_TEST_DATABASE_URL) });
    proxy = await startFaultProxy({ target: server.url, seed: 1, rate: 0 });
    await options.seed?.(server);
    if (!options.signedOut) await desk.signIn();
    retailer = { baseUrl: proxy.url, sessions };
    dataDir = mkdtempSync(join(tmpdir(), options.tempPrefix));
    core = await startCore();
    await options.afterStart?.(desk);
  }, options.startTimeoutMs ?? 60_000);

  afterAll(async () => {
    await core?.close();
    await proxy?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return desk;
}

async function signInSession(url: string, email: string) {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return sessionSchema.parse(await response.json());
}

function nextEventOf<E extends IpcEventName>(
  core: KoeCore,
  name: E,
  match: (payload: IpcEvents[E]) => boolean,
  ms = 15_000,
): Promise<IpcEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`No matching ${name} in ${ms} ms`));
    }, ms);
    const off = core.events.subscribe((event, payload) => {
      if ((event as IpcEventName) !== name) return;
      const typed = payload as unknown as IpcEvents[E];
      if (!match(typed)) return;
      clearTimeout(timer);
      off();
      resolve(typed);
    });
  });
}
