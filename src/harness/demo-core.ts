import { seedDemoDataIfEmpty } from '../main/core/demo/seed-demo-data';
import { startKoeCore, type KoeCore } from '../main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../main/core/sync/sync-worker-host';
import { fileSessionStore } from './file-session-store';

export interface DemoCore {
  core: KoeCore;
  close(): Promise<void>;
}

/**
 * Where the demo customers come from:
 * - `embedded-retailer`: as the app starts with no retailer configured: the embedded demo
 *   retailer on loopback, and the core syncing from it (the sync worker runs under tsx).
 * - `seeded-cache`: the demo data set written straight into the local cache, no retailer and no
 *   sync: faster and independent of sync timing, for tests of the UI.
 */
export type DemoDataSource = 'embedded-retailer' | 'seeded-cache';

export async function startDemoCore(options: {
  dataDir: string;
  appVersion: string;
  source?: DemoDataSource;
}): Promise<DemoCore> {
  const { dataDir, appVersion } = options;
  if (options.source === 'seeded-cache') {
    const core = await startKoeCore({ dataDir, appVersion });
    await seedDemoDataIfEmpty(core.database);
    return { core, close: () => core.close() };
  }

  // Loaded only on this path: the seeded cache needs no Fastify server.
  const { startEmbeddedDemoRetailer } = await import('../../server/src/embedded');
  const retailer = await startEmbeddedDemoRetailer(dataDir);
  try {
    const core = await startKoeCore({
      dataDir,
      appVersion,
      retailer: {
        baseUrl: retailer.url,
        sessions: fileSessionStore(dataDir),
        demoAgent: retailer.agent,
      },
      syncWorkerEntry: typescriptSyncWorkerEntry,
    });
    return {
      core,
      async close() {
        await core.close();
        await retailer.close();
      },
    };
  } catch (error) {
    await retailer.close();
    throw error;
  }
}

/** Resolves once the cache holds customers and no pull is running (the first sync is done). */
export async function waitForCustomers(core: KoeCore, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await core.router.handle('app:info', {});
    const count = info.ok ? (info.value as { customerCount: number }).customerCount : 0;
    const status = core.syncStatus();
    if (count > 0 && status.phase === 'idle') return count;
    if (Date.now() > deadline) {
      throw new Error(`No demo customers after ${timeoutMs} ms (sync: ${JSON.stringify(status)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
