import { createServer, Socket, type Server } from 'node:net';
import { startEmbeddedDemoRetailer, type EmbeddedDemoRetailer } from '../../server/src/embedded';
import { startKoeCore, type KoeCore } from '../../src/main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../../src/main/core/sync/sync-worker-host';
import { fileSessionStore } from '../../src/harness/file-session-store';
import type { DemoCore } from '../../src/harness/demo-core';

/**
 * The core as `startDemoCore` starts it (the embedded demo retailer, signed in as its demo
 * agent, the same `koe.sqlite` cache), except that the test may take the retailer down and
 * bring it back, and restart the core on the same data folder — an app restart.
 *
 * The retailer listens on a new port each time it starts, so the core reaches it through a
 * loopback TCP relay with a fixed port: while the retailer is down, the relay's connections
 * fail as a dead server's would.
 */
export interface RestartableCore extends DemoCore {
  /** The retailer API as the core sees it (the relay's address). */
  retailerUrl: string;
  stopRetailer(): Promise<void>;
  startRetailer(): Promise<void>;
  /** Closes the core (sync worker, database, CTI bridge) and starts it again on the same data. */
  restartCore(): Promise<void>;
}

export async function startRestartableCore(options: {
  dataDir: string;
  appVersion: string;
  ctiPort?: number | false;
}): Promise<RestartableCore> {
  const { dataDir, appVersion } = options;
  let retailer: EmbeddedDemoRetailer | null = await startEmbeddedDemoRetailer(dataDir);
  const agent = retailer.agent;
  const relay = await startRelay(() => (retailer ? Number(new URL(retailer.url).port) : null));
  const retailerUrl = `http://127.0.0.1:${relay.port}`;

  // The session is kept in the data folder, as a configured retailer's is (safeStorage in the
  // app): a core restarted while the retailer is down syncs again when it returns. (The demo
  // retailer's in-memory session would be lost, and its one sign-in at start fails offline.)
  const sessions = fileSessionStore(dataDir);
  const startCore = () =>
    startKoeCore({
      dataDir,
      appVersion,
      retailer: { baseUrl: retailerUrl, sessions, demoAgent: agent },
      savedSessions: sessions,
      syncWorkerEntry: typescriptSyncWorkerEntry,
      // Outages here last seconds: reconnect within 2 s of the retailer's return, not 30.
      syncStream: { reconnectMaxMs: 2_000 },
      ...(options.ctiPort === undefined ? {} : { ctiPort: options.ctiPort }),
    });

  let core: KoeCore;
  try {
    core = await startCore();
  } catch (error) {
    await relay.close();
    await retailer.close();
    throw error;
  }

  return {
    get core() {
      return core;
    },
    retailerUrl,
    async stopRetailer() {
      const stopping = retailer;
      retailer = null;
      // Cut the open connections first (the sync's event stream would hold the server open).
      relay.dropConnections();
      await stopping?.close();
    },
    async startRetailer() {
      if (!retailer) retailer = await startEmbeddedDemoRetailer(dataDir);
    },
    async restartCore() {
      await core.close();
      core = await startCore();
    },
    async close() {
      await core.close();
      await relay.close();
      await retailer?.close();
    },
  };
}

interface Relay {
  port: number;
  dropConnections(): void;
  close(): Promise<void>;
}

/** A loopback TCP relay to whatever port `target()` names now (null: refuse like a dead host). */
async function startRelay(target: () => number | null): Promise<Relay> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    const port = target();
    if (port === null) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    track(upstream);
    upstream.connect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('relay has no port');
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    dropConnections,
    close: () =>
      new Promise<void>((resolve) => {
        dropConnections();
        server.close(() => resolve());
      }),
  };
}
