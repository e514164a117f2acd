import { startEmbeddedDemoRetailer } from '../../server/src/embedded';
import type { Role } from '../shared/protocol/auth';
import type { RetailerConnection } from './core/koe-core';
import { loadPreferences } from './core/preferences';
import { memorySessions, type SessionStore } from './core/sync';

/**
 * Which retailer this desktop syncs with: the one set in Settings, or — when none is — the
 * embedded demo retailer, started on loopback inside the app and signed in as its demo agent.
 * Shared by the Electron shell and the browser harness, so both start the same way.
 */
export async function resolveRetailerConnection(options: {
  dataDir: string;
  sessions: SessionStore;
  /** The demo user's role (tests, and KOE_DEMO_ROLE in the browser preview); the agent otherwise. */
  demoRole?: Role;
}): Promise<{
  connection: RetailerConnection;
  savedSessions: SessionStore;
  close(): Promise<void>;
}> {
  const { retailerUrl } = loadPreferences(options.dataDir).get();
  if (retailerUrl) {
    return {
      connection: { baseUrl: retailerUrl, sessions: options.sessions },
      savedSessions: options.sessions,
      close: async () => {},
    };
  }
  const demo = await startEmbeddedDemoRetailer(options.dataDir, options.demoRole);
  return {
    // The demo retailer's session never outlives the process: it signs in again at each start.
    connection: { baseUrl: demo.url, sessions: memorySessions(), demoAgent: demo.agent },
    savedSessions: options.sessions,
    close: () => demo.close(),
  };
}
