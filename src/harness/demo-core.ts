import type { Role } from '../shared/protocol/auth';
import { startKoeCore, type KoeCore } from '../main/core/koe-core';
import { typescriptSyncWorkerEntry } from '../main/core/sync';
import { resolveRetailerConnection } from '../main/retailer-connection';
import { fileSessionStore } from './file-session-store';

export interface DemoCore {
  core: KoeCore;
  close(): Promise<void>;
}

/**
 * The core as the app starts it: the retailer set in Settings, or the embedded demo retailer on
 * loopback, synced by the sync worker (run under tsx here, bundled in the app).
 */
export async function startDemoCore(options: {
  dataDir: string;
  appVersion: string;
  /** The CTI bridge's port (see KoeCoreOptions.ctiPort); tests pass 0 for any free port. */
  ctiPort?: number | false;
  /** Sign in to the demo retailer as its user of this role (the agent by default). */
  demoRole?: Role;
}): Promise<DemoCore> {
  const { dataDir, appVersion } = options;
  const retailer = await resolveRetailerConnection({
    dataDir,
    sessions: fileSessionStore(dataDir),
    ...(options.demoRole ? { demoRole: options.demoRole } : {}),
  });
  try {
    const core = await startKoeCore({
      dataDir,
      appVersion,
      retailer: retailer.connection,
      savedSessions: retailer.savedSessions,
      syncWorkerEntry: typescriptSyncWorkerEntry,
      ...(options.ctiPort === undefined ? {} : { ctiPort: options.ctiPort }),
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
    if (count > 0 && status.phase === 'idle' && status.online) return count;
    if (status.error?.detail.startsWith('Sync stopped')) throw new Error(status.error.detail);
    if (Date.now() > deadline) {
      throw new Error(`No demo customers after ${timeoutMs} ms (sync: ${JSON.stringify(status)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
